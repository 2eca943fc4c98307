import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APISelectMenuOption,
} from 'discord.js';
import type { Reply, SuggestedAction } from '../../agents/types.js';
import type { TrackCard } from '../../core/cards.js';
import { encodeCustomId, trackKey, verbOf } from './custom-ids.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message#create-message). */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedTotal: 6000,
  fields: 25,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
} as const;

/** Per-song budgets before escaping (escaping at most doubles them); the totals are enforced afterwards. */
const SONG_TITLE_CHARS = 100;
const SONG_ARTIST_CHARS = 100;
const SONG_WHY_CHARS = 300;
const SONG_WHY_SHORT_CHARS = 100;

const EMBED_COLOR = 0x1db954;
const FOOTER =
  'Keep talking: "more", "calmer", "only Spanish", "more like the 2nd", "why the 3rd?", "start over".';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** What discord.js sends: content, embeds and components as raw API objects, and never a mass ping. */
export interface DiscordPayload {
  content: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  allowedMentions: { parse: ('users' | 'roles' | 'everyone')[]; repliedUser: boolean };
}

const noMentions = (): DiscordPayload['allowedMentions'] => ({ parse: [], repliedUser: false });

export interface RenderOptions {
  /** The conversation the buttons act on. */
  conversationId: string;
  /** False when the bot lacks Embed Links here: songs go into plain text. */
  embeds: boolean;
  /** A line shown above the reply (e.g. which permission is missing). */
  notice?: string;
}

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half of a surrogate pair (emoji) at the cut.
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/** Escapes text shown inside `[…](url)`: markdown plus the brackets that would end the link text. */
function escapeLinkText(text: string): string {
  return escapeMarkdown(text).replace(/([[\]])/g, '\\$1');
}

/** An https URL safe inside `(…)`, or undefined (then the title is shown without a link). */
function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function artistsOf(card: TrackCard): string {
  return truncate(card.artists.join(', '), SONG_ARTIST_CHARS);
}

function songBlock(card: TrackCard, whyChars: number): string {
  const title = truncate(card.title, SONG_TITLE_CHARS);
  const url = safeUrl(card.spotifyUrl);
  const linked = url ? `[${escapeLinkText(title)}](${url})` : `**${escapeMarkdown(title)}**`;
  const year = card.year ? ` (${card.year})` : '';
  const why = card.why ? `\n${escapeMarkdown(truncate(card.why, whyChars))}` : '';
  return `**${card.rank}.** ${linked} — ${escapeMarkdown(artistsOf(card))}${year}${why}`;
}

function plainSongBlock(card: TrackCard, whyChars: number): string {
  const title = escapeMarkdown(truncate(card.title, SONG_TITLE_CHARS));
  const url = safeUrl(card.spotifyUrl);
  const year = card.year ? ` (${card.year})` : '';
  // `<url>` keeps Discord from unfurling five previews under the list.
  const link = url ? `\n<${url}>` : '';
  const why = card.why ? `\n${escapeMarkdown(truncate(card.why, whyChars))}` : '';
  return `**${card.rank}. ${title}** — ${escapeMarkdown(artistsOf(card))}${year}${link}${why}`;
}

/**
 * Joins `head` and as many song blocks as fit in `max` characters: first with full reasons, then with short
 * ones, then dropping songs from the end (saying how many were left out).
 */
function fitSongs(
  head: string,
  cards: readonly TrackCard[],
  max: number,
  block: (card: TrackCard, whyChars: number) => string,
): string {
  const join = (blocks: string[], more: number) =>
    [head, ...blocks, ...(more > 0 ? [`…and ${more} more — say "more" to see them.`] : [])]
      .filter((part) => part !== '')
      .join('\n\n');
  for (const whyChars of [SONG_WHY_CHARS, SONG_WHY_SHORT_CHARS]) {
    const full = join(
      cards.map((c) => block(c, whyChars)),
      0,
    );
    if (full.length <= max) return full;
  }
  const blocks = cards.map((c) => block(c, SONG_WHY_SHORT_CHARS));
  for (let keep = blocks.length - 1; keep >= 0; keep--) {
    const text = join(blocks.slice(0, keep), blocks.length - keep);
    if (text.length <= max) return text;
  }
  return truncate(head, max);
}

/** Length Discord counts toward the 6,000-character embed total. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function songsEmbed(reply: Reply): APIEmbed {
  const [first = '', ...rest] = reply.text.split('\n');
  const title = truncate(first, LIMITS.embedTitle);
  const head = truncate(
    [first.length > LIMITS.embedTitle ? first : '', ...rest].filter(Boolean).join('\n'),
    1000,
  );
  const description = fitSongs(head, reply.tracks, LIMITS.embedDescription, songBlock);
  return {
    ...(title ? { title } : {}),
    description,
    color: EMBED_COLOR,
    footer: { text: FOOTER },
  };
}

function buttonStyle(
  action: SuggestedAction['action'],
): ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Danger {
  switch (action.type) {
    case 'more':
    case 'lift':
      return ButtonStyle.Primary;
    case 'reset':
      return ButtonStyle.Danger;
    default:
      return ButtonStyle.Secondary;
  }
}

function songOptionLabel(action: SuggestedAction, tracks: readonly TrackCard[]): string {
  if (action.action.type !== 'more_like') return action.label;
  const id = action.action.trackId;
  const card = tracks.find((t) => t.id === id);
  return card ? `${card.rank}. ${card.title} — ${card.artists.join(', ')}` : action.label;
}

/**
 * Buttons for every suggested action except "more like <song>", which go into one select menu ("More like…").
 * Labels and option texts are plain text (Discord does not render markdown there), cut to Discord's limits.
 */
export function renderComponents(reply: Reply, conversationId: string): ActionRow[] {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const options: APISelectMenuOption[] = [];
  const seen = new Set<string>();
  for (const suggestion of reply.actions) {
    const { action } = suggestion;
    if (action.type === 'more_like') {
      const value = trackKey(action.trackId);
      if (seen.has(value) || options.length >= LIMITS.selectOptions) continue;
      seen.add(value);
      options.push({
        label: truncate(songOptionLabel(suggestion, reply.tracks), LIMITS.selectOptionText),
        value,
      });
      continue;
    }
    const customId = encodeCustomId(verbOf(action), conversationId);
    if (!customId || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: buttonStyle(action),
      custom_id: customId,
      label: truncate(suggestion.label, LIMITS.buttonLabel),
    });
  }
  const rows: ActionRow[] = [];
  const buttonRows = LIMITS.actionRows - (options.length > 0 ? 1 : 0);
  // Mood buttons on one row, 👍/👎 on the next (each group wraps at five).
  const feedback = (b: APIButtonComponentWithCustomId) => /^mt1:(up|down):/.test(b.custom_id);
  for (const group of [buttons.filter((b) => !feedback(b)), buttons.filter(feedback)]) {
    for (let i = 0; i < group.length && rows.length < buttonRows; i += LIMITS.buttonsPerRow) {
      rows.push({ type: ComponentType.ActionRow, components: group.slice(i, i + LIMITS.buttonsPerRow) });
    }
  }
  const pickId = encodeCustomId('pick', conversationId);
  if (options.length > 0 && pickId) {
    rows.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: pickId,
          placeholder: 'More like…',
          min_values: 1,
          max_values: 1,
          options,
        },
      ],
    });
  }
  return rows;
}

/**
 * A reply as a Discord message. Songs become one embed (title — artist linked to Spotify, the reason below),
 * or plain text when embeds are not allowed; other replies are plain text. Every limit is enforced here.
 */
export function renderReply(reply: Reply, options: RenderOptions): DiscordPayload {
  const notice = options.notice ? `${options.notice}\n` : '';
  const components = renderComponents(reply, options.conversationId);
  const base = { components, allowedMentions: noMentions() };
  if (reply.tracks.length > 0 && options.embeds) {
    return { ...base, content: truncate(notice.trim(), LIMITS.content), embeds: [songsEmbed(reply)] };
  }
  if (reply.tracks.length > 0) {
    const head = truncate(`${notice}${reply.text}`, 1000);
    return { ...base, content: fitSongs(head, reply.tracks, LIMITS.content, plainSongBlock), embeds: [] };
  }
  // Discord rejects an empty message; an agent should never answer with nothing, but if one does…
  const text = reply.text.trim() || "I'm here — tell me how you feel and I'll find songs.";
  return { ...base, content: truncate(`${notice}${text}`, LIMITS.content), embeds: [] };
}

/** A short text-only payload (errors, notices), never pinging anyone. */
export function textPayload(content: string): DiscordPayload {
  return {
    content: truncate(content, LIMITS.content),
    embeds: [],
    components: [],
    allowedMentions: noMentions(),
  };
}

/** Names the permissions the bot is missing, for a notice above a plain reply. */
export function missingPermissionNotice(what: string, permissions: readonly string[]): string {
  const names = permissions.map((p) => `**${p}**`).join(' and ');
  return `_(${what} — I'm missing the ${names} permission${permissions.length > 1 ? 's' : ''} here. A server admin can grant ${permissions.length > 1 ? 'them' : 'it'} to my role.)_`;
}

import type { types as SlackTypes } from '@slack/bolt';
import type { Reply, SuggestedAction, TurnAction } from '../../agents/types.js';
import type { TrackCard } from '../../core/cards.js';

type KnownBlock = SlackTypes.KnownBlock;
type Button = SlackTypes.Button;
type PlainTextOption = SlackTypes.PlainTextOption;

/** Block Kit limits (docs.slack.dev/reference/block-kit): a message and its parts are rejected beyond these. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  textObjectChars: 3000,
  buttonTextChars: 75,
  optionTextChars: 75,
  optionValueChars: 150,
  blockIdChars: 255,
  actionsPerBlock: 25,
} as const;

/** Every action_id this app renders starts with this; the actions listener matches it. */
export const ACTION_ID_PREFIX = 'moodtune:';

/** Our own limits for one song line, so ten songs stay readable. */
const TITLE_CHARS = 150;
const ARTISTS_CHARS = 120;
const WHY_CHARS = 300;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Slack treats `&`, `<` and `>` as control characters in text objects; everything else is literal. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/**
 * Escapes `raw` and keeps the result within `max` characters, cutting between characters (never inside an
 * entity or a surrogate pair) and ending with "…" when cut.
 */
export function escapeAndClip(raw: string, max: number): string {
  const full = escapeMrkdwn(raw);
  if (full.length <= max) return full;
  let out = '';
  for (const ch of raw) {
    const piece = ENTITIES[ch] ?? ch;
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

function clipPlain(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A URL safe inside `<url|label>`: only http(s), and no character that would end the link early. */
function linkUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url
    .replace(/&/g, '&amp;')
    .replace(/\|/g, '%7C')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\s/g, '%20');
}

/** Button and menu values: short, stable codes (an option value may hold at most 150 characters). */
export function encodeAction(action: TurnAction): string {
  switch (action.type) {
    case 'feedback':
      return action.value;
    case 'more_like':
      return `like:${action.trackId}`;
    default:
      return action.type;
  }
}

/** The action a button or menu value stands for; undefined for anything else (e.g. the "Open in Spotify" link). */
export function decodeAction(value: string | undefined): TurnAction | undefined {
  switch (value) {
    case undefined:
      return undefined;
    case 'more':
    case 'lift':
    case 'calmer':
    case 'surprise':
    case 'reset':
      return { type: value };
    case 'up':
    case 'down':
      return { type: 'feedback', value };
  }
  if (value.startsWith('like:') && value.length > 5) return { type: 'more_like', trackId: value.slice(5) };
  return undefined;
}

/**
 * Block ids carry the conversation id (`mt|<part>|<conversation>`): a button press then names its conversation
 * exactly, whether the message sits in a thread, a DM or an ephemeral answer.
 */
export function blockIdFor(part: string, conversationId: string): string | undefined {
  const id = `mt|${part}|${conversationId}`;
  return id.length <= SLACK_LIMITS.blockIdChars ? id : undefined;
}

export function conversationOfBlockId(blockId: string | undefined): string | undefined {
  if (!blockId?.startsWith('mt|')) return undefined;
  const rest = blockId.slice(3);
  const bar = rest.indexOf('|');
  return bar < 0 ? undefined : rest.slice(bar + 1) || undefined;
}

export interface SlackMessage {
  /** Notification and accessibility text (mrkdwn, escaped). */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  conversationId: string;
  /** Shown as "for @person" above the answer (channel answers to a slash command). */
  forUser?: string;
  /** A hint under the answer, e.g. "Reply in this thread to keep going." (plain text, escaped here). */
  footer?: string;
}

function songLine(card: TrackCard): string {
  const label = escapeAndClip(
    `${clipPlain(card.title, TITLE_CHARS)} — ${clipPlain(card.artists.join(', '), ARTISTS_CHARS)}`,
    TITLE_CHARS + ARTISTS_CHARS + 40,
  );
  const url = linkUrl(card.spotifyUrl);
  const title = url ? `<${url}|${label}>` : label;
  const year = card.year ? ` (${card.year})` : '';
  const line = `*${card.rank}.* ${title}${year}\n${escapeAndClip(card.why, WHY_CHARS)}`;
  return line.length <= SLACK_LIMITS.textObjectChars
    ? line
    : escapeAndClip(`${card.rank}. ${card.title}`, SLACK_LIMITS.textObjectChars);
}

function songOverflow(card: TrackCard): SlackTypes.Overflow | undefined {
  const value = encodeAction({ type: 'more_like', trackId: card.id });
  if (value.length > SLACK_LIMITS.optionValueChars) return undefined;
  const options: PlainTextOption[] = [{ text: { type: 'plain_text', text: 'More like this' }, value }];
  if (/^https?:\/\//i.test(card.spotifyUrl) && card.spotifyUrl.length <= 3000)
    options.push({
      text: { type: 'plain_text', text: 'Open in Spotify' },
      value: 'open',
      url: card.spotifyUrl,
    });
  else options.push({ text: { type: 'plain_text', text: 'More like these' }, value: 'more' });
  return { type: 'overflow', action_id: `${ACTION_ID_PREFIX}song:${card.rank}`, options };
}

/** The buttons every song answer carries in Slack, whatever else the agent suggests. */
const SONG_BUTTONS: SuggestedAction[] = [
  { action: { type: 'more' }, label: 'More like these' },
  { action: { type: 'lift' }, label: 'Lift me up' },
  { action: { type: 'calmer' }, label: 'Calmer' },
  { action: { type: 'feedback', value: 'up' }, label: '👍' },
  { action: { type: 'feedback', value: 'down' }, label: '👎' },
];

function buttons(reply: Reply): Button[] {
  const suggested = reply.actions.filter((a) => a.action.type !== 'more_like');
  const all = reply.tracks.length > 0 ? [...SONG_BUTTONS, ...suggested] : suggested;
  const seen = new Set<string>();
  const unique = all.filter((a) => {
    const value = encodeAction(a.action);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
  return unique.slice(0, SLACK_LIMITS.actionsPerBlock).map((a, i) => ({
    type: 'button',
    action_id: `${ACTION_ID_PREFIX}action:${i}`,
    text: { type: 'plain_text', text: clipPlain(a.label, SLACK_LIMITS.buttonTextChars), emoji: true },
    value: encodeAction(a.action),
  }));
}

/**
 * A platform-neutral reply as a Block Kit message: the text, one section per song (rank, title — artist as a
 * Spotify link, why) with a "More like this" overflow, then the suggested actions as buttons. Stays within
 * Slack's limits (50 blocks, 3,000 characters per text object) however long the titles or how many the songs.
 */
export function renderReply(reply: Reply, options: RenderOptions): SlackMessage {
  const { conversationId } = options;
  const head: KnownBlock[] = [];
  const tail: KnownBlock[] = [];
  if (options.forUser) {
    head.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `for <@${options.forUser}>` }] });
  }
  if (reply.text.trim() !== '') {
    head.push({
      type: 'section',
      text: { type: 'mrkdwn', text: escapeAndClip(reply.text, SLACK_LIMITS.textObjectChars) },
    });
  }
  const elements = buttons(reply);
  if (elements.length > 0) {
    const blockId = blockIdFor('a', conversationId);
    tail.push({ type: 'actions', elements, ...(blockId ? { block_id: blockId } : {}) });
  }
  if (options.footer) {
    tail.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeAndClip(options.footer, SLACK_LIMITS.textObjectChars) }],
    });
  }
  const room = SLACK_LIMITS.blocksPerMessage - head.length - tail.length;
  const songs: KnownBlock[] = reply.tracks.slice(0, Math.max(0, room)).map((card, i) => {
    const blockId = blockIdFor(`s${i}`, conversationId);
    const accessory = blockId ? songOverflow(card) : undefined;
    return {
      type: 'section',
      text: { type: 'mrkdwn', text: songLine(card) },
      ...(blockId ? { block_id: blockId } : {}),
      ...(accessory ? { accessory } : {}),
    };
  });
  const fallback = [reply.text, ...reply.tracks.map((c) => `${c.rank}. ${c.title} — ${c.artists.join(', ')}`)]
    .filter((s) => s.trim() !== '')
    .join('\n');
  return {
    text: escapeAndClip(fallback || 'moodtune', SLACK_LIMITS.textObjectChars),
    blocks: [...head, ...songs, ...tail],
  };
}

/** A short notice (help, errors, hints) as a message. `mrkdwn` is already-safe Slack text. */
export function renderNotice(mrkdwn: string): SlackMessage {
  const text = clipPlain(mrkdwn, SLACK_LIMITS.textObjectChars);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

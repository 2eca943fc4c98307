import { ButtonStyle, ComponentType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Reply, SuggestedAction } from '../../../../agents/types.js';
import { MAX_CUSTOM_ID_CHARS, parseCustomId, trackKey } from '../../../../bot/discord/custom-ids.js';
import {
  embedLength,
  LIMITS,
  missingPermissionNotice,
  renderComponents,
  renderReply,
  truncate,
} from '../../../../bot/discord/render.js';
import type { TrackCard } from '../../../../core/cards.js';

const CONVERSATION = 'discord:123456789012345678:234567890123456789';

function card(rank: number, overrides: Partial<TrackCard> = {}): TrackCard {
  return {
    id: `track-${rank}`,
    rank,
    title: `Song ${rank}`,
    artists: ['Some Artist'],
    spotifyUrl: `https://open.spotify.com/track/${rank}abc`,
    why: 'matches your calm and hope',
    emotions: ['calm'],
    language: 'en',
    year: 2001,
    ...overrides,
  };
}

function songsReply(tracks: TrackCard[], text = 'Songs that sit with your calm:'): Reply {
  const actions: SuggestedAction[] = [
    { action: { type: 'more' }, label: 'More like these' },
    { action: { type: 'lift' }, label: 'Lift me up' },
    { action: { type: 'calmer' }, label: 'Calmer' },
    { action: { type: 'surprise' }, label: 'Surprise me' },
    { action: { type: 'feedback', value: 'up' }, label: '👍' },
    { action: { type: 'feedback', value: 'down' }, label: '👎' },
    ...tracks.map((t) => ({
      action: { type: 'more_like' as const, trackId: t.id },
      label: `More like “${t.title}”`,
    })),
  ];
  return { kind: 'songs', text, tracks, actions, agent: 'test' };
}

/** Every component we draw has a custom id; buttons have a label. */
const idOf = (c: object): string => ('custom_id' in c && typeof c.custom_id === 'string' ? c.custom_id : '');
const labelOf = (c: object): string => ('label' in c && typeof c.label === 'string' ? c.label : '');

function withinLimits(payload: ReturnType<typeof renderReply>): void {
  expect(payload.content.length).toBeLessThanOrEqual(LIMITS.content);
  for (const embed of payload.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  }
  expect(payload.components.length).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of payload.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const c of row.components) {
      expect(idOf(c).length).toBeGreaterThan(0);
      expect(idOf(c).length).toBeLessThanOrEqual(MAX_CUSTOM_ID_CHARS);
      if (c.type === ComponentType.Button) expect(labelOf(c).length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      if (c.type === ComponentType.StringSelect) {
        expect(c.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
        for (const o of c.options) expect(o.label.length).toBeLessThanOrEqual(LIMITS.selectOptionText);
      }
    }
  }
  expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
}

describe('renderReply', () => {
  it('renders five songs as one embed: rank, linked title, artist, year and the reason', () => {
    const payload = renderReply(songsReply([1, 2, 3, 4, 5].map((r) => card(r))), {
      conversationId: CONVERSATION,
      embeds: true,
    });
    withinLimits(payload);
    const embed = payload.embeds[0]!;
    expect(embed.title).toBe('Songs that sit with your calm:');
    expect(embed.description).toContain(
      '**1.** [Song 1](https://open.spotify.com/track/1abc) — Some Artist (2001)\nmatches your calm and hope',
    );
    expect(embed.description!.match(/^\*\*\d\.\*\* /gm)).toHaveLength(5);
  });

  it('escapes markdown in titles and artists, including brackets inside link text', () => {
    const payload = renderReply(
      songsReply([
        card(1, { title: 'Bye Bye Bye [Live] *', artists: ['*NSYNC'] }),
        card(2, { title: '__init__ ~~x~~' }),
      ]),
      { conversationId: CONVERSATION, embeds: true },
    );
    const description = payload.embeds[0]!.description!;
    expect(description).toContain('— \\*NSYNC');
    expect(description).toContain('[Bye Bye Bye \\[Live\\] \\*](');
    expect(description).toContain('[\\_\\_init\\_\\_ \\~\\~x\\~\\~](');
  });

  it('keeps Spanish characters as they are', () => {
    const payload = renderReply(
      songsReply([
        card(1, { title: 'Canción del Mariachi', artists: ['Maná'], why: '¿nostalgia? sí: añoranza' }),
      ]),
      { conversationId: CONVERSATION, embeds: true },
    );
    expect(payload.embeds[0]!.description).toContain('[Canción del Mariachi](');
    expect(payload.embeds[0]!.description).toContain('— Maná (2001)\n¿nostalgia? sí: añoranza');
  });

  it('cuts very long titles, artists and reasons, staying within 4,096 / 6,000 characters', () => {
    const long = (c: string) => c.repeat(1500);
    const tracks = [1, 2, 3, 4, 5].map((r) =>
      card(r, { title: long('t'), artists: [long('a'), long('b')], why: long('w') }),
    );
    const payload = renderReply(songsReply(tracks, long('x')), {
      conversationId: CONVERSATION,
      embeds: true,
    });
    withinLimits(payload);
    expect(payload.embeds[0]!.title).toHaveLength(LIMITS.embedTitle);
    expect(payload.embeds[0]!.title!.endsWith('…')).toBe(true);
  });

  it('fits ten songs with long reasons into one description, shortening reasons before dropping songs', () => {
    const tracks = Array.from({ length: 10 }, (_, i) => card(i + 1, { why: 'because '.repeat(40) }));
    const payload = renderReply(songsReply(tracks), { conversationId: CONVERSATION, embeds: true });
    withinLimits(payload);
    expect(payload.embeds[0]!.description!.match(/^\*\*\d+\.\*\* /gm)).toHaveLength(10);
  });

  it('drops trailing songs (and says how many) only when even short reasons do not fit', () => {
    const tracks = Array.from({ length: 10 }, (_, i) =>
      card(i + 1, { title: 'T'.repeat(100), artists: ['A'.repeat(100)], why: 'w'.repeat(300) }),
    );
    const plain = renderReply(songsReply(tracks), { conversationId: CONVERSATION, embeds: false });
    withinLimits(plain);
    expect(plain.content).toMatch(/…and \d+ more — say "more" to see them\.$/);
    expect(plain.content.startsWith('Songs that sit with your calm:')).toBe(true);
  });

  it('without embeds, lists songs as text with unfurl-free links and the permission notice first', () => {
    const notice = missingPermissionNotice('Showing songs as plain text', ['Embed Links']);
    const payload = renderReply(songsReply([card(1, { artists: ['*NSYNC'] })]), {
      conversationId: CONVERSATION,
      embeds: false,
      notice,
    });
    withinLimits(payload);
    expect(payload.embeds).toEqual([]);
    expect(payload.content.startsWith(notice)).toBe(true);
    expect(payload.content).toContain('**Embed Links**');
    expect(payload.content).toContain(
      '**1. Song 1** — \\*NSYNC (2001)\n<https://open.spotify.com/track/1abc>',
    );
  });

  it('cuts a long non-song reply to 2,000 characters and never sends an empty message', () => {
    const long = renderReply(
      { kind: 'info', text: 'é'.repeat(5000), tracks: [], actions: [], agent: 't' },
      {
        conversationId: CONVERSATION,
        embeds: true,
      },
    );
    expect(long.content).toHaveLength(LIMITS.content);
    const empty = renderReply(
      { kind: 'info', text: '  ', tracks: [], actions: [], agent: 't' },
      {
        conversationId: CONVERSATION,
        embeds: true,
      },
    );
    expect(empty.content.length).toBeGreaterThan(0);
  });

  it('links only https URLs and encodes parentheses so the markdown link stays intact', () => {
    const payload = renderReply(
      songsReply([
        card(1, { spotifyUrl: 'https://open.spotify.com/search/Song%20(Live)' }),
        card(2, { spotifyUrl: 'javascript:alert(1)' }),
      ]),
      { conversationId: CONVERSATION, embeds: true },
    );
    const description = payload.embeds[0]!.description!;
    expect(description).toContain('(https://open.spotify.com/search/Song%20%28Live%29)');
    expect(description).toContain('**2.** **Song 2** — ');
    expect(description).not.toContain('javascript');
  });
});

describe('renderComponents', () => {
  it('puts the mood buttons on one row, 👍/👎 on the next and the songs in a "More like…" menu', () => {
    const tracks = [1, 2, 3, 4, 5].map((r) => card(r));
    const rows = renderComponents(songsReply(tracks), CONVERSATION);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.components.map(labelOf)).toEqual([
      'More like these',
      'Lift me up',
      'Calmer',
      'Surprise me',
    ]);
    expect(rows[0]!.components[0]).toMatchObject({ style: ButtonStyle.Primary });
    expect(rows[1]!.components.map(labelOf)).toEqual(['👍', '👎']);
    const menu = rows[2]!.components[0]!;
    expect(menu.type).toBe(ComponentType.StringSelect);
    if (menu.type !== ComponentType.StringSelect) return;
    expect(menu.placeholder).toBe('More like…');
    expect(menu.options.map((o) => o.value)).toEqual(tracks.map((t) => trackKey(t.id)));
    expect(menu.options[0]!.label).toBe('1. Song 1 — Some Artist');
    for (const row of rows)
      for (const c of row.components) expect(parseCustomId(idOf(c))?.conversationId).toBe(CONVERSATION);
  });

  it('caps the menu at 25 songs and rows at 5 with long labels and very long track ids', () => {
    const tracks = Array.from({ length: 30 }, (_, i) =>
      card(i + 1, { id: `spotify:track:${'x'.repeat(300)}:${i}`, title: 'L'.repeat(300) }),
    );
    const reply = songsReply(tracks);
    reply.actions.unshift(
      ...Array.from({ length: 30 }, (_, i) => ({
        action: { type: 'more' as const },
        label: `dup ${i} ${'z'.repeat(200)}`,
      })),
    );
    const payload = renderReply(reply, { conversationId: CONVERSATION, embeds: true });
    withinLimits(payload);
    const menu = payload.components.at(-1)!.components[0]!;
    expect(menu.type === ComponentType.StringSelect && menu.options.length).toBe(25);
  });

  it('draws no components when the conversation id cannot be encoded', () => {
    expect(renderComponents(songsReply([card(1)]), 'shell:whatever')).toEqual([]);
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['much longer text', 8, 'much lo…'],
    ['ab😀cd', 4, 'ab…'],
  ])('truncate(%j, %i) = %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });
});

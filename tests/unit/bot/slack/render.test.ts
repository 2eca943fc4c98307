import { describe, expect, it } from 'vitest';
import type { Reply, TurnAction } from '../../../../agents/types.js';
import {
  blockIdFor,
  conversationOfBlockId,
  decodeAction,
  encodeAction,
  escapeAndClip,
  escapeMrkdwn,
  renderNotice,
  renderReply,
  SLACK_LIMITS,
} from '../../../../bot/slack/render.js';
import type { TrackCard } from '../../../../core/cards.js';

const CID = 'slack:T1:C1:1700000000.000100';

function card(rank: number, over: Partial<TrackCard> = {}): TrackCard {
  return {
    id: `artist-${rank}--song-${rank}`,
    rank,
    title: `Song ${rank}`,
    artists: [`Artist ${rank}`],
    spotifyUrl: `https://open.spotify.com/track/${rank}abc`,
    why: `Matches your sadness (${rank})`,
    emotions: [],
    language: 'en',
    ...over,
  };
}

function reply(tracks: TrackCard[], over: Partial<Reply> = {}): Reply {
  return {
    kind: 'songs',
    text: 'Here are songs for a heavy heart.',
    tracks,
    actions: [
      { action: { type: 'more' }, label: 'More like these' },
      { action: { type: 'surprise' }, label: 'Surprise me' },
      ...tracks.map((t) => ({
        action: { type: 'more_like' as const, trackId: t.id },
        label: `More like ${t.title}`,
      })),
    ],
    agent: 'offline-planner',
    ...over,
  };
}

type AnyBlock = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { text: string | { text: string }; value?: string }[];
  accessory?: { options: { value: string; url?: string; text: { text: string } }[] };
};
const asBlocks = (r: ReturnType<typeof renderReply>) => r.blocks as unknown as AnyBlock[];

/** Every string a text object carries, with its place, for limit checks. */
function texts(blocks: AnyBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.text) out.push(b.text.text);
    for (const e of b.elements ?? []) out.push(typeof e.text === 'string' ? e.text : e.text.text);
    for (const o of b.accessory?.options ?? []) out.push(o.text.text);
  }
  return out;
}

describe('renderReply', () => {
  it('renders ten songs as ranked sections with a Spotify link, a why line and a "More like this" menu', () => {
    const tracks = Array.from({ length: 10 }, (_, i) => card(i + 1));
    const blocks = asBlocks(renderReply(reply(tracks), { conversationId: CID }));
    const songs = blocks.filter((b) => b.accessory);
    expect(songs).toHaveLength(10);
    songs.forEach((b, i) => {
      expect(b.text!.text).toBe(
        `*${i + 1}.* <https://open.spotify.com/track/${i + 1}abc|Song ${i + 1} — Artist ${i + 1}>\nMatches your sadness (${i + 1})`,
      );
      expect(b.accessory!.options.map((o) => o.value)).toEqual([
        `like:artist-${i + 1}--song-${i + 1}`,
        'open',
      ]);
      expect(conversationOfBlockId(b.block_id)).toBe(CID);
    });
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  });

  it("always offers the song buttons, then the agent's other suggestions, each once", () => {
    const blocks = asBlocks(renderReply(reply([card(1)]), { conversationId: CID }));
    const actions = blocks.find((b) => b.type === 'actions')!;
    expect(actions.block_id).toBe(`mt|a|${CID}`);
    expect(actions.elements!.map((e) => e.value)).toEqual([
      'more',
      'lift',
      'calmer',
      'up',
      'down',
      'surprise',
    ]);
  });

  it('shows no buttons under a question without songs', () => {
    const blocks = asBlocks(
      renderReply(reply([], { kind: 'question', text: 'Stay with it, or lift you up?', actions: [] }), {
        conversationId: CID,
      }),
    );
    expect(blocks.map((b) => b.type)).toEqual(['section']);
  });

  it('never exceeds 50 blocks, however many songs, and keeps the buttons', () => {
    const tracks = Array.from({ length: 80 }, (_, i) => card(i + 1));
    const blocks = asBlocks(
      renderReply(reply(tracks), { conversationId: CID, forUser: 'U1', footer: 'Reply in this thread.' }),
    );
    expect(blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    expect(blocks.at(-2)!.type).toBe('actions');
    expect(blocks.at(-1)!.type).toBe('context');
  });

  it('keeps every text object within 3,000 characters with very long titles, artists, reasons and text', () => {
    const long = card(1, {
      title: 'Long & <loud> '.repeat(500),
      artists: Array.from({ length: 200 }, (_, i) => `Artist & Co ${i}`),
      why: '<why> & '.repeat(1000),
    });
    const r = renderReply(reply([long], { text: 'a & b < c > d '.repeat(600) }), { conversationId: CID });
    for (const t of texts(asBlocks(r))) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.textObjectChars);
    expect(r.text.length).toBeLessThanOrEqual(SLACK_LIMITS.textObjectChars);
    const song = asBlocks(r).find((b) => b.accessory)!.text!.text;
    expect(song).toContain('…');
    expect(song).toMatch(/^\*1\.\* <https:\/\/open\.spotify\.com\/track\/1abc\|Long &amp; &lt;loud&gt; /);
  });

  it('escapes &, < and > in titles, artists, reasons and text, so nothing becomes a link or a mention', () => {
    const r = renderReply(
      reply(
        [card(1, { title: 'Rock & Roll <Live> >_<', artists: ['<!channel>'], why: 'Fits <@U999> & you' })],
        {
          text: 'For <!here> & friends',
        },
      ),
      { conversationId: CID },
    );
    const blocks = asBlocks(r);
    expect(blocks[0]!.text!.text).toBe('For &lt;!here&gt; &amp; friends');
    expect(blocks[1]!.text!.text).toBe(
      '*1.* <https://open.spotify.com/track/1abc|Rock &amp; Roll &lt;Live&gt; &gt;_&lt; — &lt;!channel&gt;>\nFits &lt;@U999&gt; &amp; you',
    );
    expect(r.text).not.toMatch(/<!|<@/);
  });

  it('keeps Spanish and other non-ASCII characters as they are', () => {
    const r = renderReply(
      reply([
        card(1, {
          title: '¿Dónde Estás Corazón?',
          artists: ['Shakira', 'Niño & Compañía'],
          why: 'Añoranza y nostalgia',
        }),
      ]),
      { conversationId: CID },
    );
    expect(asBlocks(r)[1]!.text!.text).toBe(
      '*1.* <https://open.spotify.com/track/1abc|¿Dónde Estás Corazón? — Shakira, Niño &amp; Compañía>\nAñoranza y nostalgia',
    );
  });

  it('makes a Spotify URL safe inside a link and drops links that are not http(s)', () => {
    const r = renderReply(
      reply([
        card(1, { spotifyUrl: 'https://open.spotify.com/search/a|b>c&d' }),
        card(2, { spotifyUrl: 'javascript:alert(1)' }),
      ]),
      { conversationId: CID },
    );
    const [one, two] = asBlocks(r).filter((b) => b.accessory);
    expect(one!.text!.text).toContain('<https://open.spotify.com/search/a%7Cb%3Ec&amp;d|Song 1 — Artist 1>');
    expect(two!.text!.text).toBe('*2.* Song 2 — Artist 2\nMatches your sadness (2)');
    expect(two!.accessory!.options.map((o) => o.value)).toEqual(['like:artist-2--song-2', 'more']);
  });

  it('omits the "More like this" menu when the track id would not fit an option value (150 chars)', () => {
    const r = renderReply(reply([card(1, { id: 'x'.repeat(200) })]), { conversationId: CID });
    expect(asBlocks(r).find((b) => b.text?.text.startsWith('*1.*'))!.accessory).toBeUndefined();
  });

  it('clips button labels to 75 characters', () => {
    const r = renderReply(
      reply([card(1)], { actions: [{ action: { type: 'reset' }, label: 'Start over '.repeat(20) }] }),
      { conversationId: CID },
    );
    const labels = asBlocks(r)
      .find((b) => b.type === 'actions')!
      .elements!.map((e) => (typeof e.text === 'string' ? e.text : e.text.text));
    for (const l of labels) expect(Array.from(l).length).toBeLessThanOrEqual(SLACK_LIMITS.buttonTextChars);
  });
});

describe('escaping helpers', () => {
  it('escapes exactly the three control characters', () => {
    expect(escapeMrkdwn('a & b < c > d * _ ~ ñ')).toBe('a &amp; b &lt; c &gt; d * _ ~ ñ');
  });

  it('clips without cutting an entity or an emoji in half', () => {
    const clipped = escapeAndClip('&'.repeat(2000), 3000);
    expect(clipped.length).toBeLessThanOrEqual(3000);
    expect(clipped.endsWith('&amp;…')).toBe(true);
    const emoji = escapeAndClip('🎧'.repeat(10), 6);
    expect(emoji).toBe('🎧🎧…');
  });

  it('renders a notice within the text limit', () => {
    const notice = renderNotice('x'.repeat(5000));
    expect(notice.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('action values and block ids', () => {
  const actions: TurnAction[] = [
    { type: 'more' },
    { type: 'lift' },
    { type: 'calmer' },
    { type: 'surprise' },
    { type: 'reset' },
    { type: 'feedback', value: 'up' },
    { type: 'feedback', value: 'down' },
    { type: 'more_like', trackId: 'bon-iver--skinny-love' },
  ];
  it.each(actions)('round-trips %o through a button value', (action) => {
    expect(decodeAction(encodeAction(action))).toEqual(action);
  });

  it.each([undefined, '', 'open', 'like:', 'bogus', 'MORE'])('reads %o as no action', (value) => {
    expect(decodeAction(value)).toBeUndefined();
  });

  it('reads the conversation back from a block id and ignores foreign block ids', () => {
    expect(conversationOfBlockId(blockIdFor('s3', 'slack:T1:D1'))).toBe('slack:T1:D1');
    expect(conversationOfBlockId('some-other-block')).toBeUndefined();
    expect(conversationOfBlockId(undefined)).toBeUndefined();
    expect(blockIdFor('a', `slack:${'T'.repeat(300)}`)).toBeUndefined();
  });
});

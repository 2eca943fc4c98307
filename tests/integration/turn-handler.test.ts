import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/app.js';
import { createTestApp } from '../helpers/test-app.js';

describe('turn handler over the real core (fixture catalog)', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(() => cleanup());

  const turn = (conversationId: string, text: string) =>
    app.turns.handle({ conversationId, userId: 'u1', platform: 'shell', text });

  it('answers a feeling with five ranked songs, each with a Spotify link and a reason', async () => {
    const reply = await turn(
      'c1',
      'rough day, feeling kind of numb, I want something that slowly picks me up',
    );
    expect(reply.kind).toBe('songs');
    expect(reply.tracks.map((t) => t.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const card of reply.tracks) {
      expect(card.spotifyUrl).toMatch(/^https:\/\/open\.spotify\.com\/(track|search)\//);
      expect(card.why.length).toBeGreaterThan(5);
    }
  });

  it('never repeats a song within a conversation when asked for more', async () => {
    const first = await turn('c2', 'I feel heartbroken and lonely, let me sit with it');
    const second = await turn('c2', 'more');
    const ids = [...first.tracks, ...second.tracks].map((t) => t.id);
    expect(second.tracks.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('clarifying question', () => {
  let app: App;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ app, cleanup } = await createTestApp());
  });
  afterAll(() => cleanup());

  it('asks once whether to stay with a heavy feeling or lift it, then answers the choice', async () => {
    const question = await app.turns.handle({
      conversationId: 'q1',
      userId: 'u',
      platform: 'shell',
      text: 'I feel so sad and alone',
    });
    expect(question.kind).toBe('question');
    expect(question.text).toMatch(/sit with that feeling, or .* lift you up/);
    const answer = await app.turns.handle({
      conversationId: 'q1',
      userId: 'u',
      platform: 'shell',
      text: 'lift me',
    });
    expect(answer.kind).toBe('songs');
    expect(answer.text).toMatch(/slowly lifts/);
    const again = await app.turns.handle({
      conversationId: 'q1',
      userId: 'u',
      platform: 'shell',
      text: 'I feel sad again',
    });
    expect(again.kind).toBe('songs');
  });

  it('does not ask where the person cannot reply (one-shot), and offers the lift instead', async () => {
    const reply = await app.turns.handle({
      conversationId: 'q2',
      userId: 'u',
      platform: 'slack',
      text: 'I feel so sad and alone',
      oneShot: true,
    });
    expect(reply.kind).toBe('songs');
    expect(reply.tracks).toHaveLength(5);
    expect(reply.text).toMatch(/Lift me up/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreServices } from '../../../../core/runtime.js';
import { Recommender, type RecommendRequest } from '../../../../core/recommender/recommender.js';
import { moodPointOfTrack } from '../../../../core/recommender/mood.js';
import { createTestApp } from '../../../helpers/test-app.js';

const sad: Pick<RecommendRequest, 'emotions' | 'mood'> = {
  emotions: [
    { emotion: 'sadness', weight: 1 },
    { emotion: 'numbness', weight: 0.8 },
  ],
  mood: { valence: -0.6, arousal: -0.55 },
};

describe('Recommender (real embeddings, fixture catalog)', () => {
  let core: CoreServices;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestApp();
    core = t.app.core;
    cleanup = t.cleanup;
  });
  afterAll(() => cleanup());

  it('returns ranked results with a reason each', async () => {
    const recs = await core.recommender.recommend({ ...sad, goal: 'match', limit: 5 });
    expect(recs.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const r of recs) expect(r.why.length).toBeGreaterThan(5);
    const scores = recs.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('puts songs that share the felt emotions first when matching', async () => {
    const [first] = await core.recommender.recommend({ ...sad, goal: 'match', limit: 5 });
    expect(
      first!.track.emotions.some((e) =>
        ['sadness', 'numbness', 'melancholy', 'despair', 'grief'].includes(e),
      ),
    ).toBe(true);
    expect(first!.why).toMatch(/sadness|numbness|close to how you feel/);
  });

  it.each([
    ['language', { languages: ['es'] }, (t: { language: string }) => t.language === 'es'],
    [
      'excluded artists',
      { excludeArtists: ['coldplay'] },
      (t: { artists: string[] }) => !t.artists.includes('Coldplay'),
    ],
    ['genre', { genres: ['rock'] }, (t: { genres: string[] }) => t.genres.includes('rock')],
    ['era', { yearFrom: 2000, yearTo: 2009 }, (t: { year?: number }) => t.year! >= 2000 && t.year! <= 2009],
  ] as const)('honours the %s filter', async (_label, filter, accept) => {
    const recs = await core.recommender.recommend({ ...sad, goal: 'match', limit: 5, filter });
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect(accept(r.track as never)).toBe(true);
  });

  it('never returns excluded (already shown) songs', async () => {
    const first = await core.recommender.recommend({ ...sad, goal: 'match', limit: 5 });
    const shown = first.map((r) => r.track.id);
    const second = await core.recommender.recommend({ ...sad, goal: 'match', limit: 5, excludeIds: shown });
    expect(second.length).toBe(5);
    for (const r of second) expect(shown).not.toContain(r.track.id);
  });

  it('caps songs per artist at two even when one artist dominates the seeds', async () => {
    const coldplay = core.catalog.tracks.filter((t) => t.artists.includes('Coldplay')).map((t) => t.id);
    expect(coldplay.length).toBeGreaterThan(2);
    const recs = await core.recommender.recommend({
      emotions: [{ emotion: 'hope', weight: 1 }],
      mood: { valence: 0.5, arousal: 0.2 },
      goal: 'match',
      limit: 8,
      seedTrackIds: [coldplay[0]!],
      filter: { genres: ['rock', 'pop rock'] },
    });
    expect(recs.filter((r) => r.track.artists.includes('Coldplay')).length).toBeLessThanOrEqual(2);
  });

  it('orders a lift from near the current mood toward brighter songs', async () => {
    const recs = await core.recommender.recommend({ ...sad, goal: 'lift', limit: 5 });
    const valences = recs.map((r) => moodPointOfTrack(r.track).valence);
    expect(valences[0]!).toBeLessThan(0);
    expect(valences.at(-1)!).toBeGreaterThan(0.3);
    expect(recs[0]!.why).toMatch(/^starts/);
    expect(recs.at(-1)!.why).toMatch(/^lands on/);
  });

  it('drops candidates under the similarity floor instead of padding the list', async () => {
    const strict = new Recommender({ index: core.index, embedder: core.embedder }, { floor: 0.99 });
    const recs = await strict.recommend({
      emotions: [{ emotion: 'jealousy', weight: 1 }],
      mood: { valence: -0.6, arousal: 0.55 },
      goal: 'match',
      limit: 5,
    });
    expect(recs).toEqual([]);
    const loose = new Recommender({ index: core.index, embedder: core.embedder }, { floor: 0 });
    expect(
      await loose.recommend({
        emotions: [{ emotion: 'jealousy', weight: 1 }],
        mood: { valence: -0.6, arousal: 0.55 },
        goal: 'match',
        limit: 5,
      }),
    ).toHaveLength(5);
  });

  it('finds songs by theme when the listener describes a moment', async () => {
    const recs = await core.recommender.recommend({
      emotions: [{ emotion: 'grief', weight: 1 }],
      mood: { valence: -0.8, arousal: -0.3 },
      goal: 'match',
      theme: 'someone I loved died and I miss them',
      limit: 3,
    });
    expect(recs.map((r) => r.track.title)).toContain('Amor Eterno');
  });

  it('returns nothing for a zero limit', async () => {
    expect(await core.recommender.recommend({ ...sad, goal: 'match', limit: 0 })).toEqual([]);
  });
});

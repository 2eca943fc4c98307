import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreServices } from '../../../core/runtime.js';
import { DEFAULT_ALS_PARAMS, alsModelFromFactors, type ItemKind } from '../../../core/models/als/index.js';
import { AlsNeighbours } from '../../../core/recommender/als-neighbours.js';
import { Recommender } from '../../../core/recommender/recommender.js';
import { resolveSeed, similarTracks } from '../../../tools/similar-tracks.js';
import { createTestApp } from '../../helpers/test-app.js';

/** A hand-made 2-factor ALS model: items on the same axis are neighbours (cosine 1), across axes strangers. */
function model(kind: ItemKind, items: { id: string; name?: string; axis: 0 | 1; tilt?: number }[]) {
  const itemFactors = new Float32Array(items.length * 2);
  items.forEach((item, i) => {
    itemFactors[i * 2 + item.axis] = 1;
    itemFactors[i * 2 + (1 - item.axis)] = item.tilt ?? 0;
  });
  return alsModelFromFactors(
    {
      params: { ...DEFAULT_ALS_PARAMS, factors: 2 },
      nUsers: 1,
      nItems: items.length,
      userFactors: new Float32Array(2),
      itemFactors,
    },
    { kind, userIds: ['u'], itemIds: items.map((i) => i.id), itemNames: items.map((i) => i.name ?? null) },
  );
}

describe('similar_tracks', () => {
  let core: CoreServices;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestApp();
    core = t.app.core;
    cleanup = t.cleanup;
  });
  afterAll(() => cleanup());

  it.each([
    [{ query: 'skinny love' }, 'seed', 'bon-iver--skinny-love'],
    [{ query: 'Skiny Luv by bon iver' }, 'seed', 'bon-iver--skinny-love'],
    [{ track_id: 'coldplay--fix-you' }, 'seed', 'coldplay--fix-you'],
    [{ query: 'zzzz qqqq' }, 'not_found', undefined],
  ] as const)('resolves the seed %j', (input, status, id) => {
    const resolved = resolveSeed(input, core.catalog);
    expect(resolved.status).toBe(status);
    if (resolved.status === 'seed') expect(resolved.seed.id).toBe(id);
  });

  it('uses track-level listening data when the model knows the song, and says so', async () => {
    const als = new AlsNeighbours(
      model('track', [
        { id: 'bon-iver--skinny-love', axis: 0 },
        { id: 'sia--breathe-me', axis: 0, tilt: 0.1 },
        { id: 'adele--someone-like-you', axis: 0, tilt: 0.3 },
        { id: 'pharrell-williams--happy', axis: 1 },
      ]),
      core.catalog,
    );
    const result = await similarTracks(
      { query: 'skinny love', limit: 5 },
      { catalog: core.catalog, recommender: core.recommender, als },
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.method).toBe('als-track');
    expect(result.cards.map((c) => c.id)).toEqual(['sia--breathe-me', 'adele--someone-like-you']);
    expect(result.cards[0]!.why).toMatch(/listeners of “Skinny Love” also play it/);
  });

  it('uses similar artists when the model is artist-level (names matched ignoring case and accents)', async () => {
    const als = new AlsNeighbours(
      model('artist', [
        { id: '1', name: 'bon iver', axis: 0 },
        { id: '2', name: 'MANA', axis: 0, tilt: 0.2 },
        { id: '3', name: 'Pharrell Williams', axis: 1 },
      ]),
      core.catalog,
    );
    const result = await similarTracks(
      { query: 'skinny love', limit: 5 },
      { catalog: core.catalog, recommender: core.recommender, als },
    );
    expect(result.status === 'ok' && result.method).toBe('als-artist');
    if (result.status !== 'ok') return;
    expect(result.cards.map((c) => c.artists[0])).toEqual(['Maná']);
    expect(result.cards[0]!.why).toMatch(/Maná is a favourite of Bon Iver listeners/);
  });

  it('falls back to emotion and theme when the model does not know the song', async () => {
    const als = new AlsNeighbours(
      model('artist', [{ id: '3', name: 'Pharrell Williams', axis: 1 }]),
      core.catalog,
    );
    const result = await similarTracks(
      { track_id: 'bon-iver--skinny-love', limit: 3 },
      { catalog: core.catalog, recommender: core.recommender, als },
    );
    expect(result.status === 'ok' && result.method).toBe('emotion-theme');
    if (result.status !== 'ok') return;
    expect(result.cards).toHaveLength(3);
    expect(result.cards.every((c) => c.why.startsWith('similar feel and theme to “Skinny Love”'))).toBe(true);
    expect(result.cards.map((c) => c.id)).not.toContain('bon-iver--skinny-love');
  });

  it('honours filters and exclusions on the listening-data path', async () => {
    const als = new AlsNeighbours(
      model('track', [
        { id: 'bon-iver--skinny-love', axis: 0 },
        { id: 'sia--breathe-me', axis: 0, tilt: 0.1 },
        { id: 'mana--rayando-el-sol', axis: 0, tilt: 0.2 },
      ]),
      core.catalog,
    );
    const deps = { catalog: core.catalog, recommender: core.recommender, als };
    const spanish = await similarTracks({ query: 'skinny love', language: 'es' }, deps);
    expect(spanish.status === 'ok' && spanish.cards.map((c) => c.id)).toEqual(['mana--rayando-el-sol']);
    const excluded = await similarTracks(
      { query: 'skinny love', exclude_track_ids: ['sia--breathe-me'] },
      deps,
    );
    expect(excluded.status === 'ok' && excluded.cards.map((c) => c.id)).toEqual(['mana--rayando-el-sol']);
  });

  it('makes the recommender draw candidates from neighbours of loved songs', async () => {
    const als = new AlsNeighbours(
      model('track', [
        { id: 'pharrell-williams--happy', axis: 0 },
        { id: 'johnny-cash--hurt', axis: 0, tilt: 0.05 },
      ]),
      core.catalog,
    );
    const recommender = new Recommender({
      index: core.index,
      embedder: core.embedder,
      catalog: core.catalog,
      als,
    });
    const request = {
      emotions: [{ emotion: 'joy' as const, weight: 1 }],
      mood: { valence: 0.8, arousal: 0.5 },
      goal: 'match' as const,
      limit: 5,
      excludeIds: ['pharrell-williams--happy'],
    };
    const without = await recommender.recommend(request);
    expect(without.map((r) => r.track.id)).not.toContain('johnny-cash--hurt');
    const withLoved = await recommender.recommend({
      ...request,
      lovedTrackIds: ['pharrell-williams--happy'],
    });
    const hurt = withLoved.find((r) => r.track.id === 'johnny-cash--hurt');
    expect(hurt?.sources).toContain('als');
    expect(hurt?.why).toMatch(/listeners of “Happy” also play it/);
  });
});

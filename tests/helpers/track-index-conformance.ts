import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackIndex, VectorSpec } from '../../core/catalog/track-index.js';
import type { Track } from '../../core/catalog/track.js';
import { l2normalize } from '../../core/embeddings/embedder.js';

/**
 * The behaviour every TrackIndex must have (embedded, Qdrant, a Qdrant protocol fake). Vectors are small
 * (8-d) hand-made directions so expected orders are known exactly.
 */
export const CONFORMANCE_SPEC: VectorSpec = { emotion: { size: 8 }, lyrics: { size: 8 } };

const axis = (i: number, tilt = 0): Float32Array => {
  const v = new Float32Array(8);
  v[i % 8] = 1;
  v[(i + 1) % 8] = tilt;
  return l2normalize(v);
};

const track = (id: string, over: Partial<Track> = {}): Track => ({
  id,
  title: `Title ${id}`,
  artists: ['Artist ' + id],
  genres: ['pop'],
  language: 'en',
  emotions: ['joy'],
  summary: 'A song used to test the index conformance.',
  ...over,
});

export const CONFORMANCE_TRACKS: {
  track: Track;
  vectors: { emotion: Float32Array; lyrics?: Float32Array };
}[] = [
  {
    track: track('a', { year: 1975, genres: ['rock'], artists: ['Queen'] }),
    vectors: { emotion: axis(0), lyrics: axis(4) },
  },
  {
    track: track('b', { year: 1991, language: 'es', artists: ['Maná'] }),
    vectors: { emotion: axis(0, 0.3), lyrics: axis(5) },
  },
  {
    track: track('c', { year: 2005, genres: ['Pop Rock', 'rock'], artists: ['Coldplay'] }),
    vectors: { emotion: axis(0, 0.8), lyrics: axis(4, 0.5) },
  },
  {
    track: track('d', {
      year: 2017,
      language: 'es',
      artists: ['Luis Fonsi', 'Daddy Yankee'],
      genres: ['reggaeton'],
    }),
    vectors: { emotion: axis(1) },
  },
  { track: track('e', { artists: ['Coldplay'] }), vectors: { emotion: axis(2), lyrics: axis(6) } },
  {
    track: track('f', { year: 2011, artists: ['Adele'], genres: ['soul'] }),
    vectors: { emotion: axis(3), lyrics: axis(7) },
  },
];

/**
 * Registers the conformance tests for an index. `create` returns a fresh, empty index (not yet opened);
 * `destroy` cleans it up. Reused by the Qdrant implementation and its protocol fake.
 */
export function describeTrackIndexConformance(
  name: string,
  create: () => Promise<TrackIndex>,
  destroy: (index: TrackIndex) => Promise<void> = (i) => i.close(),
): void {
  describe(`TrackIndex conformance: ${name}`, () => {
    let index: TrackIndex;
    beforeAll(async () => {
      index = await create();
      await index.open(CONFORMANCE_SPEC);
      await index.upsert(CONFORMANCE_TRACKS);
    });
    afterAll(() => destroy(index));

    it('counts what was upserted', async () => {
      expect(await index.count()).toBe(CONFORMANCE_TRACKS.length);
    });

    it('ranks by cosine similarity, best first, with the score', async () => {
      const hits = await index.search({ vector: 'emotion', query: axis(0), limit: 3 });
      expect(hits.map((h) => h.track.id)).toEqual(['a', 'b', 'c']);
      expect(hits[0]!.score).toBeCloseTo(1, 4);
      expect(hits[1]!.score).toBeGreaterThan(hits[2]!.score);
    });

    it('respects the limit', async () => {
      expect(await index.search({ vector: 'emotion', query: axis(0), limit: 1 })).toHaveLength(1);
    });

    it('drops results below the score threshold', async () => {
      const hits = await index.search({ vector: 'emotion', query: axis(0), limit: 10, scoreThreshold: 0.9 });
      expect(hits.map((h) => h.track.id)).toEqual(['a', 'b']);
    });

    it('searches each named vector separately, skipping tracks without that vector', async () => {
      const hits = await index.search({ vector: 'lyrics', query: axis(4), limit: 10 });
      expect(hits[0]!.track.id).toBe('a');
      expect(hits.map((h) => h.track.id)).not.toContain('d');
    });

    it.each([
      ['language', { languages: ['es'] }, ['b', 'd']],
      ['genre (any of, case-insensitive)', { genres: ['pop rock'] }, ['c']],
      [
        'excluded artists (accents and case ignored)',
        { excludeArtists: ['coldplay', 'MANA'] },
        ['a', 'd', 'f'],
      ],
      ['artists (any of)', { artists: ['Daddy Yankee'] }, ['d']],
      ['year range (tracks without a year fail it)', { yearFrom: 1990, yearTo: 2010 }, ['b', 'c']],
      ['excluded ids', { excludeIds: ['a', 'b', 'c'] }, ['d', 'e', 'f']],
      ['combined', { languages: ['en'], yearFrom: 2000 }, ['c', 'f']],
    ] as const)('filters by %s', async (_label, filter, expected) => {
      const hits = await index.search({ vector: 'emotion', query: axis(0), limit: 10, filter });
      expect(hits.map((h) => h.track.id).sort()).toEqual([...expected].sort());
    });

    it('gets tracks by id in the order asked, skipping unknown ids, with vectors on request', async () => {
      const hits = await index.get(['c', 'nope', 'a'], ['emotion']);
      expect(hits.map((h) => h.track.id)).toEqual(['c', 'a']);
      expect(hits[1]!.track.artists).toEqual(['Queen']);
      const v = hits[1]!.vectors?.emotion;
      expect(v && Array.from(v).map((x) => Math.round(x * 1000) / 1000)).toEqual(Array.from(axis(0)));
    });

    it('returns requested vectors with search hits', async () => {
      const [hit] = await index.search({
        vector: 'emotion',
        query: axis(3),
        limit: 1,
        withVectors: ['emotion', 'lyrics'],
      });
      expect(hit!.track.id).toBe('f');
      expect(hit!.vectors?.lyrics?.length).toBe(8);
    });

    it('upserts idempotently by id: a re-upsert replaces payload and vectors without duplicating', async () => {
      await index.upsert([
        {
          track: track('f', { title: 'Renamed', artists: ['Adele'], year: 2011 }),
          vectors: { emotion: axis(5) },
        },
      ]);
      expect(await index.count()).toBe(CONFORMANCE_TRACKS.length);
      const [hit] = await index.search({ vector: 'emotion', query: axis(5), limit: 1 });
      expect(hit!.track.title).toBe('Renamed');
    });

    it('treats nothing found as an empty list', async () => {
      expect(
        await index.search({ vector: 'emotion', query: axis(0), limit: 5, filter: { languages: ['ko'] } }),
      ).toEqual([]);
      expect(await index.get(['missing'])).toEqual([]);
    });
  });
}

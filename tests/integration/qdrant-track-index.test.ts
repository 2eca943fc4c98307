import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeferredTrackIndex } from '../../core/catalog/deferred-track-index.js';
import {
  QdrantTrackIndex,
  toQdrantFilter,
  type QdrantTrackIndexOptions,
} from '../../core/catalog/qdrant-track-index.js';
import { trackPointId } from '../../core/clients/qdrant/uuid-v5.js';
import { loadConfig, secretValues } from '../../core/config/index.js';
import { AppError, UpstreamError, UserFacingError } from '../../core/errors.js';
import { createLogger } from '../../core/logger.js';
import { createCore } from '../../core/runtime.js';
import { HashEmbedder } from '../fakes/hash-embedder.js';
import { startFakeQdrant, type FakeQdrant } from '../fakes/qdrant-server.js';
import { FIXTURE_CATALOG } from '../helpers/test-app.js';
import {
  CONFORMANCE_SPEC,
  CONFORMANCE_TRACKS,
  describeTrackIndexConformance,
} from '../helpers/track-index-conformance.js';

// --- (a) the conformance suite against the protocol fake: every request must also pass the OpenAPI schema.
{
  let fake: FakeQdrant;
  describeTrackIndexConformance(
    'qdrant (protocol fake validating against the v1.18.x OpenAPI schema)',
    async () => {
      fake = await startFakeQdrant();
      return new QdrantTrackIndex({ url: fake.url, collection: 'conformance' });
    },
    async (index) => {
      await index.close();
      await fake.close();
      expect(fake.requests.length).toBeGreaterThan(10);
      expect(fake.rejected).toEqual([]);
      expect(fake.selfCheckFailures).toEqual([]);
    },
  );
}

// --- (b) the same suite against a real Qdrant when QDRANT_URL is set.
const env = loadConfig({ ...process.env, NODE_ENV: 'test' });
if (env.qdrant.url) {
  const url = env.qdrant.url;
  describeTrackIndexConformance(
    `qdrant (real server at ${new URL(url).origin})`,
    () =>
      Promise.resolve(
        new QdrantTrackIndex({
          url,
          apiKey: env.qdrant.apiKey,
          collection: `moodtune_conformance_${randomUUID().slice(0, 8)}`,
        }),
      ),
    async (index) => {
      await (index as QdrantTrackIndex).drop();
      await index.close();
    },
  );
} else {
  describe('TrackIndex conformance: qdrant (real server)', () => {
    const reason =
      'QDRANT_URL is not set; run `docker compose up qdrant` then `QDRANT_URL=http://localhost:6333 npm run test:int`';
    console.info(`skipping the real-Qdrant conformance suite: ${reason}`);
    it.skip(`runs against a real Qdrant (${reason})`, () => undefined);
  });
}

describe('the Qdrant protocol fake', () => {
  let fake: FakeQdrant;
  beforeAll(async () => {
    fake = await startFakeQdrant();
    const index = new QdrantTrackIndex({ url: fake.url, collection: 'shapes' });
    await index.open(CONFORMANCE_SPEC);
    await index.upsert(CONFORMANCE_TRACKS);
  });
  afterAll(() => fake.close());

  const send = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${fake.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      json: (await res.json()) as { status: unknown; time: unknown; result?: unknown },
    };
  };
  const vector = Array.from(CONFORMANCE_TRACKS[0]!.vectors.emotion);
  const query = (extra: Record<string, unknown>) => ({ query: vector, using: 'emotion', limit: 3, ...extra });

  it('accepts well-formed requests (the control case)', async () => {
    const { status, json } = await send(
      'POST',
      '/collections/shapes/points/query',
      query({ filter: { must: [{ key: 'language', match: { any: ['en'] } }] }, with_payload: true }),
    );
    expect(status).toBe(200);
    expect(json.status).toBe('ok');
  });

  it.each([
    ['a misspelt field', 'POST', '/collections/shapes/points/query', query({ score_treshold: 0.5 })],
    ['a wrong type', 'POST', '/collections/shapes/points/query', query({ limit: '3' })],
    ['a limit below 1', 'POST', '/collections/shapes/points/query', query({ limit: 0 })],
    [
      'an unknown match operator',
      'POST',
      '/collections/shapes/points/query',
      query({ filter: { must: [{ key: 'language', match: { in: ['en'] } }] } }),
    ],
    [
      'an unknown filter clause',
      'POST',
      '/collections/shapes/points/query',
      query({ filter: { must_have: [] } }),
    ],
    [
      'a string range bound',
      'POST',
      '/collections/shapes/points/query',
      query({ filter: { must: [{ key: 'year', range: { gte: '1990' } }] } }),
    ],
    [
      'has_id with a non-UUID string',
      'POST',
      '/collections/shapes/points/query',
      query({ filter: { must_not: [{ has_id: ['queen--bohemian-rhapsody'] }] } }),
    ],
    [
      'a point id that is neither a UUID nor an unsigned integer',
      'PUT',
      '/collections/shapes/points',
      { points: [{ id: 'a', vector: { emotion: vector } }] },
    ],
    [
      '`vectors` instead of `vector` on a point',
      'PUT',
      '/collections/shapes/points',
      { points: [{ id: trackPointId('a'), vectors: { emotion: vector } }] },
    ],
    [
      'a lower-case distance',
      'PUT',
      '/collections/other',
      { vectors: { emotion: { size: 8, distance: 'cosine' } } },
    ],
    [
      'an unknown payload index type',
      'PUT',
      '/collections/shapes/index',
      { field_name: 'year', field_schema: 'int' },
    ],
    [
      'retrieve with `id` instead of `ids`',
      'POST',
      '/collections/shapes/points',
      { id: [trackPointId('a')] },
    ],
  ] as const)('rejects %s with 400 and Qdrant’s error body', async (_label, method, path, body) => {
    const before = fake.rejected.length;
    const { status, json } = await send(method, path, body);
    expect(status).toBe(400);
    expect(json).toEqual({
      status: { error: expect.stringMatching(/Format error in JSON body/) as unknown },
      time: expect.any(Number) as unknown,
    });
    expect(fake.rejected.length).toBe(before + 1);
  });

  it('rejects an undeclared or mistyped query parameter', async () => {
    const bad = await fetch(`${fake.url}/collections/shapes/points?wait=yes`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ points: [] }),
    });
    expect(bad.status).toBe(400);
  });

  it('answers 404 with Qdrant’s message for a missing collection', async () => {
    const { status, json } = await send('POST', '/collections/nope/points/count', { exact: true });
    expect(status).toBe(404);
    expect(json.status).toEqual({ error: "Not found: Collection `nope` doesn't exist!" });
  });

  it('answers 400 "Wrong input" for a vector of the wrong size', async () => {
    const { status, json } = await send('PUT', '/collections/shapes/points', {
      points: [{ id: trackPointId('zz'), vector: { emotion: [1, 0, 0] } }],
    });
    expect(status).toBe(400);
    expect(json.status).toEqual({
      error: expect.stringContaining('Vector dimension error: expected dim: 8, got 3') as unknown,
    });
  });
});

describe('QdrantTrackIndex against failures', () => {
  let fake: FakeQdrant;
  const delays: number[] = [];
  const make = (over: Partial<QdrantTrackIndexOptions> = {}) =>
    new QdrantTrackIndex({
      url: fake.url,
      collection: 'faults',
      retries: 3,
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
      ...over,
    });
  let index: QdrantTrackIndex;
  const query = { vector: 'emotion' as const, query: CONFORMANCE_TRACKS[0]!.vectors.emotion, limit: 2 };
  const queries = () => fake.requests.filter((r) => r.path.endsWith('/points/query')).length;

  beforeAll(async () => {
    fake = await startFakeQdrant();
    index = make();
    await index.open(CONFORMANCE_SPEC);
    await index.upsert(CONFORMANCE_TRACKS);
  });
  afterEach(() => {
    delays.length = 0;
  });
  afterAll(() => fake.close());

  it('retries 503s with growing back-off and then succeeds', async () => {
    fake.inject({ status: 503 }, { count: 2, path: /points\/query$/ });
    const before = queries();
    const hits = await index.search(query);
    expect(hits[0]!.track.id).toBe('a');
    expect(queries() - before).toBe(3);
    expect(delays).toHaveLength(2);
    // Jitter keeps each wait within [½, 1] of 250·2^attempt.
    expect(delays[0]!).toBeGreaterThanOrEqual(125);
    expect(delays[0]!).toBeLessThanOrEqual(250);
    expect(delays[1]!).toBeGreaterThanOrEqual(250);
    expect(delays[1]!).toBeLessThanOrEqual(500);
  });

  it('gives up after the configured retries with an UpstreamError carrying the status', async () => {
    fake.inject({ status: 500 }, { count: 10, path: /points\/query$/ });
    const error = (await index.search(query).catch((e: unknown) => e)) as UpstreamError;
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/searching .*HTTP 500 — Service internal error/);
    expect(delays).toHaveLength(3);
    fake.clearFaults();
  });

  it('retries a request that times out', async () => {
    const quick = make({ timeoutMs: 150 });
    await quick.open(CONFORMANCE_SPEC);
    fake.inject({ hang: true }, { path: /points\/count$/ });
    expect(await quick.count()).toBe(CONFORMANCE_TRACKS.length);
    expect(delays).toHaveLength(1);
  });

  it('retries a reset connection and a malformed answer', async () => {
    fake.inject({ reset: true }, { path: /points\/query$/ });
    fake.inject({ malformed: true }, { path: /points\/query$/ });
    expect((await index.search(query))[0]!.track.id).toBe('a');
    expect(delays).toHaveLength(2);
  });

  it('waits at least Retry-After on 429', async () => {
    fake.inject({ status: 429, retryAfterSeconds: 2 }, { path: /points\/query$/ });
    await index.search(query);
    expect(delays).toHaveLength(1);
    expect(delays[0]!).toBeGreaterThanOrEqual(2000);
  });

  it('does not retry a 400 and reports Qdrant’s message', async () => {
    fake.inject({ status: 400, message: 'Wrong input: injected' }, { path: /points\/query$/ });
    const before = queries();
    const error = (await index.search(query).catch((e: unknown) => e)) as UpstreamError;
    expect(error.status).toBe(400);
    expect(error.message).toContain('Wrong input: injected');
    expect(queries() - before).toBe(1);
    expect(delays).toEqual([]);
  });

  it('reports a collection deleted underneath as a 404 without retrying', async () => {
    const gone = make({ collection: 'gone' });
    await gone.open(CONFORMANCE_SPEC);
    await gone.drop();
    const error = (await gone.count().catch((e: unknown) => e)) as UpstreamError;
    expect(error.status).toBe(404);
    expect(error.message).toContain("Collection `gone` doesn't exist!");
    expect(delays).toEqual([]);
  });

  it('says Qdrant is unreachable when nothing listens', async () => {
    const closed = await startFakeQdrant();
    await closed.close();
    const down = new QdrantTrackIndex({
      url: closed.url,
      collection: 'x',
      retries: 1,
      sleep: () => Promise.resolve(),
    });
    await expect(down.open(CONFORMANCE_SPEC)).rejects.toThrow(/Qdrant is unreachable \(ECONNREFUSED\)/);
  });

  it('refuses an existing collection whose vectors differ, saying how to re-create it', async () => {
    await fetch(`${fake.url}/collections/legacy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vectors: { emotion: { size: 16, distance: 'Cosine' } } }),
    });
    const error = (await make({ collection: 'legacy' })
      .open(CONFORMANCE_SPEC)
      .catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toContain('holds vectors emotion(16, Cosine)');
    expect(error.message).toContain('needs emotion(8, Cosine), lyrics(8, Cosine)');
    expect(error.message).toContain(`curl -X DELETE ${fake.url}/collections/legacy`);
    expect(error.message).toContain('load-catalog');
    expect(error.message).toContain('QDRANT_COLLECTION');
  });

  it('upserts idempotently: deterministic UUIDv5 point ids, no duplicates on re-load', async () => {
    const again = make({ collection: 'again', batchSize: 4 });
    await again.open(CONFORMANCE_SPEC);
    await again.upsert(CONFORMANCE_TRACKS);
    await again.upsert(CONFORMANCE_TRACKS);
    expect(await again.count()).toBe(CONFORMANCE_TRACKS.length);
    expect([...fake.collections.get('again')!.points.keys()].sort()).toEqual(
      CONFORMANCE_TRACKS.map((t) => trackPointId(t.track.id)).sort(),
    );
    // 6 tracks in batches of 4: two requests per load, each waiting for the write.
    const upserts = fake.requests.filter((r) => r.path === '/collections/again/points' && r.method === 'PUT');
    expect(upserts).toHaveLength(4);
    expect(upserts.every((r) => r.query.wait === 'true')).toBe(true);
  });

  it('creates the payload indexes the filters use, once', async () => {
    const c = fake.collections.get('faults')!;
    expect(Object.fromEntries(c.indexes)).toEqual({
      language: 'keyword',
      genres_folded: 'keyword',
      artists_folded: 'keyword',
      year: 'integer',
    });
    const before = fake.requests.filter((r) => r.path.endsWith('/index')).length;
    await make().open(CONFORMANCE_SPEC);
    expect(fake.requests.filter((r) => r.path.endsWith('/index')).length).toBe(before);
  });

  it('stores folded copies for filtering and returns the original track', async () => {
    const stored = fake.collections.get('faults')!.points.get(trackPointId('b'))!;
    expect(stored.payload.artists_folded).toEqual(['mana']);
    const [hit] = await index.get(['b']);
    expect(hit!.track).toEqual(CONFORMANCE_TRACKS[1]!.track);
  });

  it.each([
    ['no filter', undefined, undefined],
    ['empty lists', { languages: [], genres: [] }, undefined],
    [
      'everything',
      {
        languages: ['ES'],
        genres: ['Pop Rock'],
        artists: ['Maná'],
        excludeArtists: ['Coldplay'],
        excludeIds: ['a'],
        yearFrom: 1990,
        yearTo: 2000,
      },
      {
        must: [
          { key: 'language', match: { any: ['es'] } },
          { key: 'genres_folded', match: { any: ['pop rock'] } },
          { key: 'artists_folded', match: { any: ['mana'] } },
          { key: 'year', range: { gte: 1990, lte: 2000 } },
        ],
        must_not: [{ key: 'artists_folded', match: { any: ['coldplay'] } }, { has_id: [trackPointId('a')] }],
      },
    ],
    ['an open year range', { yearFrom: 2000 }, { must: [{ key: 'year', range: { gte: 2000 } }] }],
  ] as const)('maps %s to a Qdrant filter', (_label, filter, expected) => {
    expect(toQdrantFilter(filter)).toEqual(expected);
  });
});

describe('API key handling', () => {
  const KEY = 'qdr-right-key-5f2a9c71e0';
  const WRONG = 'qdr-wrong-key-83bd11f4a2';
  let fake: FakeQdrant;
  beforeAll(async () => {
    fake = await startFakeQdrant({ apiKey: KEY });
  });
  afterAll(() => fake.close());

  it('sends the key in the api-key header', async () => {
    const index = new QdrantTrackIndex({ url: fake.url, apiKey: KEY, collection: 'keyed' });
    await index.open(CONFORMANCE_SPEC);
    expect(fake.requests.at(-1)!.apiKey).toBe(KEY);
  });

  it('explains a wrong key without printing it, and the bot still starts with search off', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      MOODTUNE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'moodtune-qdrant-key-')),
      MOODTUNE_CATALOG: FIXTURE_CATALOG,
      QDRANT_URL: fake.url,
      QDRANT_API_KEY: WRONG,
    });
    // Two loggers: one scrubbing the configured secrets (as in production) and one that does not know them,
    // which proves our code never logs the key at all rather than relying on the scrubber.
    for (const secrets of [secretValues(config), []]) {
      lines.length = 0;
      const logger = createLogger({ level: 'debug', secrets, destination });
      const core = await createCore(config, logger, { embedder: new HashEmbedder() });
      expect(core.index).toBeInstanceOf(DeferredTrackIndex);
      const error = (await core.index
        .search({ vector: 'emotion', query: new Float32Array(16), limit: 1 })
        .catch((e: unknown) => e)) as UserFacingError;
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error.message).toMatch(/can't search for songs right now/);
      await core.close();
      const log = lines.join('');
      expect(log).toContain('QDRANT_API_KEY');
      expect(log).toContain('Invalid API key or JWT');
      expect(log).not.toContain(WRONG);
      expect(log).not.toContain(KEY);
    }
    await rm(config.dataDir, { recursive: true, force: true });
  });
});

describe('start-up while Qdrant is down', () => {
  it('starts, says search is unavailable, and serves once Qdrant comes up', async () => {
    const probe = await startFakeQdrant();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const config = loadConfig({
      NODE_ENV: 'test',
      MOODTUNE_DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'moodtune-qdrant-down-')),
      MOODTUNE_CATALOG: FIXTURE_CATALOG,
      QDRANT_URL: `http://127.0.0.1:${port}`,
    });
    const lines: string[] = [];
    const logger = createLogger({
      level: 'info',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const core = await createCore(config, logger, { embedder: new HashEmbedder() });
    let fake: FakeQdrant | undefined;
    try {
      const index = core.index as DeferredTrackIndex;
      expect(index.ready).toBe(false);
      await expect(
        index.search({ vector: 'emotion', query: new Float32Array(16), limit: 1 }),
      ).rejects.toThrow(UserFacingError);
      expect(lines.join('')).toMatch(/is unavailable: song search is off until it answers; retrying/);
      fake = await startFakeQdrant({ port });
      await index.whenReady();
      expect(await index.count()).toBe(24);
      expect(lines.join('')).toMatch(/is back: song search is on/);
      const hits = await index.search({
        vector: 'emotion',
        query: await new HashEmbedder().embedText('joy'),
        limit: 3,
      });
      expect(hits).toHaveLength(3);
      expect(fake.rejected).toEqual([]);
    } finally {
      await core.close();
      await fake?.close();
      await rm(config.dataDir, { recursive: true, force: true });
    }
  });
});

import { QdrantClient, type Schemas } from '@qdrant/js-client-rest';
import type { Logger } from 'pino';
import { callQdrant, type RetryOptions } from '../clients/qdrant/call.js';
import { trackPointId } from '../clients/qdrant/uuid-v5.js';
import type { Config } from '../config/index.js';
import { AppError, UpstreamError } from '../errors.js';
import { DeferredTrackIndex } from './deferred-track-index.js';
import {
  VECTOR_NAMES,
  type IndexedTrack,
  type ScoredTrack,
  type SearchQuery,
  type TrackFilter,
  type TrackIndex,
  type VectorName,
  type VectorSpec,
} from './track-index.js';
import { TrackSchema, type Track } from './track.js';

/** Payload keys holding case- and accent-folded copies, because Qdrant keyword matches are exact. */
const FOLDED = { artists: 'artists_folded', genres: 'genres_folded' } as const;

/** Payload indexes the filters rely on (without them Qdrant scans payloads on every filtered search). */
export const PAYLOAD_INDEXES: readonly { field: string; schema: Schemas['PayloadSchemaType'] }[] = [
  { field: 'language', schema: 'keyword' },
  { field: FOLDED.genres, schema: 'keyword' },
  { field: FOLDED.artists, schema: 'keyword' },
  { field: 'year', schema: 'integer' },
];

/** Same folding as the embedded index's `compileFilter`, so both indexes agree on what matches. */
export const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

export interface QdrantTrackIndexOptions extends RetryOptions {
  url: string;
  apiKey?: string | undefined;
  collection: string;
  /** Per-request timeout in ms (default 10 s). */
  timeoutMs?: number;
  /** Points per upsert request (default 256: ~1 MB of JSON with two 512-d vectors each). */
  batchSize?: number;
}

type Payload = Record<string, unknown>;

export function payloadOf(track: Track): Payload {
  return {
    ...track,
    [FOLDED.artists]: track.artists.map(fold),
    [FOLDED.genres]: track.genres.map(fold),
  };
}

/** Qdrant filter for our filter model; undefined when nothing restricts. */
export function toQdrantFilter(filter: TrackFilter | undefined): Schemas['Filter'] | undefined {
  if (!filter) return undefined;
  const must: Schemas['Condition'][] = [];
  const mustNot: Schemas['Condition'][] = [];
  const any = (key: string, values: readonly string[]): Schemas['FieldCondition'] => ({
    key,
    match: { any: [...new Set(values.map(fold))] },
  });
  if (filter.languages?.length) must.push(any('language', filter.languages));
  if (filter.genres?.length) must.push(any(FOLDED.genres, filter.genres));
  if (filter.artists?.length) must.push(any(FOLDED.artists, filter.artists));
  // must_not + match.any means "no element is in the list"; match.except on an array field would pass a
  // track as soon as one of its artists is outside the list.
  if (filter.excludeArtists?.length) mustNot.push(any(FOLDED.artists, filter.excludeArtists));
  if (filter.excludeIds?.length) mustNot.push({ has_id: filter.excludeIds.map(trackPointId) });
  if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
    // A point without `year` fails a range condition, as the port requires.
    must.push({
      key: 'year',
      range: {
        ...(filter.yearFrom !== undefined ? { gte: filter.yearFrom } : {}),
        ...(filter.yearTo !== undefined ? { lte: filter.yearTo } : {}),
      },
    });
  }
  if (must.length === 0 && mustNot.length === 0) return undefined;
  return { ...(must.length ? { must } : {}), ...(mustNot.length ? { must_not: mustNot } : {}) };
}

const describeSpec = (vectors: Record<string, { size: number; distance?: string }>) =>
  Object.entries(vectors)
    .map(([name, v]) => `${name}(${v.size}${v.distance ? `, ${v.distance}` : ''})`)
    .join(', ') || 'none';

/**
 * The TrackIndex port over a Qdrant collection: one point per track (id = UUIDv5 of the track id, so re-loading
 * never duplicates), named cosine vectors from the VectorSpec, the track as payload plus folded copies of
 * artists and genres for filtering. Transient failures (timeouts, 5xx, 429) are retried with back-off; what
 * still fails surfaces as UpstreamError.
 */
export class QdrantTrackIndex implements TrackIndex {
  readonly kind = 'qdrant';
  private readonly client: QdrantClient;
  private readonly retry: RetryOptions;
  private spec: VectorSpec = {};
  private readonly collection: string;
  private readonly batchSize: number;
  /** Scheme, host and port only: safe to print (no credentials, no key). */
  readonly address: string;

  constructor(
    options: QdrantTrackIndexOptions,
    private readonly logger?: Logger,
  ) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.collection = options.collection;
    this.batchSize = options.batchSize ?? 256;
    this.address = new URL(options.url).origin;
    this.retry = { ...options, timeoutMs, ...(logger ? { logger } : {}) };
    this.client = new QdrantClient({
      url: options.url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: timeoutMs,
      // The check runs un-awaited in the constructor and prints to the console; the pinned image matches.
      checkCompatibility: false,
    });
  }

  private call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return callQdrant(`${what} (collection "${this.collection}" at ${this.address})`, run, this.retry);
  }

  async open(spec: VectorSpec): Promise<void> {
    this.spec = spec;
    const wanted: Record<string, { size: number; distance: 'Cosine' }> = {};
    for (const name of VECTOR_NAMES) {
      const size = spec[name]?.size;
      if (size !== undefined) wanted[name] = { size, distance: 'Cosine' };
    }
    const { exists } = await this.call('checking the collection', () =>
      this.client.collectionExists(this.collection),
    );
    if (!exists) {
      try {
        await this.call('creating the collection', () =>
          this.client.createCollection(this.collection, { vectors: wanted }),
        );
        this.logger?.info(
          { collection: this.collection, vectors: describeSpec(wanted) },
          'created qdrant collection',
        );
      } catch (error) {
        // Another process (or a retried request that did land) created it first: fine, it is checked below.
        if (!(error instanceof UpstreamError && error.status === 409)) throw error;
      }
    }
    const info = await this.call('reading the collection', () => this.client.getCollection(this.collection));
    this.checkVectors(info.config.params.vectors, wanted);
    const indexed = new Set(Object.keys(info.payload_schema ?? {}));
    for (const { field, schema } of PAYLOAD_INDEXES) {
      if (indexed.has(field)) continue;
      await this.call(`indexing payload field "${field}"`, () =>
        this.client.createPayloadIndex(this.collection, {
          field_name: field,
          field_schema: schema,
          wait: true,
        }),
      );
    }
  }

  private checkVectors(
    actual: Schemas['VectorsConfig'] | undefined,
    wanted: Record<string, { size: number; distance: 'Cosine' }>,
  ): void {
    // An unnamed single vector is `{size, distance}`; named vectors are `{name: {size, distance}}`.
    const named: Record<string, { size: number; distance: string }> =
      actual && typeof (actual as { size?: unknown }).size === 'number'
        ? { '(unnamed)': actual as Schemas['VectorParams'] }
        : ((actual ?? {}) as Record<string, Schemas['VectorParams']>);
    const names = new Set([...Object.keys(named), ...Object.keys(wanted)]);
    const same = [...names].every(
      (n) => named[n]?.size === wanted[n]?.size && named[n]?.distance === wanted[n]?.distance,
    );
    if (same) return;
    throw new AppError(
      `Qdrant collection "${this.collection}" at ${this.address} holds vectors ${describeSpec(named)}, ` +
        `but moodtune needs ${describeSpec(wanted)}. Re-create it: delete the collection ` +
        `(curl -X DELETE ${this.address}/collections/${this.collection}, adding -H "api-key: $QDRANT_API_KEY" if ` +
        'the server has a key) and run `npm run ingest -- load-catalog`, or set QDRANT_COLLECTION to a new name.',
    );
  }

  private checkVector(name: VectorName, vector: Float32Array, what: string): void {
    const size = this.spec[name]?.size;
    if (size === undefined)
      throw new AppError(`index has no "${name}" vector; open it with that vector in the spec`);
    if (vector.length !== size)
      throw new AppError(`${what} "${name}" has ${vector.length} dimensions, expected ${size}`);
  }

  async upsert(items: readonly IndexedTrack[]): Promise<void> {
    for (const { track, vectors } of items) {
      for (const [name, vector] of Object.entries(vectors) as [VectorName, Float32Array][])
        this.checkVector(name, vector, `vector of ${track.id}`);
    }
    for (let i = 0; i < items.length; i += this.batchSize) {
      const points = items.slice(i, i + this.batchSize).map(({ track, vectors }) => ({
        id: trackPointId(track.id),
        vector: Object.fromEntries(Object.entries(vectors).map(([name, v]) => [name, Array.from(v)])),
        payload: payloadOf(track),
      }));
      await this.call(`upserting ${points.length} tracks`, () =>
        this.client.upsert(this.collection, { wait: true, points }),
      );
    }
  }

  async search(query: SearchQuery): Promise<ScoredTrack[]> {
    if (this.spec[query.vector] === undefined) return [];
    this.checkVector(query.vector, query.query, 'query for');
    const limit = Math.floor(query.limit);
    if (limit < 1) return [];
    const filter = toQdrantFilter(query.filter);
    const withVectors = query.withVectors?.filter((n) => this.spec[n] !== undefined) ?? [];
    const { points } = await this.call('searching', () =>
      this.client.query(this.collection, {
        query: Array.from(query.query),
        using: query.vector,
        limit,
        with_payload: true,
        with_vector: withVectors.length ? withVectors : false,
        ...(filter ? { filter } : {}),
        ...(query.scoreThreshold !== undefined ? { score_threshold: query.scoreThreshold } : {}),
      }),
    );
    return points.map((p) => this.hit(p.payload, p.score, withVectors.length ? p.vector : undefined));
  }

  async get(ids: readonly string[], withVectors?: readonly VectorName[]): Promise<ScoredTrack[]> {
    if (ids.length === 0) return [];
    const wanted = withVectors?.filter((n) => this.spec[n] !== undefined) ?? [];
    const found = new Map<string, ScoredTrack>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const slice = unique.slice(i, i + 500);
      const records = await this.call(`fetching ${slice.length} tracks`, () =>
        this.client.retrieve(this.collection, {
          ids: slice.map(trackPointId),
          with_payload: true,
          with_vector: wanted.length ? wanted : false,
        }),
      );
      for (const record of records) {
        const hit = this.hit(record.payload, 1, wanted.length ? record.vector : undefined);
        found.set(hit.track.id, hit);
      }
    }
    return ids.flatMap((id) => {
      const hit = found.get(id);
      return hit ? [hit] : [];
    });
  }

  async count(): Promise<number> {
    const { count } = await this.call('counting tracks', () =>
      this.client.count(this.collection, { exact: true }),
    );
    return count;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Deletes the collection (tests and `--recreate`); a missing collection is not an error. */
  async drop(): Promise<void> {
    await this.call('deleting the collection', () => this.client.deleteCollection(this.collection));
  }

  private hit(payload: Payload | null | undefined, score: number, raw?: unknown): ScoredTrack {
    const { [FOLDED.artists]: _a, [FOLDED.genres]: _g, ...fields } = payload ?? {};
    const parsed = TrackSchema.safeParse(fields);
    if (!parsed.success) {
      throw new AppError(
        `Qdrant collection "${this.collection}" holds a point that is not a moodtune track ` +
          `(${parsed.error.issues[0]?.path.join('.') ?? '?'}: ${parsed.error.issues[0]?.message ?? '?'}); ` +
          'load it with `npm run ingest -- load-catalog` or point QDRANT_COLLECTION at a moodtune collection.',
      );
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { track: parsed.data, score };
    const vectors: Partial<Record<VectorName, Float32Array>> = {};
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if ((VECTOR_NAMES as readonly string[]).includes(name) && Array.isArray(value))
        vectors[name as VectorName] = Float32Array.from(value as number[]);
    }
    return { track: parsed.data, score, vectors };
  }
}

/**
 * The Qdrant index the app uses when QDRANT_URL is set, wrapped so start-up survives an outage: `prepare` (the
 * catalog sync) runs once Qdrant answers, and searches fail kindly until then.
 */
export function createQdrantIndex(
  qdrant: Config['qdrant'] & { url: string },
  logger: Logger,
  prepare?: (index: TrackIndex) => Promise<void>,
  options: Partial<QdrantTrackIndexOptions> & { delaysMs?: readonly number[] } = {},
): DeferredTrackIndex {
  const { delaysMs, ...rest } = options;
  const inner = new QdrantTrackIndex(
    { url: qdrant.url, apiKey: qdrant.apiKey, collection: qdrant.collection, ...rest },
    logger,
  );
  return new DeferredTrackIndex(inner, {
    label: `Qdrant collection "${qdrant.collection}" at ${inner.address}`,
    logger,
    ...(prepare ? { prepare } : {}),
    ...(delaysMs ? { delaysMs } : {}),
  });
}

import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * A loopback server speaking the subset of Qdrant's REST API that QdrantTrackIndex uses, backed by an in-memory
 * store with Qdrant's semantics (named vectors, cosine on normalized vectors, payload filters, UUID/integer point
 * ids). Every request body and query string is validated against Qdrant's published OpenAPI schema for v1.18.x
 * (`qdrant-openapi.subset.json`), and every successful answer is checked against the same schema, so a wrong
 * field name, type or filter shape fails the test instead of passing by construction.
 *
 * Deliberately stricter than the server in one way: objects reject properties the schema does not list.
 * Real Qdrant rejects unknown fields inside filters (`deny_unknown_fields`) but silently ignores them elsewhere,
 * which would hide a misspelt optional field such as `score_treshold`.
 */

const SUBSET = path.resolve(import.meta.dirname, 'qdrant-openapi.subset.json');
export const FAKE_QDRANT_VERSION = '1.18.3';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

interface Operation {
  operationId: string;
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema: Schema }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { content?: { 'application/json'?: { schema: Schema } } }>;
}

/** OpenAPI 3.0 → JSON Schema (draft-07) for Ajv: `nullable`, annotation keywords, refs, closed objects. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(src)) {
    if (key === 'nullable' || key === 'example' || key === 'deprecated') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', 'qdrant#/definitions/');
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([name, schema]) => [name, toJsonSchema(schema)]),
      );
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (src.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  const { description: _d, default: _def, ...rest } = out;
  return Object.keys(rest).length === 0 ? { type: 'null' } : { anyOf: [rest, { type: 'null' }] };
}

const UINT = (bits: number) => ({
  type: 'number' as const,
  validate: (n: number) => Number.isInteger(n) && n >= 0 && n <= 2 ** bits - 1,
});

function createValidator(): { ajv: Ajv; doc: { paths: Record<string, Record<string, Operation>> } } {
  const doc = JSON.parse(readFileSync(SUBSET, 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Schema };
  };
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
  // ajv-formats is CommonJS: under NodeNext the default import is `module.exports`, whose `.default` is the plugin.
  addFormatsModule.default(ajv, ['date-time', 'uuid']);
  ajv.addFormat('uint', UINT(53));
  ajv.addFormat('uint8', UINT(8));
  ajv.addFormat('uint32', UINT(32));
  ajv.addFormat('uint64', UINT(64));
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addSchema({ $id: 'qdrant', definitions: toJsonSchema(doc.components.schemas) as Schema });
  return { ajv, doc };
}

const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .slice(0, 6)
    .map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('; ');

interface Point {
  id: string | number;
  vectors: Map<string, Float32Array>;
  payload: Record<string, Json>;
  version: number;
}

interface Collection {
  vectors: Record<string, { size: number; distance: string }>;
  points: Map<string, Point>;
  indexes: Map<string, string>;
  operations: number;
}

/** A failure to inject: an HTTP status with Qdrant's error body, a request that never answers, or a reset. */
export type Fault =
  | { status: 500 | 502 | 503 | 504 | 429 | 400; retryAfterSeconds?: number; message?: string }
  | { hang: true }
  | { reset: true }
  | { malformed: true };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  apiKey: string | undefined;
  /** Answer status (0 for hangs and resets). */
  status: number;
}

export interface FakeQdrant {
  url: string;
  requests: RecordedRequest[];
  /** Requests refused because they did not match the schema (each also answered with a 400). */
  rejected: { method: string; path: string; error: string }[];
  /** Answers the fake produced outside the schema: always a bug in the fake; tests assert this stays empty. */
  selfCheckFailures: string[];
  collections: Map<string, Collection>;
  /** Makes the next `count` matching requests fail with `fault`. */
  inject(fault: Fault, options?: { count?: number; method?: string; path?: RegExp }): void;
  /** Drops faults not yet consumed. */
  clearFaults(): void;
  close(): Promise<void>;
}

const ok = (result: unknown, time = 0.000123): Json => ({ result: result as Json, status: 'ok', time });
const failure = (message: string): Json => ({ status: { error: message }, time: 0.000042 });

function normalize(vector: readonly number[]): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function valuesAt(payload: Record<string, Json>, key: string): Json[] {
  let current: Json[] = [payload];
  for (const part of key.split('.')) {
    const next: Json[] = [];
    for (const value of current) {
      if (value && typeof value === 'object' && !Array.isArray(value) && part in value)
        next.push(value[part]!);
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

type Condition = Record<string, unknown>;

function matchesCondition(point: Point, condition: Condition): boolean {
  if ('has_id' in condition)
    return (condition.has_id as (string | number)[]).some((id) => String(id) === String(point.id));
  if ('must' in condition || 'should' in condition || 'must_not' in condition || 'min_should' in condition)
    return matchesFilter(point, condition);
  if ('is_empty' in condition)
    return valuesAt(point.payload, (condition.is_empty as { key: string }).key).length === 0;
  if ('is_null' in condition)
    return valuesAt(point.payload, (condition.is_null as { key: string }).key).some((v) => v === null);
  if ('has_vector' in condition) return point.vectors.has(condition.has_vector as string);
  const key = condition.key as string | undefined;
  if (key === undefined)
    throw new BadRequest(`the fake does not implement condition ${JSON.stringify(condition)}`);
  const values = valuesAt(point.payload, key);
  const match = condition.match as { value?: Json; any?: Json[]; except?: Json[] } | undefined;
  const range = condition.range as { gt?: number; gte?: number; lt?: number; lte?: number } | undefined;
  if (match && 'value' in match) return values.some((v) => v === match.value);
  if (match && 'any' in match) return values.some((v) => match.any!.includes(v));
  if (match && 'except' in match) return values.some((v) => !match.except!.includes(v));
  if (range) {
    return values.some(
      (v) =>
        typeof v === 'number' &&
        (range.gt === undefined || v > range.gt) &&
        (range.gte === undefined || v >= range.gte) &&
        (range.lt === undefined || v < range.lt) &&
        (range.lte === undefined || v <= range.lte),
    );
  }
  throw new BadRequest(`the fake does not implement field condition ${JSON.stringify(condition)}`);
}

const asList = (x: unknown): Condition[] =>
  (x === undefined || x === null ? [] : Array.isArray(x) ? x : [x]) as Condition[];

function matchesFilter(point: Point, filter: Condition | null | undefined): boolean {
  if (!filter) return true;
  if (!asList(filter.must).every((c) => matchesCondition(point, c))) return false;
  if (asList(filter.must_not).some((c) => matchesCondition(point, c))) return false;
  const should = asList(filter.should);
  if (should.length > 0 && !should.some((c) => matchesCondition(point, c))) return false;
  const minShould = filter.min_should as { conditions: Condition[]; min_count: number } | undefined | null;
  if (
    minShould &&
    minShould.conditions.filter((c) => matchesCondition(point, c)).length < minShould.min_count
  )
    return false;
  return true;
}

function selectVectors(point: Point, withVector: unknown): Record<string, number[]> | undefined {
  if (!withVector) return undefined;
  const names = withVector === true ? [...point.vectors.keys()] : (withVector as string[]);
  const out: Record<string, number[]> = {};
  for (const name of names) {
    const v = point.vectors.get(name);
    if (v) out[name] = Array.from(v);
  }
  return out;
}

function selectPayload(point: Point, withPayload: unknown): Record<string, Json> | null {
  if (withPayload === false || withPayload === undefined || withPayload === null) return null;
  if (withPayload === true) return point.payload;
  throw new BadRequest('the fake implements with_payload true/false only');
}

function collectionInfo(c: Collection): Json {
  const payloadSchema: Record<string, Json> = {};
  for (const [field, type] of c.indexes) payloadSchema[field] = { data_type: type, points: c.points.size };
  return {
    status: 'green',
    optimizer_status: 'ok',
    indexed_vectors_count: 0,
    points_count: c.points.size,
    segments_count: 1,
    config: {
      params: {
        vectors: c.vectors,
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
      },
      hnsw_config: {
        m: 16,
        ef_construct: 100,
        full_scan_threshold: 10000,
        max_indexing_threads: 0,
        on_disk: false,
      },
      optimizer_config: {
        deleted_threshold: 0.2,
        vacuum_min_vector_number: 1000,
        default_segment_number: 0,
        max_segment_size: null,
        memmap_threshold: null,
        indexing_threshold: 10000,
        flush_interval_sec: 5,
        max_optimization_threads: null,
      },
      wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
      quantization_config: null,
    },
    payload_schema: payloadSchema,
  };
}

const ROUTES: { method: string; pattern: RegExp; path: string }[] = [
  { method: 'GET', pattern: /^\/$/, path: '/' },
  {
    method: 'GET',
    pattern: /^\/collections\/([^/]+)\/exists$/,
    path: '/collections/{collection_name}/exists',
  },
  { method: 'GET', pattern: /^\/collections\/([^/]+)$/, path: '/collections/{collection_name}' },
  { method: 'PUT', pattern: /^\/collections\/([^/]+)$/, path: '/collections/{collection_name}' },
  { method: 'DELETE', pattern: /^\/collections\/([^/]+)$/, path: '/collections/{collection_name}' },
  { method: 'PUT', pattern: /^\/collections\/([^/]+)\/index$/, path: '/collections/{collection_name}/index' },
  {
    method: 'PUT',
    pattern: /^\/collections\/([^/]+)\/points$/,
    path: '/collections/{collection_name}/points',
  },
  {
    method: 'POST',
    pattern: /^\/collections\/([^/]+)\/points$/,
    path: '/collections/{collection_name}/points',
  },
  {
    method: 'POST',
    pattern: /^\/collections\/([^/]+)\/points\/query$/,
    path: '/collections/{collection_name}/points/query',
  },
  {
    method: 'POST',
    pattern: /^\/collections\/([^/]+)\/points\/count$/,
    path: '/collections/{collection_name}/points/count',
  },
];

/**
 * Starts the fake on 127.0.0.1 (a random port unless `port` is given). With `apiKey`, requests must carry it in
 * the `api-key` header.
 */
export async function startFakeQdrant(options: { apiKey?: string; port?: number } = {}): Promise<FakeQdrant> {
  const { ajv, doc } = createValidator();
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: Schema) => {
    let v = validators.get(key);
    if (!v) {
      v = ajv.compile(toJsonSchema(schema) as Schema);
      validators.set(key, v);
    }
    return v;
  };
  const collections = new Map<string, Collection>();
  const faults: { fault: Fault; count: number; method?: string; path?: RegExp }[] = [];
  const sockets = new Set<Socket>();
  const fake: FakeQdrant = {
    url: '',
    requests: [],
    rejected: [],
    selfCheckFailures: [],
    collections,
    inject(fault, o = {}) {
      faults.push({
        fault,
        count: o.count ?? 1,
        ...(o.method ? { method: o.method } : {}),
        ...(o.path ? { path: o.path } : {}),
      });
    },
    clearFaults() {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const handle = (
    method: string,
    url: URL,
    body: unknown,
  ): { status: number; json: Json; op?: Operation } => {
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) return { status: 404, json: failure(`Not found: no route ${method} ${url.pathname}`) };
    const op = doc.paths[route.path]![method.toLowerCase()]!;
    const name = decodeURIComponent(route.pattern.exec(url.pathname)?.[1] ?? '');

    // Query string: every parameter must be declared, and parse as its declared schema.
    const query: Record<string, unknown> = {};
    for (const [key, raw] of url.searchParams) {
      const param = op.parameters?.find((p) => p.in === 'query' && p.name === key);
      if (!param) throw new BadRequest(`Query deserialize error: unknown query parameter \`${key}\``);
      const schema = param.schema;
      const value =
        raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      const v = validatorFor(`${op.operationId}?${key}`, schema);
      if (!v(value)) throw new BadRequest(`Query deserialize error: ${key}: ${describeErrors(v.errors)}`);
      query[key] = value;
    }
    const bodySchema = op.requestBody?.content['application/json'].schema;
    if (bodySchema) {
      const v = validatorFor(op.operationId, bodySchema);
      if (!v(body)) throw new BadRequest(`Format error in JSON body: ${describeErrors(v.errors)}`);
    } else if (body !== undefined) {
      throw new BadRequest(`Format error in JSON body: ${op.operationId} takes no body`);
    }

    if (route.path === '/')
      return {
        status: 200,
        json: { title: 'qdrant - vector search engine', version: FAKE_QDRANT_VERSION },
        op,
      };
    if (op.operationId === 'collection_exists')
      return { status: 200, json: ok({ exists: collections.has(name) }), op };
    if (op.operationId === 'create_collection') {
      if (collections.has(name))
        throw new BadRequest(`Wrong input: Collection \`${name}\` already exists!`, 409);
      const vectors = (body as { vectors?: Record<string, unknown> }).vectors ?? {};
      if (typeof vectors.size === 'number') throw new BadRequest('the fake implements named vectors only');
      collections.set(name, {
        vectors: vectors as Collection['vectors'],
        points: new Map(),
        indexes: new Map(),
        operations: 0,
      });
      return { status: 200, json: ok(true), op };
    }
    if (op.operationId === 'delete_collection')
      return { status: 200, json: ok(collections.delete(name)), op };

    const c = collections.get(name);
    if (!c) return { status: 404, json: failure(`Not found: Collection \`${name}\` doesn't exist!`), op };
    switch (op.operationId) {
      case 'get_collection':
        return { status: 200, json: ok(collectionInfo(c)), op };
      case 'create_field_index': {
        const { field_name, field_schema } = body as { field_name: string; field_schema: unknown };
        c.indexes.set(
          field_name,
          typeof field_schema === 'string' ? field_schema : (field_schema as { type: string }).type,
        );
        return {
          status: 200,
          json: ok({ operation_id: c.operations++, status: query.wait ? 'completed' : 'acknowledged' }),
          op,
        };
      }
      case 'upsert_points': {
        const points = (
          body as {
            points?: { id: string | number; vector: unknown; payload?: Record<string, Json> | null }[];
          }
        ).points;
        if (!points) throw new BadRequest('the fake implements the points-list form of upsert only');
        const prepared: Point[] = points.map((p) => {
          if (!p.vector || typeof p.vector !== 'object' || Array.isArray(p.vector))
            throw new BadRequest('Wrong input: the collection has named vectors; send {name: vector}');
          const vectors = new Map<string, Float32Array>();
          for (const [vn, values] of Object.entries(p.vector as Record<string, unknown>)) {
            const params = c.vectors[vn];
            if (!params) throw new BadRequest(`Wrong input: Not existing vector name error: ${vn}`);
            if (!Array.isArray(values) || values.some((x) => typeof x !== 'number'))
              throw new BadRequest(`the fake implements dense vectors only (${vn})`);
            if (values.length !== params.size)
              throw new BadRequest(
                `Wrong input: Vector dimension error: expected dim: ${params.size}, got ${values.length} for vector '${vn}'`,
              );
            vectors.set(
              vn,
              params.distance === 'Cosine'
                ? normalize(values as number[])
                : Float32Array.from(values as number[]),
            );
          }
          return {
            id: typeof p.id === 'string' ? p.id.toLowerCase() : p.id,
            vectors,
            payload: p.payload ?? {},
            version: c.operations,
          };
        });
        for (const p of prepared) c.points.set(String(p.id), p);
        return {
          status: 200,
          json: ok({ operation_id: c.operations++, status: query.wait ? 'completed' : 'acknowledged' }),
          op,
        };
      }
      case 'get_points': {
        const { ids, with_payload, with_vector } = body as {
          ids: (string | number)[];
          with_payload?: unknown;
          with_vector?: unknown;
        };
        const records = ids
          .map((id) => c.points.get(String(typeof id === 'string' ? id.toLowerCase() : id)))
          .filter((p): p is Point => p !== undefined)
          .map((p) => ({
            id: p.id,
            payload: selectPayload(p, with_payload ?? true),
            ...(with_vector ? { vector: selectVectors(p, with_vector) } : {}),
          }));
        return { status: 200, json: ok(records), op };
      }
      case 'count_points': {
        const { filter } = (body ?? {}) as { filter?: Condition | null };
        return {
          status: 200,
          json: ok({ count: [...c.points.values()].filter((p) => matchesFilter(p, filter)).length }),
          op,
        };
      }
      case 'query_points': {
        const req = body as {
          query?: unknown;
          using?: string | null;
          filter?: Condition | null;
          score_threshold?: number | null;
          limit?: number | null;
          offset?: number | null;
          with_payload?: unknown;
          with_vector?: unknown;
          prefetch?: unknown;
        };
        if (req.prefetch) throw new BadRequest('the fake does not implement prefetch');
        const raw = Array.isArray(req.query)
          ? req.query
          : (req.query as { nearest?: unknown } | undefined)?.nearest;
        if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'number'))
          throw new BadRequest('the fake implements nearest search with a dense vector only');
        const using = req.using ?? '';
        const params = c.vectors[using];
        if (!params) throw new BadRequest(`Wrong input: Not existing vector name error: ${using}`);
        if (raw.length !== params.size)
          throw new BadRequest(
            `Wrong input: Vector dimension error: expected dim: ${params.size}, got ${raw.length}`,
          );
        const q = normalize(raw as number[]);
        const threshold = req.score_threshold ?? -Infinity;
        const scored: { p: Point; score: number }[] = [];
        for (const p of c.points.values()) {
          const v = p.vectors.get(using);
          if (!v || !matchesFilter(p, req.filter)) continue;
          let score = 0;
          for (let i = 0; i < v.length; i++) score += v[i]! * q[i]!;
          if (score >= threshold) scored.push({ p, score });
        }
        scored.sort((a, b) => b.score - a.score);
        const offset = req.offset ?? 0;
        const points = scored.slice(offset, offset + (req.limit ?? 10)).map(({ p, score }) => ({
          id: p.id,
          version: p.version,
          score,
          payload: selectPayload(p, req.with_payload ?? false),
          ...(req.with_vector ? { vector: selectVectors(p, req.with_vector) } : {}),
        }));
        return { status: 200, json: ok({ points }), op };
      }
      default:
        throw new BadRequest(`the fake does not implement ${op.operationId}`);
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const apiKey = typeof req.headers['api-key'] === 'string' ? req.headers['api-key'] : undefined;
      const text = Buffer.concat(chunks).toString('utf8');
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: undefined,
        apiKey,
        status: 0,
      };
      fake.requests.push(record);
      const send = (status: number, json: Json, headers: Record<string, string> = {}) => {
        record.status = status;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };

      const faultIndex = faults.findIndex(
        (f) => (!f.method || f.method === record.method) && (!f.path || f.path.test(url.pathname)),
      );
      if (faultIndex !== -1) {
        const entry = faults[faultIndex]!;
        if (--entry.count <= 0) faults.splice(faultIndex, 1);
        const fault = entry.fault;
        if ('hang' in fault) return; // the client's timeout has to fire
        if ('reset' in fault) return req.socket.destroy();
        if ('malformed' in fault) {
          record.status = 200;
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"result": {"points": [');
        }
        const messages: Record<number, string> = {
          400: 'Bad request: injected',
          429: 'Rate limiting exceeded: Write rate limit exceeded, retry later',
          500: 'Service internal error: injected failure',
          502: 'Service internal error: bad gateway',
          503: 'Shard temporarily unavailable: injected outage',
          504: 'Timeout: injected',
        };
        return send(
          fault.status,
          failure(fault.message ?? messages[fault.status]!),
          fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
        );
      }

      // Qdrant answers auth failures with a plain-text 401 before touching the request.
      if (options.apiKey !== undefined && apiKey !== options.apiKey) {
        record.status = 401;
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(
          apiKey === undefined
            ? 'Must provide an API key or an Authorization bearer token'
            : 'Invalid API key or JWT',
        );
      }

      let body: unknown;
      if (text.length > 0) {
        try {
          body = JSON.parse(text) as unknown;
        } catch (error) {
          fake.rejected.push({ method: record.method, path: url.pathname, error: 'invalid JSON' });
          return send(400, failure(`Format error in JSON body: ${(error as Error).message}`));
        }
      }
      record.body = body;
      try {
        const { status, json, op } = handle(record.method, url, body);
        if (status === 200 && op) {
          const schema = op.responses['200']?.content?.['application/json']?.schema;
          const v = schema && validatorFor(`${op.operationId}#200`, schema);
          if (v && !v(json)) {
            const message = `${op.operationId} answer outside the schema: ${describeErrors(v.errors)}`;
            fake.selfCheckFailures.push(message);
            return send(500, failure(`Service internal error: ${message}`));
          }
        }
        return send(status, json);
      } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        fake.rejected.push({ method: record.method, path: url.pathname, error: error.message });
        return send(error.status, failure(error.message));
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

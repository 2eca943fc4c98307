import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError, DataFileError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { dotAt } from '../util/dot.js';
import { createSimdScorer, type SimdScorer } from '../util/simd-scores.js';
import {
  compileFilter,
  VECTOR_NAMES,
  type IndexedTrack,
  type ScoredTrack,
  type SearchQuery,
  type TrackIndex,
  type VectorName,
  type VectorSpec,
} from './track-index.js';
import { TrackSchema, type Track } from './track.js';

const MAGIC = 'MTIX';

/** Runs synchronous work behind the async port, turning throws into rejections. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
const VERSION = 1;

interface Slot {
  track: Track;
  /** Row of this track in every vector matrix (rows are never reused until compaction). */
  row: number;
}

/**
 * In-process exact search over Float32Array matrices, one per named vector, persisted as a single file under
 * the data directory (atomic rewrite on `flush`). Exact search is fine for the demo catalog and up to ~10⁵
 * tracks; `bench` reports its latency to guide the move to HNSW.
 */
export class EmbeddedTrackIndex implements TrackIndex {
  readonly kind = 'embedded';
  private spec: VectorSpec = {};
  private slots = new Map<string, Slot>();
  private rows: (string | undefined)[] = [];
  private matrices = new Map<VectorName, Float32Array>();
  /** Per vector: a WebAssembly SIMD scorer whose memory holds the matrix (undefined → plain JavaScript). */
  private scorers = new Map<VectorName, SimdScorer | undefined>();
  private present = new Map<VectorName, Uint8Array>();
  private capacity = 0;
  private dirty = false;

  /** @param file where the index persists; undefined keeps it in memory only (tests, benchmarks). */
  constructor(private readonly file?: string) {}

  async open(spec: VectorSpec): Promise<void> {
    this.spec = spec;
    this.reset(0);
    if (!this.file) return;
    let buffer: Buffer;
    try {
      buffer = await readFile(this.file);
    } catch {
      return;
    }
    try {
      this.decode(buffer);
    } catch (error) {
      // A corrupt or foreign file is not trusted: start empty; the caller re-syncs the catalog.
      this.reset(0);
      this.dirty = true;
      throw new DataFileError(
        this.file,
        [{ message: `unusable index file (${(error as Error).message}); it will be rebuilt` }],
        {
          cause: error,
        },
      );
    }
  }

  private reset(capacity: number): void {
    this.slots = new Map();
    this.rows = [];
    this.capacity = capacity;
    this.matrices = new Map();
    this.scorers = new Map();
    this.present = new Map();
    for (const name of VECTOR_NAMES) {
      const size = this.spec[name]?.size;
      if (size === undefined) continue;
      this.allocate(name, capacity, size);
      this.present.set(name, new Uint8Array(capacity));
    }
  }

  /** A matrix for `capacity` rows, inside a SIMD scorer's memory when WebAssembly SIMD is available. */
  private allocate(name: VectorName, capacity: number, size: number): Float32Array {
    const scorer = capacity > 0 ? createSimdScorer(capacity, size) : undefined;
    const matrix = scorer?.rows ?? new Float32Array(capacity * size);
    this.scorers.set(name, scorer);
    this.matrices.set(name, matrix);
    return matrix;
  }

  private grow(min: number): void {
    if (min <= this.capacity) return;
    const capacity = Math.max(min, this.capacity * 2, 64);
    for (const [name, matrix] of [...this.matrices]) {
      this.allocate(name, capacity, this.spec[name]!.size).set(matrix);
      const flags = new Uint8Array(capacity);
      flags.set(this.present.get(name)!);
      this.present.set(name, flags);
    }
    this.capacity = capacity;
  }

  upsert(items: readonly IndexedTrack[]): Promise<void> {
    return settle(() => this.upsertNow(items));
  }

  private upsertNow(items: readonly IndexedTrack[]): void {
    for (const { track, vectors } of items) {
      for (const [name, vector] of Object.entries(vectors) as [VectorName, Float32Array][]) {
        const size = this.spec[name]?.size;
        if (size === undefined)
          throw new AppError(`index has no "${name}" vector; open it with that vector in the spec`);
        if (vector.length !== size) {
          throw new AppError(
            `vector "${name}" of ${track.id} has ${vector.length} dimensions, expected ${size}`,
          );
        }
      }
      let slot = this.slots.get(track.id);
      if (!slot) {
        this.grow(this.rows.length + 1);
        slot = { track, row: this.rows.length };
        this.rows.push(track.id);
        this.slots.set(track.id, slot);
      }
      slot.track = track;
      for (const [name, matrix] of this.matrices) {
        const vector = vectors[name];
        const flags = this.present.get(name)!;
        if (vector) {
          matrix.set(vector, slot.row * this.spec[name]!.size);
          flags[slot.row] = 1;
        }
      }
    }
    this.dirty = true;
  }

  search(query: SearchQuery): Promise<ScoredTrack[]> {
    return settle(() => this.searchNow(query));
  }

  private searchNow(query: SearchQuery): ScoredTrack[] {
    const size = this.spec[query.vector]?.size;
    const matrix = this.matrices.get(query.vector);
    if (size === undefined || !matrix) return [];
    if (query.query.length !== size) {
      throw new AppError(
        `query for "${query.vector}" has ${query.query.length} dimensions, expected ${size}`,
      );
    }
    const accept = compileFilter(query.filter);
    const flags = this.present.get(query.vector)!;
    const limit = Math.max(0, Math.floor(query.limit));
    const threshold = query.scoreThreshold ?? -Infinity;
    const q = query.query;
    const scores = this.scorers.get(query.vector)?.score(q, this.rows.length);
    // Top-k kept in a small sorted array: k is tiny (≤ 100) compared with the number of rows.
    const best: { row: number; score: number }[] = [];
    for (let row = 0; row < this.rows.length; row++) {
      if (flags[row] !== 1) continue;
      const score = scores ? scores[row]! : dotAt(matrix, row * size, q, size);
      if (score < threshold) continue;
      if (best.length === limit && score <= best[best.length - 1]!.score) continue;
      const id = this.rows[row]!;
      if (!accept(this.slots.get(id)!.track)) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < score) at--;
      best.splice(at, 0, { row, score });
      if (best.length > limit) best.pop();
    }
    return best.map(({ row, score }) => this.hit(row, score, query.withVectors));
  }

  private hit(row: number, score: number, withVectors?: readonly VectorName[]): ScoredTrack {
    const track = this.slots.get(this.rows[row]!)!.track;
    if (!withVectors?.length) return { track, score };
    const vectors: Partial<Record<VectorName, Float32Array>> = {};
    for (const name of withVectors) {
      const size = this.spec[name]?.size;
      if (size === undefined || this.present.get(name)![row] !== 1) continue;
      vectors[name] = this.matrices.get(name)!.slice(row * size, (row + 1) * size);
    }
    return { track, score, vectors };
  }

  get(ids: readonly string[], withVectors?: readonly VectorName[]): Promise<ScoredTrack[]> {
    const out: ScoredTrack[] = [];
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (slot) out.push(this.hit(slot.row, 1, withVectors));
    }
    return Promise.resolve(out);
  }

  count(): Promise<number> {
    return Promise.resolve(this.slots.size);
  }

  /** Persists the index if it changed since the last flush. */
  async flush(): Promise<void> {
    if (!this.file || !this.dirty) return;
    await writeFileAtomic(this.file, this.encode());
    this.dirty = false;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  private encode(): Buffer {
    const ids = [...this.slots.keys()];
    const names = [...this.matrices.keys()];
    const parts: Buffer[] = [];
    for (const name of names) {
      const size = this.spec[name]!.size;
      const matrix = this.matrices.get(name)!;
      const flags = this.present.get(name)!;
      const compact = new Float32Array(ids.length * size);
      const has = new Uint8Array(ids.length);
      ids.forEach((id, i) => {
        const row = this.slots.get(id)!.row;
        has[i] = flags[row]!;
        compact.set(matrix.subarray(row * size, (row + 1) * size), i * size);
      });
      parts.push(Buffer.from(has), Buffer.from(compact.buffer));
    }
    const body = Buffer.concat(parts);
    const header = Buffer.from(
      JSON.stringify({
        spec: this.spec,
        names,
        tracks: ids.map((id) => this.slots.get(id)!.track),
        checksum: createHash('sha256').update(body).digest('hex'),
      }),
    );
    const prefix = Buffer.alloc(12);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(VERSION, 4);
    prefix.writeUInt32LE(header.length, 8);
    return Buffer.concat([prefix, header, body]);
  }

  private decode(buffer: Buffer): void {
    if (buffer.length < 12 || buffer.toString('latin1', 0, 4) !== MAGIC) throw new Error('not an index file');
    const version = buffer.readUInt32LE(4);
    if (version !== VERSION) throw new Error(`format version ${version}, expected ${VERSION}`);
    const headerLength = buffer.readUInt32LE(8);
    if (12 + headerLength > buffer.length) throw new Error('truncated header');
    const header = JSON.parse(buffer.toString('utf8', 12, 12 + headerLength)) as {
      spec: VectorSpec;
      names: VectorName[];
      tracks: unknown[];
      checksum: string;
    };
    for (const name of VECTOR_NAMES) {
      if (header.spec[name]?.size !== this.spec[name]?.size)
        throw new Error(`vector "${name}" differs from the configured spec`);
    }
    const body = buffer.subarray(12 + headerLength);
    if (createHash('sha256').update(body).digest('hex') !== header.checksum)
      throw new Error('checksum mismatch');
    const tracks = header.tracks.map((t) => TrackSchema.parse(t));
    this.reset(tracks.length);
    tracks.forEach((track, row) => {
      this.slots.set(track.id, { track, row });
      this.rows.push(track.id);
    });
    let offset = 0;
    for (const name of header.names) {
      const size = this.spec[name]!.size;
      const n = tracks.length;
      this.present.get(name)!.set(body.subarray(offset, offset + n));
      offset += n;
      const bytes = body.subarray(offset, offset + n * size * 4);
      if (bytes.length !== n * size * 4) throw new Error('truncated body');
      new Uint8Array(this.matrices.get(name)!.buffer).set(bytes);
      offset += n * size * 4;
    }
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Embedder } from './embedder.js';

const MAGIC = 'MTVC';
const VERSION = 1;
const HASH_BYTES = 32;

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * An on-disk cache of vectors keyed by model id + SHA-256 of the text, so restarts don't re-embed the catalog.
 * File layout: "MTVC" | u32 version | u32 header length | header JSON {modelId, dimensions, count, checksum} |
 * count × (32-byte hash | dimensions × f32). A file that fails any check is reported and rebuilt, never trusted.
 */
export class VectorCache {
  private readonly vectors = new Map<string, Float32Array>();
  private dirty = false;

  constructor(
    readonly file: string,
    readonly modelId: string,
    readonly dimensions: number,
    private readonly logger?: Logger,
  ) {}

  get size(): number {
    return this.vectors.size;
  }

  /**
   * Loads the cache file if present, else `seedFile` (a read-only cache shipped with the demo catalog).
   * Returns false (and logs why) when neither was usable; a corrupt file is never trusted, it is rebuilt.
   */
  async load(seedFile?: string): Promise<boolean> {
    if (await this.loadFrom(this.file)) return true;
    if (seedFile && (await this.loadFrom(seedFile))) {
      this.dirty = true;
      return true;
    }
    return false;
  }

  private async loadFrom(file: string): Promise<boolean> {
    let buffer: Buffer;
    try {
      buffer = await readFile(file);
    } catch {
      return false;
    }
    const problem = this.parse(buffer);
    if (problem) {
      this.vectors.clear();
      this.dirty = true;
      this.logger?.warn({ file, problem }, 'vector cache unusable; it will be rebuilt');
      return false;
    }
    return true;
  }

  private parse(buffer: Buffer): string | undefined {
    if (buffer.length < 12 || buffer.toString('latin1', 0, 4) !== MAGIC) return 'not a vector cache file';
    const version = buffer.readUInt32LE(4);
    if (version !== VERSION) return `format version ${version}, expected ${VERSION}`;
    const headerLength = buffer.readUInt32LE(8);
    if (12 + headerLength > buffer.length) return 'truncated header';
    let header: { modelId?: unknown; dimensions?: unknown; count?: unknown; checksum?: unknown };
    try {
      header = JSON.parse(buffer.toString('utf8', 12, 12 + headerLength)) as typeof header;
    } catch {
      return 'header is not valid JSON';
    }
    if (header.modelId !== this.modelId || header.dimensions !== this.dimensions)
      return 'made by another model';
    const count = Number(header.count);
    const record = HASH_BYTES + this.dimensions * 4;
    const body = buffer.subarray(12 + headerLength);
    if (!Number.isInteger(count) || body.length !== count * record) return 'truncated or padded body';
    if (createHash('sha256').update(body).digest('hex') !== header.checksum) return 'checksum mismatch';
    for (let i = 0; i < count; i++) {
      const offset = i * record;
      const hash = body.toString('hex', offset, offset + HASH_BYTES);
      const copy = new Float32Array(this.dimensions);
      const src = body.subarray(offset + HASH_BYTES, offset + record);
      new Uint8Array(copy.buffer).set(src);
      this.vectors.set(hash, copy);
    }
    return undefined;
  }

  get(text: string): Float32Array | undefined {
    return this.vectors.get(textHash(text));
  }

  set(text: string, vector: Float32Array): void {
    this.vectors.set(textHash(text), vector);
    this.dirty = true;
  }

  /** Drops every entry whose text is not in `keep` (so the file doesn't grow forever). */
  retainOnly(keep: Iterable<string>): void {
    const wanted = new Set([...keep].map(textHash));
    for (const key of this.vectors.keys()) {
      if (!wanted.has(key)) {
        this.vectors.delete(key);
        this.dirty = true;
      }
    }
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const record = HASH_BYTES + this.dimensions * 4;
    const body = Buffer.alloc(this.vectors.size * record);
    let offset = 0;
    for (const [hash, vector] of this.vectors) {
      body.write(hash, offset, 'hex');
      Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).copy(body, offset + HASH_BYTES);
      offset += record;
    }
    const header = Buffer.from(
      JSON.stringify({
        modelId: this.modelId,
        dimensions: this.dimensions,
        count: this.vectors.size,
        checksum: createHash('sha256').update(body).digest('hex'),
      }),
    );
    const prefix = Buffer.alloc(12);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(VERSION, 4);
    prefix.writeUInt32LE(header.length, 8);
    await writeFileAtomic(this.file, Buffer.concat([prefix, header, body]));
    this.dirty = false;
  }
}

/**
 * Embeds texts through the cache: only texts never seen by this model are embedded. Call `cache.save()`
 * afterwards to persist.
 */
export async function embedWithCache(
  embedder: Embedder,
  cache: VectorCache,
  texts: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  const missing = [...new Set(texts.filter((t) => cache.get(t) === undefined))];
  const chunk = 64;
  for (let i = 0; i < missing.length; i += chunk) {
    const slice = missing.slice(i, i + chunk);
    const vectors = await embedder.embedTexts(slice);
    slice.forEach((t, j) => cache.set(t, vectors[j]!));
    onProgress?.(Math.min(i + chunk, missing.length), missing.length);
  }
  return texts.map((t) => cache.get(t)!);
}

/**
 * An embedder whose results are memoized in a VectorCache (for catalog and vocabulary texts, which repeat across
 * restarts). Never use it for user messages: those must not be written to disk.
 */
export class CachingEmbedder implements Embedder {
  constructor(
    private readonly inner: Embedder,
    readonly cache: VectorCache,
  ) {}

  get modelId(): string {
    return this.inner.modelId;
  }

  get dimensions(): number {
    return this.inner.dimensions;
  }

  embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    return embedWithCache(this.inner, this.cache, texts);
  }

  async embedText(text: string): Promise<Float32Array> {
    return (await this.embedTexts([text]))[0]!;
  }
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { l2normalize, type Embedder } from '../../../../core/embeddings/embedder.js';
import { CachingEmbedder, embedWithCache, VectorCache } from '../../../../core/embeddings/vector-cache.js';

/** A deterministic in-memory embedder that counts how many texts it embedded. */
class CountingEmbedder implements Embedder {
  readonly modelId = 'counting-4';
  readonly dimensions = 4;
  embedded = 0;
  embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    this.embedded += texts.length;
    return Promise.resolve(texts.map((t) => l2normalize([t.length, t.charCodeAt(0) || 1, 1, 2])));
  }
  async embedText(text: string): Promise<Float32Array> {
    return (await this.embedTexts([text]))[0]!;
  }
}

describe('VectorCache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mt-cache-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('embeds only texts it has not seen, across restarts', async () => {
    const file = path.join(dir, 'v.bin');
    const embedder = new CountingEmbedder();
    const first = new VectorCache(file, embedder.modelId, 4);
    await first.load();
    await embedWithCache(embedder, first, ['joy', 'grief', 'joy']);
    expect(embedder.embedded).toBe(2);
    await first.save();
    const second = new VectorCache(file, embedder.modelId, 4);
    expect(await second.load()).toBe(true);
    const vectors = await embedWithCache(embedder, second, ['grief', 'anger']);
    expect(embedder.embedded).toBe(3);
    expect(Array.from(vectors[0]!)).toEqual(
      Array.from((await new CountingEmbedder().embedTexts(['grief']))[0]!),
    );
  });

  it('ignores a cache made by another model', async () => {
    const file = path.join(dir, 'model.bin');
    const a = new VectorCache(file, 'model-a', 4);
    a.set('x', l2normalize([1, 0, 0, 0]));
    await a.save();
    const b = new VectorCache(file, 'model-b', 4);
    expect(await b.load()).toBe(false);
    expect(b.size).toBe(0);
  });

  it.each([
    ['truncated', (buf: Buffer) => buf.subarray(0, buf.length - 3)],
    ['bit-flipped', (buf: Buffer) => Buffer.concat([buf.subarray(0, -1), Buffer.from([buf.at(-1)! ^ 1])])],
    ['garbage', () => Buffer.from('hello')],
  ])('rebuilds rather than trusts a %s file', async (label, corrupt) => {
    const file = path.join(dir, `${label}.bin`);
    const good = new VectorCache(file, 'm', 4);
    good.set('x', l2normalize([1, 2, 3, 4]));
    await good.save();
    await writeFile(file, corrupt(await readFile(file)));
    const cache = new VectorCache(file, 'm', 4);
    expect(await cache.load()).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('falls back to a shipped seed file when its own file is missing', async () => {
    const seed = path.join(dir, 'seed.bin');
    const s = new VectorCache(seed, 'm', 4);
    s.set('joy', l2normalize([1, 1, 1, 1]));
    await s.save();
    const cache = new VectorCache(path.join(dir, 'fresh', 'own.bin'), 'm', 4);
    expect(await cache.load(seed)).toBe(true);
    expect(cache.get('joy')).toBeDefined();
  });

  it('serves a CachingEmbedder from memory after the first call', async () => {
    const embedder = new CountingEmbedder();
    const caching = new CachingEmbedder(
      embedder,
      new VectorCache(path.join(dir, 'c.bin'), embedder.modelId, 4),
    );
    await caching.embedTexts(['a', 'b']);
    await caching.embedText('a');
    expect(embedder.embedded).toBe(2);
  });
});

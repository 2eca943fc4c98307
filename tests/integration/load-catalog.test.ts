import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedTrackIndex } from '../../core/catalog/embedded-track-index.js';
import { QdrantTrackIndex } from '../../core/catalog/qdrant-track-index.js';
import { VectorCache } from '../../core/embeddings/vector-cache.js';
import { DataFileError } from '../../core/errors.js';
import { formatSummary, loadCatalogFile } from '../../ingestion/load-catalog.js';
import { HashEmbedder } from '../fakes/hash-embedder.js';
import { startFakeQdrant, type FakeQdrant } from '../fakes/qdrant-server.js';
import { FIXTURE_CATALOG } from '../helpers/test-app.js';

describe('load-catalog', () => {
  let dir: string;
  let file: string;
  let fake: FakeQdrant;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'moodtune-load-'));
    fake = await startFakeQdrant();
    const lines = (await readFile(FIXTURE_CATALOG, 'utf8')).trim().split('\n');
    // Line 3 is not JSON, line 6 breaks the track schema, the last line repeats an id: the rest must load.
    lines.splice(2, 0, '{"id": "broken", ');
    lines.splice(
      5,
      0,
      JSON.stringify({
        id: 'no-emotions',
        title: 'T',
        artists: ['A'],
        language: 'en',
        emotions: [],
        summary: 'A song without any emotion tags at all.',
      }),
    );
    lines.push(lines[0]!);
    file = path.join(dir, 'catalog.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cacheIn = (name: string, embedder: HashEmbedder) =>
    new VectorCache(path.join(dir, name), embedder.modelId, embedder.dimensions);

  it('loads the valid tracks into Qdrant, rejects bad lines by number, and is idempotent', async () => {
    const embedder = new HashEmbedder();
    const cache = cacheIn('q-cache.bin', embedder);
    const index = new QdrantTrackIndex({ url: fake.url, collection: 'load' });
    const progress: number[] = [];
    const first = await loadCatalogFile({
      file,
      index,
      embedder,
      cache,
      batchSize: 10,
      onProgress: (d) => progress.push(d),
    });
    expect(first).toMatchObject({ tracks: 24, written: 24, unchanged: 0 });
    expect(first.rejected.map((r) => r.line)).toEqual([3, 6, 27]);
    expect(first.rejected[0]!.message).toMatch(/not valid JSON/);
    expect(first.rejected[1]!.message).toMatch(/emotions/);
    expect(first.rejected[2]!.message).toMatch(/duplicate id .* \(first on line 1\)/);
    expect(progress).toEqual([10, 20, 24]);
    expect(await index.count()).toBe(24);
    const summary = formatSummary(first, 'Qdrant collection "load"');
    expect(summary).toContain('24 valid tracks, 24 written, 0 already up to date, 3 rejected line(s)');
    expect(summary).toMatch(/line 6: emotions/);

    const upserts = () =>
      fake.requests.filter((r) => r.method === 'PUT' && r.path === '/collections/load/points').length;
    const before = { upserts: upserts(), embedded: embedder.calls };
    const second = await loadCatalogFile({ file, index, embedder, cache });
    expect(second).toMatchObject({ tracks: 24, written: 0, unchanged: 24 });
    expect(upserts()).toBe(before.upserts);
    expect(embedder.calls).toBe(before.embedded);
    expect(await index.count()).toBe(24);
    expect(fake.rejected).toEqual([]);
  });

  it('loads into the embedded index file when Qdrant is not configured', async () => {
    const embedder = new HashEmbedder();
    const indexFile = path.join(dir, 'embedded.bin');
    const summary = await loadCatalogFile({
      file,
      index: new EmbeddedTrackIndex(indexFile),
      embedder,
      cache: cacheIn('e-cache.bin', embedder),
    });
    expect(summary.written).toBe(24);
    const reopened = new EmbeddedTrackIndex(indexFile);
    await reopened.open({ emotion: { size: 16 }, lyrics: { size: 16 } });
    expect(await reopened.count()).toBe(24);
  });

  it('fails clearly when no line is usable or the file is missing', async () => {
    const embedder = new HashEmbedder();
    const bad = path.join(dir, 'bad.jsonl');
    await writeFile(bad, 'nope\n');
    const index = new EmbeddedTrackIndex();
    const cache = cacheIn('x.bin', embedder);
    await expect(loadCatalogFile({ file: bad, index, embedder, cache })).rejects.toThrow(
      /line 1: not valid JSON/,
    );
    await expect(
      loadCatalogFile({ file: path.join(dir, 'missing.jsonl'), index, embedder, cache }),
    ).rejects.toBeInstanceOf(DataFileError);
  });
});

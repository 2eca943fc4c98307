import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedTrackIndex } from '../../../../core/catalog/embedded-track-index.js';
import { DataFileError } from '../../../../core/errors.js';
import {
  CONFORMANCE_SPEC,
  CONFORMANCE_TRACKS,
  describeTrackIndexConformance,
} from '../../../helpers/track-index-conformance.js';

describeTrackIndexConformance('embedded (in memory)', () => Promise.resolve(new EmbeddedTrackIndex()));

describe('EmbeddedTrackIndex persistence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mt-index-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('round-trips tracks and vectors through its file', async () => {
    const file = path.join(dir, 'round.bin');
    const first = new EmbeddedTrackIndex(file);
    await first.open(CONFORMANCE_SPEC);
    await first.upsert(CONFORMANCE_TRACKS);
    await first.close();
    const second = new EmbeddedTrackIndex(file);
    await second.open(CONFORMANCE_SPEC);
    expect(await second.count()).toBe(CONFORMANCE_TRACKS.length);
    const [hit] = await second.search({
      vector: 'lyrics',
      query: CONFORMANCE_TRACKS[0]!.vectors.lyrics!,
      limit: 1,
    });
    expect(hit!.track.id).toBe('a');
  });

  it.each([
    ['garbage', () => Buffer.from('not an index at all')],
    ['a truncated file', (b: Buffer) => b.subarray(0, b.length - 10)],
    [
      'a flipped byte',
      (b: Buffer) => Buffer.concat([b.subarray(0, b.length - 1), Buffer.from([b[b.length - 1]! ^ 0xff])]),
    ],
  ])('reports %s by path and starts empty instead of trusting it', async (_label, corrupt) => {
    const file = path.join(dir, `corrupt-${_label.replace(/\W/g, '')}.bin`);
    const good = new EmbeddedTrackIndex(file);
    await good.open(CONFORMANCE_SPEC);
    await good.upsert(CONFORMANCE_TRACKS);
    await good.close();
    await writeFile(file, corrupt(await readFile(file)));
    const index = new EmbeddedTrackIndex(file);
    const error = await index.open(CONFORMANCE_SPEC).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).message).toContain(file);
    expect(await index.count()).toBe(0);
  });

  it('refuses a file made for other vector sizes', async () => {
    const file = path.join(dir, 'spec.bin');
    const a = new EmbeddedTrackIndex(file);
    await a.open(CONFORMANCE_SPEC);
    await a.upsert(CONFORMANCE_TRACKS);
    await a.close();
    const b = new EmbeddedTrackIndex(file);
    await expect(b.open({ emotion: { size: 16 } })).rejects.toThrow(/differs from the configured spec/);
  });

  it('rejects vectors of the wrong size on upsert', async () => {
    const index = new EmbeddedTrackIndex();
    await index.open(CONFORMANCE_SPEC);
    await expect(
      index.upsert([{ track: CONFORMANCE_TRACKS[0]!.track, vectors: { emotion: new Float32Array(3) } }]),
    ).rejects.toThrow(/3 dimensions/);
  });
});

describe('EmbeddedTrackIndex exact search paths', () => {
  it.each([
    ['WebAssembly SIMD (dimensions a multiple of 4)', 64],
    ['plain JavaScript (other dimensions)', 63],
  ])('ranks exactly like brute force on the %s path', async (_label, dims) => {
    const index = new EmbeddedTrackIndex();
    await index.open({ emotion: { size: dims } });
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const items = Array.from({ length: 300 }, (_, i) => ({
      track: { ...CONFORMANCE_TRACKS[0]!.track, id: `t${i}` },
      vectors: { emotion: Float32Array.from({ length: dims }, random) },
    }));
    // Upsert in two batches so the matrix grows (and is copied) between them.
    await index.upsert(items.slice(0, 100));
    await index.upsert(items.slice(100));
    const query = Float32Array.from({ length: dims }, random);
    const expected = items
      .map(({ track, vectors }) => ({
        id: track.id,
        score: vectors.emotion.reduce((s, v, i) => s + v * query[i]!, 0),
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    const hits = await index.search({ vector: 'emotion', query, limit: 10 });
    expect(hits.map((h) => h.track.id)).toEqual(expected.map((e) => e.id));
    hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 3));
  });
});

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../../../../core/errors.js';
import {
  decodeWeights,
  encodeWeights,
  fromFloat16,
  loadWeights,
  saveWeights,
  toFloat16,
} from '../../../../../core/emotions/trained/weights-io.js';
import { PARAM_NAMES } from '../../../../../core/emotions/trained/model.js';
import { syntheticWeights } from './helpers.js';

describe('float16', () => {
  it.each([0, 1, -1, 0.5, 65504, -2.5, 1e-5, 0.1, 3.14159])('round-trips %f within half precision', (x) => {
    const back = fromFloat16(toFloat16(x));
    expect(Math.abs(back - x)).toBeLessThanOrEqual(Math.max(Math.abs(x) * 1e-3, 6e-8));
  });

  it('saturates to infinity and keeps NaN', () => {
    expect(fromFloat16(toFloat16(1e6))).toBe(Number.POSITIVE_INFINITY);
    expect(fromFloat16(toFloat16(Number.NaN))).toBeNaN();
  });
});

describe('weights file', () => {
  const dirs: string[] = [];
  const tempFile = async (name: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'moodtune-weights-'));
    dirs.push(dir);
    return path.join(dir, name);
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('saves and loads the same header and (float16-rounded) tensors', async () => {
    const weights = syntheticWeights('some-embedder');
    const file = await tempFile('w.bin');
    await saveWeights(file, weights);
    const loaded = await loadWeights(file);
    expect(loaded.header).toEqual(weights.header);
    for (const name of PARAM_NAMES) {
      expect(loaded.members[0]![name]).toHaveLength(weights.members[0]![name].length);
      weights.members[0]![name].forEach((v, i) => expect(loaded.members[0]![name][i]).toBeCloseTo(v, 3));
    }
  });

  it('keeps every ensemble member, in order', () => {
    const weights = syntheticWeights('some-embedder');
    weights.members.push(syntheticWeights('some-embedder', 16, undefined, 99).members[0]!);
    const loaded = decodeWeights(encodeWeights(weights), 'two.bin');
    expect(loaded.members).toHaveLength(2);
    expect(loaded.members[1]!.w2[0]).toBeCloseTo(weights.members[1]!.w2[0]!, 3);
    expect(loaded.members[1]!.w2[0]).not.toBeCloseTo(loaded.members[0]!.w2[0]!, 3);
  });

  it.each([
    ['a flipped tensor byte', (b: Buffer) => void (b[b.length - 3]! ^= 0xff), /checksum mismatch/],
    ['a truncated body', (b: Buffer) => b.subarray(0, b.length - 10), /body has/],
    [
      'another file type',
      (b: Buffer) => void b.write('XXXX', 0, 'latin1'),
      /not an emotion model weights file/,
    ],
    ['a future format', (b: Buffer) => void b.writeUInt32LE(99, 4), /format version 99/],
    ['a truncated header', (b: Buffer) => b.subarray(0, 30), /truncated header/],
  ])('rejects %s with a DataFileError naming the file', async (_, damage, message) => {
    const original = encodeWeights(syntheticWeights('some-embedder'));
    const copy = Buffer.from(original);
    const damaged = damage(copy) ?? copy;
    const file = await tempFile('bad.bin');
    await writeFile(file, damaged);
    const error = (await loadWeights(file).catch((e: unknown) => e)) as DataFileError;
    expect(error).toBeInstanceOf(DataFileError);
    expect(error.path).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(message);
  });

  it('rejects a header that lies about the shape', () => {
    const weights = syntheticWeights('some-embedder');
    weights.header.thresholds = weights.header.thresholds.slice(1);
    expect(() => decodeWeights(encodeWeights(weights), 'x.bin')).toThrow(/labels\/thresholds/);
  });

  it('reports a missing file by name', async () => {
    const file = path.join(os.tmpdir(), 'moodtune-no-such-dir', 'missing.bin');
    await expect(loadWeights(file)).rejects.toThrow(/missing\.bin: cannot read weights \(ENOENT\)/);
  });

  it('stores tensors as two bytes per value', async () => {
    const weights = syntheticWeights('some-embedder');
    const file = await tempFile('size.bin');
    await saveWeights(file, weights);
    const values = PARAM_NAMES.reduce((s, n) => s + weights.members[0]![n].length, 0);
    const bytes = (await readFile(file)).length;
    expect(bytes).toBeGreaterThan(values * 2);
    expect(bytes).toBeLessThan(values * 2 + 4000);
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../../../../core/errors.js';
import {
  ALS_FORMAT_VERSION,
  decodeAlsModel,
  encodeAlsModel,
  loadAlsModel,
  saveAlsModel,
} from '../../../../../core/models/als/format.js';
import { AlsModel } from '../../../../../core/models/als/model.js';
import { randomFactors } from './helpers.js';

const model = new AlsModel({
  kind: 'artist',
  params: {
    factors: 3,
    iterations: 5,
    reg: 0.1,
    alpha: 4,
    confidence: 'log',
    epsilon: 1,
    cgSteps: 3,
    seed: 42,
  },
  userIds: ['alice', 'bob'],
  itemIds: ['1', '2', 'ünïcode'],
  itemNames: ['Björk', null, 'Sigur Rós'],
  userFactors: randomFactors(6, 1),
  itemFactors: randomFactors(9, 2),
});
const dir = await mkdtemp(path.join(os.tmpdir(), 'als-format-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ALS model file', () => {
  it('round-trips kind, parameters, ids, names and factors', async () => {
    const file = path.join(dir, 'models', 'als.bin');
    await saveAlsModel(model, file);
    expect(await readdir(path.dirname(file))).toEqual(['als.bin']);
    const loaded = await loadAlsModel(file);
    expect(loaded.kind).toBe('artist');
    expect(loaded.params).toEqual(model.params);
    expect(loaded.userIds).toEqual(model.userIds);
    expect(loaded.itemIds).toEqual(model.itemIds);
    expect(loaded.itemName('ünïcode')).toBe('Sigur Rós');
    expect(loaded.itemName('2')).toBeUndefined();
    expect([...loaded.itemFactors]).toEqual([...model.itemFactors]);
    expect([...loaded.userFactors]).toEqual([...model.userFactors]);
  });

  const bytes = encodeAlsModel(model);
  const withVersion = Buffer.from(bytes);
  withVersion.writeUInt32LE(ALS_FORMAT_VERSION + 1, 8);
  const flipped = Buffer.from(bytes);
  flipped[bytes.length - 10]! ^= 0xff;
  it.each([
    ['another format version', withVersion, /format version 2; this build reads version 1/],
    ['a truncated file', bytes.subarray(0, bytes.length - 7), /truncated: expected \d+ bytes/],
    ['a file cut inside the header', bytes.subarray(0, 40), /truncated: header needs/],
    ['trailing garbage', Buffer.concat([bytes, Buffer.from('xx')]), /trailing bytes/],
    ['a damaged factor', flipped, /checksum mismatch/],
    ['a foreign file', Buffer.from('userID\tartistID\tweight\n2\t51\t13883\n'), /not a moodtune ALS model/],
    ['an empty file', Buffer.alloc(0), /not a moodtune ALS model/],
  ])('rejects %s, naming the file', (_name, data, message) => {
    expect(() => decodeAlsModel(data, 'var/models/als.bin')).toThrow(DataFileError);
    expect(() => decodeAlsModel(data, 'var/models/als.bin')).toThrow(message);
    expect(() => decodeAlsModel(data, 'var/models/als.bin')).toThrow(/^var\/models\/als\.bin: /);
  });

  it('names a missing file', async () => {
    await expect(loadAlsModel(path.join(dir, 'missing.bin'))).rejects.toThrow(
      /missing\.bin: cannot read the ALS model \(ENOENT\)/,
    );
  });

  it('reads what it wrote from disk byte for byte', async () => {
    const file = path.join(dir, 'raw.bin');
    await writeFile(file, bytes);
    expect((await readFile(file)).equals(bytes)).toBe(true);
    expect((await loadAlsModel(file)).itemIds).toEqual(model.itemIds);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../../../core/errors.js';
import {
  isHetrecUserArtists,
  loadInteractions,
  loadItemNames,
  parseInteractions,
  parseItemNames,
} from '../../../../core/interactions/loader.js';

const dir = await mkdtemp(path.join(os.tmpdir(), 'interactions-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** (user, item) → weight, by id, for readable assertions. */
function pairs(log: ReturnType<typeof parseInteractions>): Record<string, number> {
  const out: Record<string, number> = {};
  const m = log.matrix;
  for (let u = 0; u < m.rows; u++) {
    for (let e = m.indptr[u]!; e < m.indptr[u + 1]!; e++)
      out[`${log.userIds[u]}|${log.itemIds[m.indices[e]!]}`] = m.data[e]!;
  }
  return out;
}

describe('parseInteractions', () => {
  it.each([
    ['an empty file', '', /f\.csv: file is empty/],
    ['a blank file', '\n  \n', /f\.csv: file is empty/],
    ['a header without rows', 'user,item,weight\n', /no data rows/],
    ['two columns', 'u1,i1\n', /line 1: expected 3 or 4 columns/],
    ['five columns', 'user,item,weight\nu1,i1,3,5,6\n', /line 2: expected 3 or 4 columns .* found 5/],
    [
      'a non-numeric weight',
      'user,item,weight\nu1,i1,3\nu2,i1,lots\n',
      /line 3: weight "lots" is not a number/,
    ],
    ['an empty weight', 'u1,i1,\n', /line 1: weight "" is not a number/],
    ['a negative weight', 'u1,i1,3\nu1,i2,-2\n', /line 2: weight -2 is negative/],
    ['an empty item id', 'u1,,3\n', /line 1: user and item ids must not be empty/],
    ['a bad timestamp', 'u1,i1,3,2020-01-01\nu1,i2,3,yesterday\n', /line 2: timestamp "yesterday"/],
    [
      'a row with a different column count',
      'u1,i1,3,100\nu1,i2,3\n',
      /line 2: found 3 columns but earlier rows have 4/,
    ],
    ['only zero weights', 'u1,i1,0\n', /every row has weight 0/],
  ])('rejects %s with the file and line', (_name, text, message) => {
    expect(() => parseInteractions(text, 'f.csv')).toThrow(DataFileError);
    expect(() => parseInteractions(text, 'f.csv')).toThrow(message);
  });

  it('reports every bad line at once', () => {
    expect(() => parseInteractions('u1,i1,2\nu1,i1,x\nu2,i2,-1\n', 'f.csv')).toThrow(/line 2: .*; line 3: /);
  });

  it('sums duplicate pairs, skips zero weights and counts single interactions', () => {
    const log = parseInteractions('user,item,weight\nu1,a,2\nu1,b,1\nu1,a,3\nu2,a,1\nu2,c,0\n', 'f.csv');
    expect(pairs(log)).toEqual({ 'u1|a': 5, 'u1|b': 1, 'u2|a': 1 });
    expect(log.stats).toEqual({
      rows: 5,
      duplicatesSummed: 1,
      zeroWeightSkipped: 1,
      usersWithOneInteraction: 1,
      itemsWithOneInteraction: 1,
    });
    expect(log.format).toBe('csv');
    expect(log.timestamps).toBeUndefined();
  });

  it('reads HetRec user_artists.dat (tab-separated with header)', () => {
    const log = parseInteractions(
      'userID\tartistID\tweight\n2\t51\t13883\n2\t52\t11690\n3\t51\t5\n',
      'user_artists.dat',
    );
    expect(log.format).toBe('hetrec');
    expect(pairs(log)).toEqual({ '2|51': 13883, '2|52': 11690, '3|51': 5 });
  });

  it('keeps the latest timestamp of a duplicated pair, aligned with the stored entries', () => {
    const log = parseInteractions(
      'u1\tb\t1\t100\nu1\ta\t1\t50\nu1\tb\t2\t300\nu2\ta\t1\t2024-01-01T00:00:00Z\n',
      'f.tsv',
    );
    expect(log.format).toBe('tsv');
    // u1's entries are stored in item-id order of first appearance: b (index 0), a (index 1).
    expect([...log.timestamps!]).toEqual([300, 50, 1704067200]);
    expect(pairs(log)['u1|b']).toBe(3);
  });

  it('loads gzip files whatever their name, and plain files', async () => {
    const gz = path.join(dir, 'log.csv.gz');
    await writeFile(gz, gzipSync('u1,i1,2\nu2,i1,1\n'));
    expect(pairs(await loadInteractions(gz))).toEqual({ 'u1|i1': 2, 'u2|i1': 1 });
    const plain = path.join(dir, 'log.csv');
    await writeFile(plain, 'u1,i1,2\n');
    expect((await loadInteractions(plain)).itemIds).toEqual(['i1']);
  });

  it('names the file when it is missing or the gzip is damaged', async () => {
    await expect(loadInteractions(path.join(dir, 'nope.csv'))).rejects.toThrow(
      /nope\.csv: cannot read the file \(ENOENT\)/,
    );
    const bad = path.join(dir, 'bad.gz');
    await writeFile(bad, gzipSync('u1,i1,2\n').subarray(0, 12));
    await expect(loadInteractions(bad)).rejects.toThrow(/bad\.gz: gzip data is corrupt or truncated/);
  });

  it.each([
    ['user_artists.dat', true],
    ['/data/user_artists.dat.gz', true],
    ['plays.csv', false],
  ])('recognises HetRec user_artists by name: %s → %s', (file, expected) => {
    expect(isHetrecUserArtists(file)).toBe(expected);
  });
});

describe('parseItemNames', () => {
  it('reads HetRec artists.dat', () => {
    const names = parseItemNames(
      'id\tname\turl\tpictureURL\n1\tMALICE MIZER\thttp://x\thttp://y\n2\tDiary of Dreams\t\t\n',
      'artists.dat',
    );
    expect([...names]).toEqual([
      ['1', 'MALICE MIZER'],
      ['2', 'Diary of Dreams'],
    ]);
  });

  it('reads id,name CSV and rejects rows without a name', async () => {
    expect(parseItemNames('t1,Song A\nt2,Song B\n', 'n.csv').get('t2')).toBe('Song B');
    expect(() => parseItemNames('t1,Song A\nt2\n', 'n.csv')).toThrow(/n\.csv: line 2: expected id and name/);
    const file = path.join(dir, 'names.csv.gz');
    await writeFile(file, gzipSync('id,name\nx,Y\n'));
    expect((await loadItemNames(file)).get('x')).toBe('Y');
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DataFileError } from '../errors.js';
import { csrFromCooIndexed, type CsrMatrix } from './matrix.js';

type Problem = { line?: number; message: string };

/** An implicit-feedback log: users × items with summed non-negative weights. */
export interface InteractionLog {
  path: string;
  /** `hetrec` for HetRec's `user_artists.dat` (header `userID artistID weight`), else the delimiter used. */
  format: 'hetrec' | 'tsv' | 'csv';
  userIds: string[];
  itemIds: string[];
  /** Users are rows, items columns; `data` holds the summed weight of each pair. */
  matrix: CsrMatrix;
  /** Latest timestamp per stored entry (aligned with `matrix.data`), when the file has a 4th column. */
  timestamps: Float64Array | undefined;
  stats: {
    rows: number;
    /** Rows whose (user, item) pair appeared before; their weights were added to the first. */
    duplicatesSummed: number;
    /** Rows with weight 0: they carry no preference, so they are not stored. */
    zeroWeightSkipped: number;
    usersWithOneInteraction: number;
    itemsWithOneInteraction: number;
  };
}

const MAX_PROBLEMS = 50;

/** True when the name looks like HetRec's `user_artists.dat[.gz]` (items are artists). */
export function isHetrecUserArtists(file: string): boolean {
  return /^user_artists\.dat(\.gz)?$/i.test(path.basename(file));
}

/** Reads a text file, gunzipping when it starts with the gzip magic bytes (whatever its name). */
export async function readMaybeGzip(file: string): Promise<string> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DataFileError(file, [{ message: `cannot read the file (${code})` }], { cause: error });
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw);
    } catch (error) {
      throw new DataFileError(file, [{ message: 'gzip data is corrupt or truncated' }], { cause: error });
    }
  }
  return raw.toString('utf8');
}

function parseTimestamp(text: string): number {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? Number.NaN : parsed / 1000;
}

/**
 * Parses `user, item, weight[, timestamp]` rows (comma- or tab-separated; a header row is recognised when its
 * weight column is not a number). HetRec's `user_artists.dat` is the tab-separated case with header
 * `userID artistID weight`. Every bad line is reported by number; duplicate pairs are summed and counted.
 */
export function parseInteractions(text: string, file: string): InteractionLog {
  const lines = text.split(/\r?\n/);
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex === -1)
    throw new DataFileError(file, [
      { message: 'file is empty: expected rows of user, item, weight[, timestamp]' },
    ]);
  const first = lines[firstIndex]!;
  const delimiter = first.includes('\t') ? '\t' : ',';
  const headerCells = first.split(delimiter).map((c) => c.trim());
  // A header names its weight column with a word ("weight", "plays"); a number, a blank or "-3" is data.
  const hasHeader = headerCells.length >= 3 && /^[A-Za-z_][\w ()-]*$/.test(headerCells[2] ?? '');
  const hetrec = hasHeader && headerCells[0] === 'userID' && headerCells[1] === 'artistID';
  if (hasHeader && (headerCells.length < 3 || headerCells.length > 4)) {
    throw new DataFileError(file, [
      {
        line: firstIndex + 1,
        message: `header has ${headerCells.length} columns; expected user, item, weight[, timestamp]`,
      },
    ]);
  }

  const problems: Problem[] = [];
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const pairIndex = new Map<number, number>();
  const us: number[] = [];
  const is: number[] = [];
  const ws: number[] = [];
  const ts: number[] = [];
  let columns = hasHeader ? headerCells.length : -1;
  let rows = 0;
  let duplicatesSummed = 0;
  let zeroWeightSkipped = 0;

  for (let index = hasHeader ? firstIndex + 1 : firstIndex; index < lines.length; index++) {
    const rawLine = lines[index]!;
    if (rawLine.trim() === '') continue;
    if (problems.length >= MAX_PROBLEMS) break;
    const line = index + 1;
    const cells = rawLine.split(delimiter).map((c) => c.trim());
    if (cells.length < 3 || cells.length > 4) {
      problems.push({
        line,
        message: `expected 3 or 4 columns (user, item, weight[, timestamp]), found ${cells.length}`,
      });
      continue;
    }
    if (columns === -1) columns = cells.length;
    if (cells.length !== columns) {
      problems.push({ line, message: `found ${cells.length} columns but earlier rows have ${columns}` });
      continue;
    }
    const [user, item, weightText, timeText] = cells as [string, string, string, string | undefined];
    if (user === '' || item === '') {
      problems.push({ line, message: 'user and item ids must not be empty' });
      continue;
    }
    const weight = weightText === '' ? Number.NaN : Number(weightText);
    if (!Number.isFinite(weight)) {
      problems.push({ line, message: `weight "${weightText}" is not a number` });
      continue;
    }
    if (weight < 0) {
      problems.push({
        line,
        message: `weight ${weightText} is negative; implicit feedback needs counts ≥ 0`,
      });
      continue;
    }
    let time = Number.NaN;
    if (timeText !== undefined) {
      time = parseTimestamp(timeText);
      if (Number.isNaN(time)) {
        problems.push({ line, message: `timestamp "${timeText}" is neither a number nor a date` });
        continue;
      }
    }
    rows++;
    if (weight === 0) {
      zeroWeightSkipped++;
      continue;
    }
    let u = userIndex.get(user);
    if (u === undefined) {
      u = userIds.length;
      userIndex.set(user, u);
      userIds.push(user);
    }
    let i = itemIndex.get(item);
    if (i === undefined) {
      i = itemIds.length;
      itemIndex.set(item, i);
      itemIds.push(item);
    }
    // 2^26 items leaves 2^27 users inside exact double integers: far beyond any log we train on.
    const key = u * 67_108_864 + i;
    const seen = pairIndex.get(key);
    if (seen !== undefined) {
      duplicatesSummed++;
      ws[seen]! += weight;
      if (!(ts[seen]! >= time)) ts[seen] = time;
      continue;
    }
    pairIndex.set(key, us.length);
    us.push(u);
    is.push(i);
    ws.push(weight);
    ts.push(time);
  }
  if (problems.length > 0) {
    if (problems.length >= MAX_PROBLEMS)
      problems.push({ message: `stopped after ${MAX_PROBLEMS} bad lines` });
    throw new DataFileError(file, problems);
  }
  if (us.length === 0) {
    throw new DataFileError(file, [
      {
        message:
          rows === 0 ? 'no data rows (only a header?)' : 'every row has weight 0: nothing to learn from',
      },
    ]);
  }

  const { matrix, source } = csrFromCooIndexed(userIds.length, itemIds.length, us, is, ws);
  const timestamps = columns === 4 ? Float64Array.from(source, (k) => ts[k]!) : undefined;
  const itemCounts = new Int32Array(itemIds.length);
  for (const i of is) itemCounts[i]!++;
  let usersWithOneInteraction = 0;
  for (let u = 0; u < matrix.rows; u++)
    if (matrix.indptr[u + 1]! - matrix.indptr[u]! === 1) usersWithOneInteraction++;
  return {
    path: file,
    format: hetrec ? 'hetrec' : delimiter === '\t' ? 'tsv' : 'csv',
    userIds,
    itemIds,
    matrix,
    timestamps,
    stats: {
      rows,
      duplicatesSummed,
      zeroWeightSkipped,
      usersWithOneInteraction,
      itemsWithOneInteraction: itemCounts.reduce((n, c) => n + (c === 1 ? 1 : 0), 0),
    },
  };
}

/** Reads and parses an interaction file (`.gz` or plain). Throws DataFileError naming the file and bad lines. */
export async function loadInteractions(file: string): Promise<InteractionLog> {
  return parseInteractions(await readMaybeGzip(file), file);
}

/**
 * Parses an item-name table: HetRec `artists.dat` (`id name url pictureURL`, tab-separated, header) or any
 * `id, name` CSV/TSV. A first row whose id is `id` is taken as the header.
 */
export function parseItemNames(text: string, file: string): Map<string, string> {
  const names = new Map<string, string>();
  const problems: Problem[] = [];
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => l.trim() !== '');
  if (first === undefined)
    throw new DataFileError(file, [{ message: 'file is empty: expected rows of id, name' }]);
  const delimiter = first.includes('\t') ? '\t' : ',';
  lines.forEach((raw, index) => {
    if (raw.trim() === '' || problems.length >= MAX_PROBLEMS) return;
    const cells = raw.split(delimiter);
    const id = cells[0]?.trim() ?? '';
    if (raw === first && id.toLowerCase() === 'id') return;
    const name = cells[1]?.trim() ?? '';
    if (id === '' || name === '') {
      problems.push({ line: index + 1, message: 'expected id and name' });
      return;
    }
    names.set(id, name);
  });
  if (problems.length > 0) throw new DataFileError(file, problems);
  return names;
}

export async function loadItemNames(file: string): Promise<Map<string, string>> {
  return parseItemNames(await readMaybeGzip(file), file);
}

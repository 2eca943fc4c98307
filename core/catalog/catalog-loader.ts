import { readFile } from 'node:fs/promises';
import { DataFileError } from '../errors.js';
import { TrackSchema, type Track } from './track.js';

/**
 * Parses a JSON-lines catalog (one track per line; blank lines and lines starting with `//` are skipped).
 * Every problem is reported with its line number; duplicate ids are errors.
 * With `{ lenient: true }` bad lines are skipped and returned in `rejected` instead of failing the load.
 */
export function parseCatalog(
  text: string,
  path: string,
  options: { lenient?: boolean } = {},
): { tracks: Track[]; rejected: { line: number; message: string }[] } {
  const tracks: Track[] = [];
  const problems: { line: number; message: string }[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      problems.push({ line, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const result = TrackSchema.safeParse(json);
    if (!result.success) {
      const detail = result.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || 'track'}: ${i.message}`)
        .join(', ');
      problems.push({ line, message: detail });
      return;
    }
    const previous = seen.get(result.data.id);
    if (previous !== undefined) {
      problems.push({ line, message: `duplicate id "${result.data.id}" (first on line ${previous})` });
      return;
    }
    seen.set(result.data.id, line);
    tracks.push(result.data);
  });
  if (problems.length > 0 && !options.lenient) throw new DataFileError(path, problems);
  if (tracks.length === 0 && !options.lenient)
    throw new DataFileError(path, [{ message: 'no tracks found' }]);
  return { tracks, rejected: problems };
}

/** Reads and validates a catalog file; throws DataFileError naming the path and the bad lines. */
export async function loadCatalog(path: string, options: { lenient?: boolean } = {}) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DataFileError(
      path,
      [{ message: `cannot read the catalog (${(error as NodeJS.ErrnoException).code ?? 'error'})` }],
      {
        cause: error,
      },
    );
  }
  return parseCatalog(text, path, options);
}

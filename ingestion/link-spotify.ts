/**
 * Links catalog tracks to Spotify track ids found in public Spotify tables (artist, title, id, popularity),
 * by normalized artist + title. Only ids and popularity are taken: Spotify's policy forbids training on its audio
 * features, so valence/energy columns are never read here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DataFileError } from '../core/errors.js';

const gunzipAsync = promisify(gunzip);

/** One track row of a Spotify table. `artist` is '' when the table does not name it (EmotiTuneOT). */
export interface SpotifyTableRow {
  artist: string;
  title: string;
  spotifyId: string;
  popularity?: number;
  /** Which table the row came from, for reports. */
  source: string;
}

/** The part of a track the matcher reads and fills. */
export interface LinkableTrack {
  title: string;
  artists: readonly string[];
  spotifyId?: string;
  popularity?: number;
}

/** Paths, relative to the shared data directory, of the three tables `readSpotifyTables` reads. */
export const SPOTIFY_TABLES = {
  topTracks: 'spotify_top_tracks_2017_2019/spotify_top_tracks_2017_2019.csv.gz',
  moods: 'spotify_moods/data_moods.csv',
  emotitune: 'emotitune_ot/ot_tracks_emotions.csv',
} as const;

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

// Words in a stripped suffix that mark a different recording than the song itself.
const VARIANT =
  /\b(remix|live|acoustic|instrumental|karaoke|cover|sped up|slowed|reprise|demo|unplugged|recorded at|stripped|a cappella|piano version|(club|festival|house|dub|extended|vocal) mix)\b/;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u00b4`]/g, "'");
}

function squash(text: string): string {
  return text
    .replace(/&/g, ' and ')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Splits a folded title into its core and the decorations (parentheses, " - suffix", "feat. X") cut off it. */
function splitTitle(title: string): { core: string; stripped: string } {
  const folded = fold(title);
  const removed: string[] = [];
  let core = folded.replace(/[([]([^)\]]*)[)\]]/g, (_all, inner: string) => {
    removed.push(inner);
    return ' ';
  });
  const dash = core.indexOf(' - ');
  if (dash >= 0) {
    removed.push(core.slice(dash + 3));
    core = core.slice(0, dash);
  }
  core = core.replace(/\s(feat|ft|featuring)\.?\s.*$/, (all) => {
    removed.push(all);
    return '';
  });
  return { core: squash(core), stripped: removed.join(' ') };
}

/** Lower-case, accent-free title without "(feat. X)", "[Remix]" or " - Remastered 2011"-style suffixes. */
export function normalizeTitle(title: string): string {
  const { core } = splitTitle(title);
  return core === '' ? squash(fold(title)) : core;
}

/** True when a table title names another recording of the song (remix, live, acoustic, …). */
export function isVariantTitle(title: string): boolean {
  return VARIANT.test(splitTitle(title).stripped);
}

/** Lower-case, accent-free artist name without a leading "the". */
export function normalizeArtist(name: string): string {
  return squash(fold(name)).replace(/^the /, '');
}

/** The normalized names a table's artist field can stand for: the whole field and each credited artist. */
export function artistKeysOf(field: string): Set<string> {
  const keys = new Set<string>();
  const whole = normalizeArtist(field);
  if (whole !== '') keys.add(whole);
  for (const part of fold(field).split(/,|&|\+|\/| x | feat\.? | ft\.? | featuring | with /)) {
    const key = normalizeArtist(part);
    if (key !== '') keys.add(key);
  }
  return keys;
}

interface IndexedRow {
  row: SpotifyTableRow;
  artists: Set<string>;
  variant: boolean;
  exact: boolean;
}

/**
 * Returns copies of `tracks` with `spotifyId` and `popularity` filled from the best matching table row: same
 * normalized title and at least one shared normalized artist. Remixes, live and acoustic versions never match;
 * among the rest a title that needed no trimming wins, then the higher popularity. Rows without an artist never
 * match (EmotiTuneOT rows are covers by talent-show contestants, so a title alone would link the wrong recording).
 * Tracks that already have a `spotifyId` are returned unchanged.
 */
export function linkSpotify<T extends LinkableTrack>(
  tracks: readonly T[],
  tableRows: readonly SpotifyTableRow[],
): T[] {
  const byTitle = new Map<string, IndexedRow[]>();
  for (const row of tableRows) {
    if (row.artist.trim() === '' || !SPOTIFY_ID.test(row.spotifyId)) continue;
    const key = normalizeTitle(row.title);
    const list = byTitle.get(key) ?? [];
    list.push({
      row,
      artists: artistKeysOf(row.artist),
      variant: isVariantTitle(row.title),
      exact: squash(fold(row.title)) === key,
    });
    byTitle.set(key, list);
  }
  return tracks.map((track) => {
    if (track.spotifyId) return track;
    const wanted = track.artists.map(normalizeArtist);
    const candidates = (byTitle.get(normalizeTitle(track.title)) ?? []).filter(
      (c) => !c.variant && wanted.some((a) => c.artists.has(a)),
    );
    if (candidates.length === 0) return track;
    candidates.sort(
      (a, b) => Number(b.exact) - Number(a.exact) || (b.row.popularity ?? -1) - (a.row.popularity ?? -1),
    );
    const best = candidates[0]!.row;
    const linked: T = { ...track, spotifyId: best.spotifyId };
    if (best.popularity !== undefined) linked.popularity = best.popularity;
    return linked;
  });
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) into records keyed by header. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

function popularityOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : undefined;
}

async function readTable(path: string): Promise<Record<string, string>[]> {
  try {
    const raw = await readFile(path);
    const text = path.endsWith('.gz') ? (await gunzipAsync(raw)).toString('utf8') : raw.toString('utf8');
    return parseCsv(text);
  } catch (error) {
    throw new DataFileError(
      path,
      [{ message: `cannot read the Spotify table (${(error as Error).message})` }],
      {
        cause: error,
      },
    );
  }
}

/**
 * Reads the three public Spotify tables under `dataDir` (the shared data directory) into one row list:
 * spotify_top_tracks_2017_2019 (gzip), spotify_moods and emotitune_ot (which has no artist column, so its rows
 * carry `artist: ''`). Throws DataFileError naming a missing or unreadable table.
 */
export async function readSpotifyTables(dataDir: string): Promise<SpotifyTableRow[]> {
  const [top, moods, emotitune] = await Promise.all([
    readTable(join(dataDir, SPOTIFY_TABLES.topTracks)),
    readTable(join(dataDir, SPOTIFY_TABLES.moods)),
    readTable(join(dataDir, SPOTIFY_TABLES.emotitune)),
  ]);
  const rows: SpotifyTableRow[] = [];
  const add = (source: string, artist?: string, title?: string, id?: string, popularity?: string) => {
    if (!title || !id) return;
    rows.push({ source, artist: artist ?? '', title, spotifyId: id, popularity: popularityOf(popularity) });
  };
  for (const r of top) add('spotify_top_tracks_2017_2019', r.artist, r.track, r.track_id, r.popularity);
  for (const r of moods) add('spotify_moods', r.artist, r.name, r.id, r.popularity);
  for (const r of emotitune) add('emotitune_ot', '', r.name, r.spotify_track_id, r.popularity);
  return rows;
}

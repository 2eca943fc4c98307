import { foldText } from '../emotions/normalizer.js';
import type { Track } from './track.js';

export interface TrackMatch {
  track: Track;
  /** 0…1, 1 = exact title (and artist when given). */
  score: number;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'by',
  'de',
  'la',
  'el',
  'los',
  'las',
  'of',
  'song',
  'something',
  'like',
  'y',
  'and',
]);

function words(text: string): string[] {
  return foldText(text)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0 && !STOP.has(w));
}

/** Dice coefficient over character bigrams: tolerant of typos ("skiny love"). */
function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++)
    grams.set(a.slice(i, i + 2), (grams.get(a.slice(i, i + 2)) ?? 0) + 1);
  let overlap = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      overlap++;
      grams.set(g, n - 1);
    }
  }
  return (2 * overlap) / (a.length + b.length - 2);
}

/** The loaded catalog in memory: lookup by id, by artist, and fuzzy title/artist search. */
export class Catalog {
  private readonly byId: Map<string, Track>;
  private readonly keys: { track: Track; title: string; artist: string; full: string }[];

  constructor(readonly tracks: readonly Track[]) {
    this.byId = new Map(tracks.map((t) => [t.id, t]));
    this.keys = tracks.map((track) => {
      const title = words(track.title).join(' ');
      const artist = words(track.artists.join(' ')).join(' ');
      return { track, title, artist, full: `${title} ${artist}` };
    });
  }

  get size(): number {
    return this.tracks.length;
  }

  get(id: string): Track | undefined {
    return this.byId.get(id);
  }

  /** Artist names as written in the catalog whose folded form equals the query ("coldplay" → "Coldplay"). */
  findArtists(query: string): string[] {
    const q = words(query).join(' ');
    if (!q) return [];
    const names = new Set<string>();
    for (const t of this.tracks) for (const a of t.artists) if (words(a).join(' ') === q) names.add(a);
    return [...names];
  }

  /**
   * Fuzzy search by title and/or artist ("skinny love", "Skinny Love by Bon Iver", "bon iver").
   * Returns the best matches with scores; callers ask "did you mean" when the top two are close.
   */
  search(query: string, limit = 5): TrackMatch[] {
    const q = words(query).join(' ');
    if (q.length < 2) return [];
    const scored = this.keys.map(({ track, title, artist, full }) => {
      const titleScore = Math.max(
        bigramSimilarity(q, title),
        q.includes(title) && title.length >= 3 ? 0.9 : 0,
      );
      const fullScore = bigramSimilarity(q, full);
      const artistScore = q === artist ? 0.75 : q.includes(artist) && artist.length >= 3 ? 0.1 : 0;
      return {
        track,
        score: Math.min(
          1,
          Math.max(titleScore, fullScore, artistScore) + (titleScore > 0.5 ? artistScore : 0),
        ),
      };
    });
    return scored
      .filter((s) => s.score >= 0.45)
      .sort((a, b) => b.score - a.score || (b.track.popularity ?? 0) - (a.track.popularity ?? 0))
      .slice(0, limit);
  }
}

import type { Track } from './track.js';

/** Named vectors a track can carry (one Qdrant named vector each). */
export const VECTOR_NAMES = ['emotion', 'lyrics', 'als', 'tower'] as const;
export type VectorName = (typeof VECTOR_NAMES)[number];

/** Which vectors an index holds and their sizes. Distance is cosine everywhere (vectors are normalized). */
export type VectorSpec = Partial<Record<VectorName, { size: number }>>;

/**
 * Payload filters. Lists mean "any of"; exclusions mean "none of". Artist and genre matching ignores case
 * and accents. Year bounds are inclusive, and a track without a year fails any year bound.
 */
export interface TrackFilter {
  languages?: readonly string[];
  genres?: readonly string[];
  artists?: readonly string[];
  excludeArtists?: readonly string[];
  excludeIds?: readonly string[];
  yearFrom?: number;
  yearTo?: number;
}

export interface IndexedTrack {
  track: Track;
  vectors: Partial<Record<VectorName, Float32Array>>;
}

export interface SearchQuery {
  vector: VectorName;
  query: Float32Array;
  limit: number;
  filter?: TrackFilter;
  /** Minimum cosine similarity; results below it are not returned. */
  scoreThreshold?: number;
  /** Vectors to return with each hit (e.g. for diversity re-ranking). */
  withVectors?: readonly VectorName[];
}

export interface ScoredTrack {
  track: Track;
  /** Cosine similarity, higher is closer. */
  score: number;
  vectors?: Partial<Record<VectorName, Float32Array>>;
}

/**
 * Where tracks and their vectors live: the embedded index by default, Qdrant when configured.
 * Upserts are idempotent by track id. "Nothing found" is an empty array; outages throw UpstreamError.
 */
export interface TrackIndex {
  readonly kind: string;
  /** Creates or opens the store for these vectors; fails clearly when an existing store disagrees. */
  open(spec: VectorSpec): Promise<void>;
  upsert(items: readonly IndexedTrack[]): Promise<void>;
  search(query: SearchQuery): Promise<ScoredTrack[]>;
  /** Tracks by id, in the order asked, skipping unknown ids. */
  get(ids: readonly string[], withVectors?: readonly VectorName[]): Promise<ScoredTrack[]>;
  count(): Promise<number>;
  close(): Promise<void>;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/** Prepared predicate for a filter, shared by in-process implementations and tests. */
export function compileFilter(filter: TrackFilter | undefined): (track: Track) => boolean {
  if (!filter) return () => true;
  const languages = filter.languages?.length ? new Set(filter.languages.map(fold)) : undefined;
  const genres = filter.genres?.length ? new Set(filter.genres.map(fold)) : undefined;
  const artists = filter.artists?.length ? new Set(filter.artists.map(fold)) : undefined;
  const excludeArtists = filter.excludeArtists?.length ? new Set(filter.excludeArtists.map(fold)) : undefined;
  const excludeIds = filter.excludeIds?.length ? new Set(filter.excludeIds) : undefined;
  const { yearFrom, yearTo } = filter;
  return (track) => {
    if (excludeIds?.has(track.id)) return false;
    if (languages && !languages.has(track.language)) return false;
    if (genres && !track.genres.some((g) => genres.has(fold(g)))) return false;
    if (artists && !track.artists.some((a) => artists.has(fold(a)))) return false;
    if (excludeArtists && track.artists.some((a) => excludeArtists.has(fold(a)))) return false;
    if (yearFrom !== undefined && (track.year === undefined || track.year < yearFrom)) return false;
    if (yearTo !== undefined && (track.year === undefined || track.year > yearTo)) return false;
    return true;
  };
}

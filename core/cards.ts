import { spotifyUrlOf, type Track } from './catalog/track.js';
import type { Emotion } from './emotions/vocabulary.js';

/** What every channel shows for a song: the platform-neutral song line. */
export interface TrackCard {
  id: string;
  rank: number;
  title: string;
  artists: string[];
  /** A track URL when the Spotify id is confirmed, otherwise a Spotify search URL. */
  spotifyUrl: string;
  /** One line: why this song fits. */
  why: string;
  emotions: Emotion[];
  language: string;
  year?: number;
}

export function toCard(track: Track, rank: number, why: string): TrackCard {
  return {
    id: track.id,
    rank,
    title: track.title,
    artists: [...track.artists],
    spotifyUrl: spotifyUrlOf(track),
    why,
    emotions: [...track.emotions],
    language: track.language,
    ...(track.year !== undefined ? { year: track.year } : {}),
  };
}

/** Compact text for the LLM: one line a song, id first so it can refer back to it. */
export function cardsToText(cards: readonly TrackCard[]): string {
  if (cards.length === 0) return 'No songs found.';
  return cards
    .map(
      (c) =>
        `${c.rank}. [${c.id}] ${c.title} — ${c.artists.join(', ')}${c.year ? ` (${c.year})` : ''} | ${c.why}`,
    )
    .join('\n');
}

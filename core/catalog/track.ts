import { z } from 'zod';
import { EmotionSchema } from '../emotions/vocabulary.js';

/** ISO 639-1 codes we tag songs with (a song in two languages lists its main one). */
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{2}$/, 'a two-letter ISO 639-1 code such as "en" or "es"');

const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;

/** One song in the catalog. Summaries are our own words about what the song is about, never lyrics. */
export const TrackSchema = z
  .object({
    /** Stable id: `artist-slug--title-slug` for the demo catalog; any unique string elsewhere. */
    id: z.string().min(1).max(200),
    title: z.string().min(1).max(300),
    artists: z.array(z.string().min(1).max(200)).min(1).max(10),
    album: z.string().max(300).optional(),
    year: z.number().int().min(1900).max(2100).optional(),
    genres: z.array(z.string().min(1).max(60)).max(10).default([]),
    language: LanguageSchema,
    /** 0–100, from a public Spotify table when we have the track there. */
    popularity: z.number().min(0).max(100).optional(),
    /** Confirmed Spotify track id (22 base-62 chars); without it the link is a Spotify search. */
    spotifyId: z.string().regex(SPOTIFY_ID, 'a 22-character Spotify track id').optional(),
    emotions: z.array(EmotionSchema).min(1).max(8),
    /** ≤ 25 words about what the song is about, in our own words. */
    summary: z
      .string()
      .min(10)
      .max(400)
      .refine((s) => s.trim().split(/\s+/).length <= 25, 'at most 25 words'),
    /** Optional measured position; otherwise derived from the emotions. */
    valence: z.number().min(-1).max(1).optional(),
    arousal: z.number().min(-1).max(1).optional(),
  })
  .strict();
export type Track = z.infer<typeof TrackSchema>;
export type TrackInput = z.input<typeof TrackSchema>;

/** A track URL when the id is confirmed, otherwise a Spotify search for "artist title". */
export function spotifyUrlOf(track: Pick<Track, 'spotifyId' | 'title' | 'artists'>): string {
  if (track.spotifyId) return `https://open.spotify.com/track/${track.spotifyId}`;
  const query = `${track.artists[0] ?? ''} ${track.title}`.trim();
  return `https://open.spotify.com/search/${encodeURIComponent(query)}`;
}

/** Lower-case ASCII slug used in ids and fuzzy matching. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The id the demo catalog uses: first artist slug, two dashes, title slug. */
export function trackIdOf(artist: string, title: string): string {
  return `${slugify(artist)}--${slugify(title)}`;
}

/** The text embedded into the `emotion` vector of a track. */
export function emotionTextOf(track: Pick<Track, 'emotions'>): string {
  return track.emotions.join(', ');
}

/** The text embedded into the `lyrics` (theme) vector of a track. */
export function themeTextOf(track: Pick<Track, 'summary' | 'title'>): string {
  return track.summary;
}

import { z } from 'zod';
import { normalizeEmotion } from '../core/emotions/normalizer.js';
import type { Emotion } from '../core/emotions/vocabulary.js';
import type { TrackFilter } from '../core/catalog/track-index.js';

/** Emotion words as the model or planner writes them; folded to the canonical vocabulary, unknown ones dropped. */
export const emotionWordsField = z
  .array(z.string().min(1).max(40))
  .max(8)
  .describe('Emotion words, most important first, in English (e.g. "sadness", "numbness", "hope").');

export function canonicalEmotions(words: readonly string[]): Emotion[] {
  const out: Emotion[] = [];
  for (const w of words) {
    const e = normalizeEmotion(w);
    if (e && !out.includes(e)) out.push(e);
  }
  return out;
}

export const filterFields = {
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional()
    .describe('Only songs in this language, ISO 639-1 code such as "es" or "en".'),
  genres: z
    .array(z.string().max(40))
    .max(5)
    .optional()
    .describe('Only songs with one of these genres (e.g. "rock").'),
  exclude_artists: z
    .array(z.string().max(100))
    .max(20)
    .optional()
    .describe('Never return songs by these artists.'),
  year_from: z
    .number()
    .int()
    .min(1900)
    .max(2100)
    .optional()
    .describe('Only songs released in or after this year.'),
  year_to: z
    .number()
    .int()
    .min(1900)
    .max(2100)
    .optional()
    .describe('Only songs released in or before this year.'),
  exclude_track_ids: z
    .array(z.string().max(200))
    .max(200)
    .optional()
    .describe('Track ids already shown in this conversation; they are never returned again.'),
};

export const limitField = z
  .number()
  .int()
  .min(1)
  .max(10)
  .default(5)
  .describe('How many songs to return (1–10).');

export function filterFrom(input: {
  language?: string | undefined;
  genres?: string[] | undefined;
  exclude_artists?: string[] | undefined;
  year_from?: number | undefined;
  year_to?: number | undefined;
}): TrackFilter {
  return {
    ...(input.language ? { languages: [input.language] } : {}),
    ...(input.genres?.length ? { genres: input.genres } : {}),
    ...(input.exclude_artists?.length ? { excludeArtists: input.exclude_artists } : {}),
    ...(input.year_from !== undefined ? { yearFrom: input.year_from } : {}),
    ...(input.year_to !== undefined ? { yearTo: input.year_to } : {}),
  };
}

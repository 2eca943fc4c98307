import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { Catalog } from '../core/catalog/catalog.js';

export const summarizeLyricsSchema = z.object({
  track_id: z
    .string()
    .min(3)
    .max(200)
    .describe('The id of a song returned by a tool earlier in this conversation (the text in [brackets]).'),
});

export interface SummarizeLyricsDeps {
  catalog: Catalog;
}

export interface LyricsSummary {
  trackId: string;
  title: string;
  artists: string[];
  /** What the song is about in our own words, at most 25 words; never lyrics text. */
  summary: string;
}

export const MAX_SUMMARY_WORDS = 25;

/** Clips to the word limit (stored summaries are validated at ingestion; this guards older catalogs). */
export function clipWords(text: string, max = MAX_SUMMARY_WORDS): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length <= max
    ? words.join(' ')
    : `${words
        .slice(0, max)
        .join(' ')
        .replace(/[.,;:]$/, '')}…`;
}

/**
 * What a song is about, from the summary stored in the catalog. Summaries are written at ingestion (by Groq
 * from the lyrics when they were available, see core/clients/groq/lyrics-summarizer.ts), so answering never
 * needs the lyrics and can never return them. Unknown ids are a normal "not found" (undefined).
 */
export function summarizeLyrics(
  input: z.infer<typeof summarizeLyricsSchema>,
  deps: SummarizeLyricsDeps,
): LyricsSummary | undefined {
  const track = deps.catalog.get(input.track_id);
  if (!track) return undefined;
  return {
    trackId: track.id,
    title: track.title,
    artists: [...track.artists],
    summary: clipWords(track.summary),
  };
}

export function createSummarizeLyricsTool(deps: SummarizeLyricsDeps) {
  return tool(
    (input) => {
      const found = summarizeLyrics(input, deps);
      const text = found
        ? `${found.title} — ${found.artists.join(', ')}: ${found.summary}`
        : `No song with id ${input.track_id} in the catalog.`;
      return Promise.resolve([text, found] as [string, LyricsSummary | undefined]);
    },
    {
      name: 'summarize_lyrics',
      description:
        'Explain what a song is about (its story or theme, at most 25 words, in our own words — never lyrics). ' +
        'Use it when the listener asks why a song fits or what it is about; pass the song id from a tool result.',
      schema: summarizeLyricsSchema,
      responseFormat: 'content_and_artifact',
    },
  );
}

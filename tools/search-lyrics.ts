import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { cardsToText, toCard, type TrackCard } from '../core/cards.js';
import type { TrackIndex } from '../core/catalog/track-index.js';
import type { Embedder } from '../core/embeddings/embedder.js';
import { filterFields, filterFrom, limitField } from './schemas.js';

export const searchLyricsSchema = z.object({
  query: z
    .string()
    .min(2)
    .max(500)
    .describe(
      'What the songs should be about: a theme, situation or story ("leaving home", "a friend who passed away").',
    ),
  limit: limitField,
  ...filterFields,
});

export interface SearchLyricsDeps {
  index: TrackIndex;
  embedder: Embedder;
}

/** Songs whose meaning (our summary of what the song is about) is closest to a theme. */
export async function searchLyrics(
  input: z.input<typeof searchLyricsSchema>,
  deps: SearchLyricsDeps,
): Promise<TrackCard[]> {
  const query = await deps.embedder.embedText(input.query);
  const hits = await deps.index.search({
    vector: 'lyrics',
    query,
    limit: input.limit ?? 5,
    filter: {
      ...filterFrom(input),
      ...(input.exclude_track_ids ? { excludeIds: input.exclude_track_ids } : {}),
    },
    scoreThreshold: 0.25,
  });
  return hits.map((h, i) =>
    toCard(h.track, i + 1, `about ${h.track.summary.replace(/\.$/, '').toLowerCase()}`),
  );
}

export function createSearchLyricsTool(deps: SearchLyricsDeps) {
  return tool(
    async (input) => {
      const cards = await searchLyrics(input, deps);
      return [cardsToText(cards), cards] as [string, TrackCard[]];
    },
    {
      name: 'search_lyrics',
      description:
        'Find songs by what they are about (theme, situation, story), not by mood words. Use it when the listener ' +
        'describes a moment ("the drive back from the funeral", "last day of summer"). Returns ranked songs with ids.',
      schema: searchLyricsSchema,
      responseFormat: 'content_and_artifact',
    },
  );
}

import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { cardsToText, toCard, type TrackCard } from '../core/cards.js';
import type { TrackIndex } from '../core/catalog/track-index.js';
import type { Embedder } from '../core/embeddings/embedder.js';
import { canonicalEmotions, emotionWordsField, filterFields, filterFrom, limitField } from './schemas.js';

export const searchByEmotionSchema = z.object({
  emotions: emotionWordsField,
  limit: limitField,
  ...filterFields,
});

export interface SearchByEmotionDeps {
  index: TrackIndex;
  embedder: Embedder;
}

/** Nearest songs to a list of emotions (cosine over each song's emotion vector). */
export async function searchByEmotion(
  input: z.input<typeof searchByEmotionSchema>,
  deps: SearchByEmotionDeps,
): Promise<TrackCard[]> {
  const emotions = canonicalEmotions(input.emotions);
  if (emotions.length === 0) return [];
  const query = await deps.embedder.embedText(emotions.join(', '));
  const hits = await deps.index.search({
    vector: 'emotion',
    query,
    limit: input.limit ?? 5,
    filter: {
      ...filterFrom(input),
      ...(input.exclude_track_ids ? { excludeIds: input.exclude_track_ids } : {}),
    },
    scoreThreshold: 0.3,
  });
  return hits.map((h, i) => {
    const shared = h.track.emotions.filter((e) => emotions.includes(e));
    const why = shared.length
      ? `shares ${shared.slice(0, 3).join(', ')}`
      : `feels ${h.track.emotions.slice(0, 2).join(' and ')}`;
    return toCard(h.track, i + 1, why);
  });
}

export function createSearchByEmotionTool(deps: SearchByEmotionDeps) {
  return tool(
    async (input) => {
      const cards = await searchByEmotion(input, deps);
      return [cardsToText(cards), cards] as [string, TrackCard[]];
    },
    {
      name: 'search_by_emotion',
      description:
        'Find songs whose mood matches a list of emotions (English emotion words). Use it for a plain mood match ' +
        'without a story or theme. Returns ranked songs with ids; use `recommend` for a full, diversified answer.',
      schema: searchByEmotionSchema,
      responseFormat: 'content_and_artifact',
    },
  );
}

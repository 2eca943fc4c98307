import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import { cardsToText, toCard, type TrackCard } from '../core/cards.js';
import { moodPointOfMany } from '../core/emotions/vocabulary.js';
import type { Recommender, RecommendRequest } from '../core/recommender/recommender.js';
import { canonicalEmotions, emotionWordsField, filterFields, filterFrom, limitField } from './schemas.js';

export const recommendSchema = z.object({
  emotions: emotionWordsField,
  goal: z
    .enum(['match', 'lift', 'calm', 'energize'])
    .default('match')
    .describe(
      'match = stay with the mood; lift = start near it and move gradually to brighter songs; calm; energize.',
    ),
  theme: z
    .string()
    .max(500)
    .optional()
    .describe("Optional theme or situation in the listener's words, searched against what songs are about."),
  loved_track_ids: z
    .array(z.string().max(200))
    .max(10)
    .optional()
    .describe(
      'Track ids the listener said they loved in this conversation; similar listening joins the candidates.',
    ),
  seed_track_ids: z
    .array(z.string().max(200))
    .max(5)
    .optional()
    .describe('Track ids the listener wants more like.'),
  valence: z.number().min(-1).max(1).optional().describe('Listener valence from extract_emotions, if known.'),
  arousal: z.number().min(-1).max(1).optional().describe('Listener arousal from extract_emotions, if known.'),
  exploration: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('0–1: higher means more variety and less well-known songs ("surprise me" = 1).'),
  limit: limitField,
  ...filterFields,
});

export interface RecommendDeps {
  recommender: Recommender;
}

/** The full recommendation: fused candidates, filters, diversity, mood arc, and a reason per song. */
export async function recommend(
  input: z.input<typeof recommendSchema>,
  deps: RecommendDeps,
): Promise<TrackCard[]> {
  const emotions = canonicalEmotions(input.emotions).map((emotion, i) => ({
    emotion,
    weight: 1 / (1 + 0.3 * i),
  }));
  const point = moodPointOfMany(emotions) ?? { valence: 0, arousal: 0 };
  const request: RecommendRequest = {
    emotions,
    mood: { valence: input.valence ?? point.valence, arousal: input.arousal ?? point.arousal },
    goal: input.goal ?? 'match',
    ...(input.theme ? { theme: input.theme } : {}),
    filter: filterFrom(input),
    excludeIds: input.exclude_track_ids ?? [],
    ...(input.seed_track_ids ? { seedTrackIds: input.seed_track_ids } : {}),
    ...(input.loved_track_ids ? { lovedTrackIds: input.loved_track_ids } : {}),
    limit: input.limit ?? 5,
    ...(input.exploration !== undefined ? { exploration: input.exploration } : {}),
  };
  if (emotions.length === 0 && !request.theme && !request.seedTrackIds?.length) return [];
  const recs = await deps.recommender.recommend(request);
  return recs.map((r) => toCard(r.track, r.rank, r.why));
}

export function createRecommendTool(deps: RecommendDeps) {
  return tool(
    async (input) => {
      const cards = await recommend(input, deps);
      return [cardsToText(cards), cards] as [string, TrackCard[]];
    },
    {
      name: 'recommend',
      description:
        "The main way to answer with songs: ranked, diversified songs for the listener's emotions, goal (match or " +
        'lift the mood), optional theme, seeds and filters. Pass exclude_track_ids with every song already shown. ' +
        'Returns songs with ids and a reason each; only ever name songs returned by a tool.',
      schema: recommendSchema,
      responseFormat: 'content_and_artifact',
    },
  );
}

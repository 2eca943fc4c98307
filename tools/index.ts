import { createExtractEmotionsTool, type ExtractEmotionsDeps } from './extract-emotions.js';
import { createRecommendTool, type RecommendDeps } from './recommend.js';
import { createSearchByEmotionTool, type SearchByEmotionDeps } from './search-by-emotion.js';
import { createSearchLyricsTool, type SearchLyricsDeps } from './search-lyrics.js';
import { createSimilarTracksTool, type SimilarTracksDeps } from './similar-tracks.js';
import { createSummarizeLyricsTool, type SummarizeLyricsDeps } from './summarize-lyrics.js';

export type ToolDeps = ExtractEmotionsDeps &
  SearchByEmotionDeps &
  SearchLyricsDeps &
  RecommendDeps &
  SummarizeLyricsDeps &
  SimilarTracksDeps;

/** The one registry of agent tools. */
export function createTools(deps: ToolDeps) {
  return [
    createExtractEmotionsTool(deps),
    createSearchByEmotionTool(deps),
    createSearchLyricsTool(deps),
    createRecommendTool(deps),
    createSummarizeLyricsTool(deps),
    createSimilarTracksTool(deps),
  ];
}

export type MoodtuneTool = ReturnType<typeof createTools>[number];

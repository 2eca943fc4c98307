import { createExtractEmotionsTool, type ExtractEmotionsDeps } from './extract-emotions.js';
import { createRecommendTool, type RecommendDeps } from './recommend.js';
import { createSearchByEmotionTool, type SearchByEmotionDeps } from './search-by-emotion.js';
import { createSearchLyricsTool, type SearchLyricsDeps } from './search-lyrics.js';

export type ToolDeps = ExtractEmotionsDeps & SearchByEmotionDeps & SearchLyricsDeps & RecommendDeps;

/** The one registry of agent tools. */
export function createTools(deps: ToolDeps) {
  return [
    createExtractEmotionsTool(deps),
    createSearchByEmotionTool(deps),
    createSearchLyricsTool(deps),
    createRecommendTool(deps),
  ];
}

export type MoodtuneTool = ReturnType<typeof createTools>[number];

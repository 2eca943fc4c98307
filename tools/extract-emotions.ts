import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { EmotionReader, EmotionReading } from '../core/emotions/reader.js';

export const extractEmotionsSchema = z.object({
  text: z.string().max(10_000).describe("The listener's own words about how they feel, verbatim."),
});

export interface ExtractEmotionsDeps {
  reader: EmotionReader;
}

/** Reads weighted canonical emotions and a valence/arousal position from free text. */
export async function extractEmotions(
  input: z.infer<typeof extractEmotionsSchema>,
  deps: ExtractEmotionsDeps,
): Promise<EmotionReading> {
  return deps.reader.read(input.text);
}

export function readingToText(reading: EmotionReading): string {
  if (reading.emotions.length === 0) return 'No clear emotion found (neutral).';
  const emotions = reading.emotions.map((e) => `${e.emotion} ${e.weight.toFixed(2)}`).join(', ');
  const negated = reading.negated.length ? `; explicitly not: ${reading.negated.join(', ')}` : '';
  return `Emotions: ${emotions}${negated}. Valence ${reading.valence.toFixed(2)}, arousal ${reading.arousal.toFixed(2)} (−1…1).`;
}

export function createExtractEmotionsTool(deps: ExtractEmotionsDeps) {
  return tool(
    async (input) => {
      const reading = await extractEmotions(input, deps);
      return [readingToText(reading), reading] as [string, EmotionReading];
    },
    {
      name: 'extract_emotions',
      description:
        "Read how the listener feels from their words. Use it on the listener's message before searching when " +
        'their feelings are not yet clear. Returns canonical emotion terms with weights and a valence/arousal position.',
      schema: extractEmotionsSchema,
      responseFormat: 'content_and_artifact',
    },
  );
}

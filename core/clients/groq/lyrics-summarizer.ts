import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Runnable } from '@langchain/core/runnables';
import { z } from 'zod';
import { foldText } from '../../emotions/normalizer.js';

const SummarySchema = z
  .object({
    summary: z
      .string()
      .min(10)
      .max(400)
      .describe('What the song is about, at most 25 words, in your own words.'),
  })
  .meta({ title: 'song_summary', description: 'A short description of what a song is about.' });

const INSTRUCTIONS =
  'You describe what a song is about in at most 25 words, in your own words, in English. Never quote or ' +
  'paraphrase lines of the lyrics closely; describe the story, theme and feeling. Answer with song_summary.';

/** Longest run of consecutive words a summary may share with the lyrics before it counts as quoting. */
const MAX_SHARED_RUN = 4;

function words(text: string): string[] {
  return foldText(text)
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(' ')
    .filter(Boolean);
}

/** Whether `summary` repeats more than MAX_SHARED_RUN consecutive words of `lyrics`. */
export function quotesLyrics(summary: string, lyrics: string): boolean {
  const lyricWords = words(lyrics);
  const grams = new Set<string>();
  const n = MAX_SHARED_RUN + 1;
  for (let i = 0; i + n <= lyricWords.length; i++) grams.add(lyricWords.slice(i, i + n).join(' '));
  const s = words(summary);
  for (let i = 0; i + n <= s.length; i++) if (grams.has(s.slice(i, i + n).join(' '))) return true;
  return false;
}

/**
 * Writes the catalog's ≤ 25-word song summaries from lyrics at ingestion time (lyrics are never stored or
 * shown). Returns undefined when the model's answer is too long or quotes the lyrics: the caller keeps the
 * song without a generated summary rather than storing lyrics text.
 */
export class GroqLyricsSummarizer {
  private readonly structured: Runnable<unknown, z.infer<typeof SummarySchema>>;

  constructor(model: BaseChatModel) {
    this.structured = model.withStructuredOutput(SummarySchema, { name: 'song_summary' }) as Runnable<
      unknown,
      z.infer<typeof SummarySchema>
    >;
  }

  async summarize(song: { title: string; artists: string[]; lyrics: string }): Promise<string | undefined> {
    const out = SummarySchema.parse(
      await this.structured.invoke([
        { role: 'system', content: INSTRUCTIONS },
        {
          role: 'user',
          content: `"${song.title}" by ${song.artists.join(', ')}. Lyrics:\n${song.lyrics.slice(0, 6000)}`,
        },
      ]),
    );
    const summary = out.summary.replace(/\s+/g, ' ').trim();
    if (summary.split(' ').length > 25) return undefined;
    if (quotesLyrics(summary, song.lyrics)) return undefined;
    return summary;
  }
}

import type { Emotion, MoodPoint } from './vocabulary.js';

export interface EmotionWeight {
  emotion: Emotion;
  /** 0 < weight ≤ 1, relative salience in this reading. */
  weight: number;
}

/** What a reader understood of how someone feels. */
export interface EmotionReading extends MoodPoint {
  /** Most salient first; empty means "neutral / nothing recognisable". */
  emotions: EmotionWeight[];
  /** Emotions the person said they do NOT feel ("not happy"): excluded from the reading. */
  negated: Emotion[];
  /** 0…1: how sure the reader is that it understood a feeling at all. */
  confidence: number;
  /** Which reader produced it (for logs and evaluation). */
  reader: string;
}

/** Text → weighted canonical emotions + valence/arousal. Never throws on odd input; answers "neutral" instead. */
export interface EmotionReader {
  readonly name: string;
  read(text: string): Promise<EmotionReading>;
}

export const NEUTRAL_POINT: MoodPoint = { valence: 0, arousal: 0 };

export function neutralReading(reader: string): EmotionReading {
  return { emotions: [], negated: [], confidence: 0, reader, ...NEUTRAL_POINT };
}

import path from 'node:path';
import type { Logger } from 'pino';
import type { Embedder } from '../../embeddings/embedder.js';
import { DataFileError } from '../../errors.js';
import { scanEmotions, weighHits } from '../lexical-scan.js';
import { neutralReading, type EmotionReader, type EmotionReading } from '../reader.js';
import { moodPointOf, type Emotion, type MoodPoint } from '../vocabulary.js';
import { tokenIds } from './features.js';
import { GOEMOTIONS_LABELS, NEUTRAL_LABEL, VOCABULARY_OF, moodPointOfLabel } from './labels.js';
import { calibrate } from './metrics.js';
import { predictEnsemble, type ModelParams, type ModelShape } from './model.js';
import { glossSpanish } from './spanish.js';
import { loadWeights, type EmotionModelWeights } from './weights-io.js';

/** The weights shipped in the repository (see data/emotion-model/PROVENANCE.md). */
export const DEFAULT_WEIGHTS_FILE = path.resolve(
  import.meta.dirname,
  '../../../data/emotion-model/emotion-mlp.bin',
);
export const MODEL_VERSION = 'goemotions-use-mlp-bow-1';

const MAX_CHARS = 2000;
const MAX_EMOTIONS = 6;
/** How much a lexical hit (an emotion word the person typed) adds, relative to a classifier label at weight 1. */
const LEXICAL_SCALE = 0.6;

/** One GoEmotions label's output for a message. */
export interface LabelScore {
  label: (typeof GOEMOTIONS_LABELS)[number];
  /** Raw sigmoid output. */
  probability: number;
  /** Platt-calibrated on the dev split. */
  calibrated: number;
  /** Whether the probability reached the label's dev-tuned threshold. */
  fired: boolean;
}

/** The trained classifier on its own: embedding + words → per-label probabilities and decisions. */
export class EmotionClassifier {
  readonly shape: ModelShape;
  private readonly members: readonly ModelParams[];
  private readonly vocabulary: Map<string, number>;
  readonly thresholds: readonly number[];
  readonly ekmanThresholds: readonly number[] | undefined;
  private readonly calibration: readonly (readonly [number, number])[];
  readonly embedderModelId: string;
  readonly modelVersion: string;

  constructor(weights: EmotionModelWeights) {
    const { header } = weights;
    if (header.labels.join(',') !== GOEMOTIONS_LABELS.join(','))
      throw new Error('weights were trained on a different label set');
    this.shape = header.shape;
    this.members = weights.members;
    this.vocabulary = new Map(header.vocabulary.map((t, i) => [t, i]));
    this.thresholds = header.thresholds;
    this.ekmanThresholds = header.ekmanThresholds;
    this.calibration = header.calibration;
    this.embedderModelId = header.embedderModelId;
    this.modelVersion = header.modelVersion;
  }

  /** Raw probabilities (28, in GOEMOTIONS_LABELS order) for an embedded message and its text. */
  probabilities(vector: Float32Array, text: string): Float32Array {
    return predictEnsemble(this.shape, this.members, vector, tokenIds(text, this.vocabulary));
  }

  /** Per-label scores, thresholds applied label by label. */
  score(probabilities: ArrayLike<number>): LabelScore[] {
    return GOEMOTIONS_LABELS.map((label, k) => {
      const probability = probabilities[k]!;
      return {
        label,
        probability,
        calibrated: calibrate(probability, this.calibration[k]!),
        fired: probability >= this.thresholds[k]!,
      };
    });
  }
}

export interface TrainedReaderOptions {
  /** Translate common Spanish words to English before the English-centric classifier sees them (default on). */
  glossSpanish?: boolean;
  logger?: Logger;
}

/**
 * The default offline reader: a classifier trained on GoEmotions (27 emotions + neutral) over the sentence
 * embedding and the message's words, mapped onto the canonical vocabulary, then corrected by the lexical scan:
 * negated words remove what they negate (and same-valence classifier labels), intensifiers scale weights, and
 * finer vocabulary words the person typed ("heartbroken", "exhausted") are added.
 */
export class TrainedEmotionReader implements EmotionReader {
  readonly name = 'trained';

  constructor(
    private readonly embedder: Embedder,
    readonly classifier: EmotionClassifier,
    private readonly options: TrainedReaderOptions = {},
  ) {
    if (classifier.embedderModelId !== embedder.modelId || classifier.shape.inputDims !== embedder.dimensions)
      throw new Error(
        `weights expect embedder ${classifier.embedderModelId}, got ${embedder.modelId} (${embedder.dimensions}-d)`,
      );
  }

  /** Loads weights from `file` (default: the shipped ones). Throws DataFileError naming the file when unusable. */
  static async load(
    embedder: Embedder,
    file = DEFAULT_WEIGHTS_FILE,
    options: TrainedReaderOptions = {},
  ): Promise<TrainedEmotionReader> {
    const weights = await loadWeights(file);
    try {
      return new TrainedEmotionReader(embedder, new EmotionClassifier(weights), options);
    } catch (error) {
      throw new DataFileError(file, [{ message: (error as Error).message }], { cause: error });
    }
  }

  /** The text the classifier sees: trimmed, capped, Spanish glossed. */
  modelText(text: string): string {
    const clean = text.trim().slice(0, MAX_CHARS);
    return this.options.glossSpanish === false ? clean : glossSpanish(clean);
  }

  /** Label scores for a message (used by the eval and by `read`). */
  async classify(text: string): Promise<LabelScore[]> {
    const modelText = this.modelText(text);
    const vector = await this.embedder.embedText(modelText);
    return this.classifier.score(this.classifier.probabilities(vector, modelText));
  }

  async read(text: string): Promise<EmotionReading> {
    try {
      return await this.readOrThrow(typeof text === 'string' ? text : '');
    } catch (error) {
      // A reading is always returned: a failure here must not break the conversation.
      this.options.logger?.warn({ err: error }, 'trained emotion reader failed; answering neutral');
      return neutralReading(this.name);
    }
  }

  private async readOrThrow(text: string): Promise<EmotionReading> {
    const clean = text.trim().slice(0, MAX_CHARS);
    if (!clean) return neutralReading(this.name);
    const { weights: lexical, negated } = weighHits(scanEmotions(clean));
    const scores = await this.classify(clean);
    return combineReading(this.name, scores, lexical, negated);
  }
}

interface Contribution {
  weight: number;
  point: MoodPoint;
}

/**
 * Merges classifier labels and lexical evidence into one reading. Pure, so the rules are tested on their own.
 * - fired emotion labels contribute their calibrated probability, under their vocabulary term;
 * - lexical hits contribute LEXICAL_SCALE × their weight (intensity included, up to 1.7), and an intensifier on a
 *   word the classifier also found scales that label too ("so sad" weighs more than "sad");
 * - a negated word removes that term and every classifier label on the same side of the valence axis
 *   ("not happy" removes joy/approval, keeps the opposite the lexical scan added);
 * - nothing fired and no words → neutral (empty emotions, confidence ≤ 0.25).
 */
export function combineReading(
  reader: string,
  scores: readonly LabelScore[],
  lexical: ReadonlyMap<Emotion, number>,
  negated: readonly Emotion[],
): EmotionReading {
  const negatedSides = negated.map((e) => Math.sign(moodPointOf(e).valence)).filter((s) => s !== 0);
  const byEmotion = new Map<Emotion, Contribution[]>();
  const add = (emotion: Emotion, weight: number, point: MoodPoint) => {
    const list = byEmotion.get(emotion) ?? [];
    list.push({ weight, point });
    byEmotion.set(emotion, list);
  };
  let classifierConfidence = 0;
  for (const s of scores) {
    const emotion = VOCABULARY_OF[s.label];
    if (!s.fired || !emotion) continue;
    const point = moodPointOfLabel(s.label);
    if (negated.includes(emotion)) continue;
    if (!lexical.has(emotion) && negatedSides.includes(Math.sign(point.valence))) continue;
    const intensity = lexical.get(emotion) ?? 1;
    add(emotion, s.calibrated * Math.max(intensity, 0.5), point);
    classifierConfidence = Math.max(classifierConfidence, s.calibrated);
  }
  for (const [emotion, weight] of lexical) add(emotion, LEXICAL_SCALE * weight, moodPointOf(emotion));

  const neutral = scores[NEUTRAL_LABEL];
  if (byEmotion.size === 0) {
    const notNeutral = neutral ? 1 - neutral.calibrated : 0.5;
    return {
      ...neutralReading(reader),
      negated: [...negated],
      confidence: round(Math.min(0.25, notNeutral * 0.3)),
    };
  }
  const totals = [...byEmotion.entries()].map(([emotion, parts]) => ({
    emotion,
    weight: parts.reduce((s, p) => s + p.weight, 0),
    parts,
  }));
  const max = Math.max(...totals.map((t) => t.weight));
  const kept = totals
    .map((t) => ({ ...t, weight: t.weight / max }))
    .filter((t) => t.weight >= 0.2)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_EMOTIONS);
  let valence = 0;
  let arousal = 0;
  let total = 0;
  for (const t of kept) {
    for (const p of t.parts) {
      valence += p.point.valence * p.weight;
      arousal += p.point.arousal * p.weight;
      total += p.weight;
    }
  }
  const lexicalConfidence = lexical.size > 0 ? Math.min(0.9, 0.6 + 0.1 * lexical.size) : 0;
  return {
    emotions: kept.map((t) => ({ emotion: t.emotion, weight: round(t.weight) })),
    negated: [...negated],
    confidence: round(Math.max(classifierConfidence, lexicalConfidence)),
    reader,
    valence: round(valence / total),
    arousal: round(arousal / total),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

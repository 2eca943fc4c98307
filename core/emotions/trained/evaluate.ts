import { EKMAN_GROUPS, GOEMOTIONS_LABELS, toEkman } from './labels.js';
import { decide, scoreMultiLabel, type MultiLabelScores } from './metrics.js';

export interface EmotionEvaluation {
  /** Macro-F1 over the 28 GoEmotions labels (27 emotions + neutral). */
  macroF1: number;
  /** Micro-F1 over the 28 labels. */
  microF1: number;
  /**
   * Macro-F1 over the 7 Ekman classes (anger, disgust, fear, joy, sadness, surprise, neutral): gold and predicted
   * 28-label sets are each mapped through EKMAN_OF and unioned, then scored per class.
   */
  macroF1Ekman: number;
  labels: MultiLabelScores;
  ekman: MultiLabelScores;
}

/** Scores label-set predictions against gold sets, on the 28 labels and on the Ekman groups. */
export function evaluatePredictions(
  predicted: readonly ReadonlySet<number>[],
  gold: readonly ReadonlySet<number>[],
): EmotionEvaluation {
  const labels = scoreMultiLabel(predicted, gold, GOEMOTIONS_LABELS.length);
  const ekman = scoreMultiLabel(predicted.map(toEkman), gold.map(toEkman), EKMAN_GROUPS.length);
  return { macroF1: labels.macroF1, microF1: labels.microF1, macroF1Ekman: ekman.macroF1, labels, ekman };
}

/** Applies per-label thresholds to a rows × 28 probability matrix and scores it. */
export function evaluateProbabilities(
  probs: Float32Array,
  thresholds: ArrayLike<number>,
  gold: readonly ReadonlySet<number>[],
): EmotionEvaluation {
  const L = GOEMOTIONS_LABELS.length;
  const predicted = gold.map((_, r) => decide(probs.subarray(r * L, (r + 1) * L), thresholds));
  return evaluatePredictions(predicted, gold);
}

import { EKMAN_GROUPS, EKMAN_OF, GOEMOTIONS_LABELS, toEkman } from './labels.js';
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

/**
 * Ekman group scores from 28-label probabilities: a group's score is the highest probability among its member
 * labels (rows × 7, row-major). Thresholding these per group (thresholds tuned on dev) predicts Ekman classes
 * directly instead of unioning 28 decisions whose thresholds were tuned for fine-grained F1.
 */
export function ekmanProbabilities(probs: Float32Array, rows: number): Float32Array {
  const L = GOEMOTIONS_LABELS.length;
  const G = EKMAN_GROUPS.length;
  const groupOf = GOEMOTIONS_LABELS.map((l) => EKMAN_GROUPS.indexOf(EKMAN_OF[l]));
  const out = new Float32Array(rows * G);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < L; k++) {
      const g = r * G + groupOf[k]!;
      out[g] = Math.max(out[g]!, probs[r * L + k]!);
    }
  }
  return out;
}

/**
 * Like `evaluateProbabilities`, but Ekman classes are decided from `ekmanProbabilities` with their own
 * thresholds (when given); the 28-label numbers are unchanged.
 */
export function evaluateWithEkmanThresholds(
  probs: Float32Array,
  thresholds: ArrayLike<number>,
  ekmanThresholds: ArrayLike<number>,
  gold: readonly ReadonlySet<number>[],
): EmotionEvaluation {
  const base = evaluateProbabilities(probs, thresholds, gold);
  const G = EKMAN_GROUPS.length;
  const groupProbs = ekmanProbabilities(probs, gold.length);
  const predicted = gold.map((_, r) => decide(groupProbs.subarray(r * G, (r + 1) * G), ekmanThresholds));
  const ekman = scoreMultiLabel(predicted, gold.map(toEkman), G);
  return { ...base, macroF1Ekman: ekman.macroF1, ekman };
}

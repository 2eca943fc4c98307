/** Per-label counts and F1 for multi-label predictions. */
export interface LabelScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface MultiLabelScores {
  perLabel: LabelScore[];
  /** Unweighted mean of per-label F1. */
  macroF1: number;
  /** F1 of the pooled counts over all labels. */
  microF1: number;
}

function f1Of(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Scores predicted label sets against gold label sets over `labelCount` labels. */
export function scoreMultiLabel(
  predicted: readonly ReadonlySet<number>[],
  gold: readonly ReadonlySet<number>[],
  labelCount: number,
): MultiLabelScores {
  const tp = new Array<number>(labelCount).fill(0);
  const fp = new Array<number>(labelCount).fill(0);
  const fn = new Array<number>(labelCount).fill(0);
  for (let r = 0; r < gold.length; r++) {
    const p = predicted[r] ?? new Set<number>();
    const g = gold[r]!;
    for (const k of p) {
      if (g.has(k)) tp[k]!++;
      else fp[k]!++;
    }
    for (const k of g) if (!p.has(k)) fn[k]!++;
  }
  const perLabel = tp.map((t, k) => ({
    tp: t,
    fp: fp[k]!,
    fn: fn[k]!,
    support: t + fn[k]!,
    ...f1Of(t, fp[k]!, fn[k]!),
  }));
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  return {
    perLabel,
    macroF1: sum(perLabel.map((s) => s.f1)) / labelCount,
    microF1: f1Of(sum(tp), sum(fp), sum(fn)).f1,
  };
}

/**
 * Turns probabilities into a label set: every label at or above its threshold; when none is, the label whose
 * probability is highest relative to its threshold (every GoEmotions row has at least one label, neutral
 * included, so an empty prediction is always wrong).
 */
export function decide(
  probs: ArrayLike<number>,
  thresholds: ArrayLike<number>,
  fallbackTop = true,
): Set<number> {
  const out = new Set<number>();
  let best = -1;
  let bestRatio = -Infinity;
  for (let k = 0; k < probs.length; k++) {
    const ratio = probs[k]! / Math.max(thresholds[k]!, 1e-6);
    if (probs[k]! >= thresholds[k]!) out.add(k);
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = k;
    }
  }
  if (out.size === 0 && fallbackTop && best >= 0) out.add(best);
  return out;
}

/**
 * For each label independently, the threshold in [0.02, 0.95] (step 0.01) that maximises that label's F1 on the
 * given (development) rows. `probs` is rows × labels, row-major.
 */
export function tuneThresholds(
  probs: Float32Array,
  gold: readonly ReadonlySet<number>[],
  labelCount: number,
): Float32Array {
  const thresholds = new Float32Array(labelCount).fill(0.5);
  const rows = gold.length;
  for (let k = 0; k < labelCount; k++) {
    let bestF1 = -1;
    for (let step = 2; step <= 95; step++) {
      const t = step / 100;
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (let r = 0; r < rows; r++) {
        const on = probs[r * labelCount + k]! >= t;
        const truth = gold[r]!.has(k);
        if (on && truth) tp++;
        else if (on) fp++;
        else if (truth) fn++;
      }
      const { f1 } = f1Of(tp, fp, fn);
      if (f1 > bestF1 + 1e-9) {
        bestF1 = f1;
        thresholds[k] = t;
      }
    }
  }
  return thresholds;
}

/**
 * Platt scaling of one label: fits calibrated p = σ(a · logit(p) + b) to 0/1 outcomes by damped Newton steps on
 * the log-loss (two parameters, a few iterations). Returns [1, 0] (identity) when it cannot fit.
 */
export function fitPlatt(probs: ArrayLike<number>, outcomes: ArrayLike<number>): [number, number] {
  const n = probs.length;
  const s = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(probs[i]!, 1e-6), 1 - 1e-6);
    s[i] = Math.log(p / (1 - p));
    positives += outcomes[i] ? 1 : 0;
  }
  // Platt's smoothed targets keep the fit finite when a score range is all-negative (or all-positive).
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const target = (i: number) => (outcomes[i] ? hi : lo);
  const logLoss = (a: number, b: number) => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const z = a * s[i]! + b;
      const t = target(i);
      // log(1 + e^z) − t·z, computed stably.
      loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return loss;
  };
  let a = 1;
  let b = 0;
  let current = logLoss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const z = a * s[i]! + b;
      const q = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const d = q - target(i);
      const w = q * (1 - q);
      ga += d * s[i]!;
      gb += d;
      haa += w * s[i]! * s[i]!;
      hab += w * s[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Damped Newton: halve the step until the loss does not increase.
    let step = 1;
    let next = logLoss(a - da, b - db);
    while (next > current + 1e-12 && step > 1e-6) {
      step /= 2;
      next = logLoss(a - step * da, b - step * db);
    }
    if (step <= 1e-6) break;
    a -= step * da;
    b -= step * db;
    const improved = current - next;
    current = next;
    if (improved < 1e-10) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : [1, 0];
}

/** Applies Platt parameters to a probability. */
export function calibrate(p: number, [a, b]: readonly [number, number]): number {
  const pc = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  const z = a * Math.log(pc / (1 - pc)) + b;
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

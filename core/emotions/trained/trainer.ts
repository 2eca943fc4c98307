import { gaussian, seededRandom } from '../../util/random.js';
import {
  hiddenLayer,
  outputLayer,
  paramSizes,
  PARAM_NAMES,
  sigmoid,
  zeroParams,
  type ModelParams,
  type ModelShape,
} from './model.js';

/** A training set: row-major embeddings, per-row bag-of-words ids, row-major 0/1 targets. */
export interface TrainingSet {
  rows: number;
  x: Float32Array;
  tokens: readonly (readonly number[])[];
  /** rows × labels, 1 where the label is present. */
  y: Uint8Array;
}

export interface TrainOptions {
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Decoupled (AdamW) weight decay per step, applied to weights (not biases). */
  weightDecay: number;
  /** Probability of zeroing a hidden unit during training. */
  dropout: number;
  /** Multiplier on the loss of positive targets, per label (class weighting for rare labels). */
  positiveWeight: Float32Array;
  seed: number;
  /**
   * Called after every epoch; returns a score (higher is better) used to keep the best epoch's weights,
   * e.g. dev macro-F1. Without it the last epoch is kept.
   */
  onEpoch?: (epoch: number, params: ModelParams, meanLoss: number) => number;
}

/** He-initialised hidden layer, small output layer, output biases at the labels' prior log-odds. */
export function initParams(
  shape: ModelShape,
  y: Uint8Array,
  rows: number,
  random: () => number,
): ModelParams {
  const p = zeroParams(shape);
  const s1 = Math.sqrt(2 / shape.inputDims);
  for (let i = 0; i < p.w1.length; i++) p.w1[i] = gaussian(random) * s1;
  const s2 = Math.sqrt(1 / shape.hidden);
  for (let i = 0; i < p.w2.length; i++) p.w2[i] = gaussian(random) * s2 * 0.5;
  for (let k = 0; k < shape.labels; k++) {
    let positives = 0;
    for (let r = 0; r < rows; r++) positives += y[r * shape.labels + k]!;
    const prior = (positives + 1) / (rows + 2);
    p.b2[k] = Math.log(prior / (1 - prior));
  }
  return p;
}

/**
 * Adam(W) on the class-weighted binary cross-entropy,
 *   loss = −Σ_k [ w_k · y_k · log σ(z_k) + (1 − y_k) · log(1 − σ(z_k)) ],
 * whose gradient w.r.t. the logit is σ(z)(w·y + 1 − y) − w·y. The bag-of-words rows are updated lazily (only
 * rows seen in the batch), as sparse embeddings usually are.
 */
export class AdamTrainer {
  private readonly m: ModelParams;
  private readonly v: ModelParams;
  private step = 0;

  constructor(
    readonly shape: ModelShape,
    readonly params: ModelParams,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.m = zeroParams(shape);
    this.v = zeroParams(shape);
  }

  /**
   * One optimisation step on the given rows; returns the mean loss. `grads` is scratch space (zeroed here).
   */
  trainBatch(
    data: TrainingSet,
    batch: readonly number[],
    options: Pick<TrainOptions, 'learningRate' | 'weightDecay' | 'dropout' | 'positiveWeight'>,
    grads: ModelParams,
    random: () => number,
  ): number {
    const { inputDims, hidden, labels } = this.shape;
    for (const name of PARAM_NAMES) grads[name].fill(0);
    const pre = new Float32Array(hidden);
    const h = new Float32Array(hidden);
    const z = new Float32Array(labels);
    const dz = new Float32Array(labels);
    const dh = new Float32Array(hidden);
    const touched = new Set<number>();
    const keep = 1 - options.dropout;
    let loss = 0;
    // Locals rather than property reads inside the hot loops: V8 does not always hoist them.
    const { w2 } = this.params;
    const gW1 = grads.w1;
    const gB1 = grads.b1;
    const gW2 = grads.w2;
    const gB2 = grads.b2;
    const gBow = grads.bow;
    const x = data.x;
    const active = new Int32Array(hidden);
    for (const r of batch) {
      hiddenLayer(this.shape, this.params, x, r * inputDims, pre);
      let nActive = 0;
      for (let j = 0; j < hidden; j++) {
        const on = pre[j]! > 0 && (options.dropout === 0 || random() < keep);
        h[j] = on ? pre[j]! / keep : 0;
        if (on) active[nActive++] = j;
      }
      const tokens = data.tokens[r]!;
      outputLayer(this.shape, this.params, h, tokens, z);
      for (let k = 0; k < labels; k++) {
        const target = data.y[r * labels + k]!;
        const w = options.positiveWeight[k]!;
        const p = sigmoid(z[k]!);
        const pc = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
        loss -= target ? w * Math.log(pc) : Math.log(1 - pc);
        dz[k] = target ? p * w - w : p;
      }
      // Output layer gradients; dh only for active units (h = relu(pre)·mask/keep, so dh/dpre = 1/keep there).
      for (let k = 0; k < labels; k++) gB2[k]! += dz[k]!;
      for (let a = 0; a < nActive; a++) {
        const j = active[a]!;
        const hj = h[j]!;
        const row = j * labels;
        let s = 0;
        for (let k = 0; k < labels; k++) {
          const g = dz[k]!;
          gW2[row + k]! += hj * g;
          s += w2[row + k]! * g;
        }
        dh[j] = s / keep;
      }
      for (const t of tokens) {
        touched.add(t);
        const row = t * labels;
        for (let k = 0; k < labels; k++) gBow[row + k]! += dz[k]!;
      }
      // Hidden layer gradients, over active units only.
      for (let a = 0; a < nActive; a++) gB1[active[a]!]! += dh[active[a]!]!;
      const base = r * inputDims;
      for (let i = 0; i < inputDims; i++) {
        const xi = x[base + i]!;
        if (xi === 0) continue;
        const row = i * hidden;
        for (let a = 0; a < nActive; a++) {
          const j = active[a]!;
          gW1[row + j]! += xi * dh[j]!;
        }
      }
    }
    const scale = 1 / batch.length;
    this.step++;
    const lr = options.learningRate;
    const decay = options.weightDecay;
    this.update('w1', grads.w1, scale, lr, decay);
    this.update('b1', grads.b1, scale, lr, 0);
    this.update('w2', grads.w2, scale, lr, decay);
    this.update('b2', grads.b2, scale, lr, 0);
    for (const t of touched) this.update('bow', grads.bow, scale, lr, decay, t * labels, (t + 1) * labels);
    return loss * scale;
  }

  private update(
    name: keyof ModelParams,
    grad: Float32Array,
    scale: number,
    lr: number,
    decay: number,
    from = 0,
    to = grad.length,
  ): void {
    const p = this.params[name];
    const m = this.m[name];
    const v = this.v[name];
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 - beta1 ** this.step;
    const c2 = 1 - beta2 ** this.step;
    for (let i = from; i < to; i++) {
      const g = grad[i]! * scale;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const mHat = m[i]! / c1;
      const vHat = v[i]! / c2;
      p[i] = p[i]! - lr * (mHat / (Math.sqrt(vHat) + epsilon) + decay * p[i]!);
    }
  }
}

function cloneParams(p: ModelParams): ModelParams {
  return { w1: p.w1.slice(), b1: p.b1.slice(), w2: p.w2.slice(), b2: p.b2.slice(), bow: p.bow.slice() };
}

/** Trains for `epochs` epochs over shuffled mini-batches; returns the best epoch's parameters and its score. */
export function train(
  shape: ModelShape,
  data: TrainingSet,
  options: TrainOptions,
): { params: ModelParams; bestEpoch: number; bestScore: number } {
  const random = seededRandom(options.seed);
  const params = initParams(shape, data.y, data.rows, random);
  const trainer = new AdamTrainer(shape, params);
  const grads = zeroParams(shape);
  const order = Array.from({ length: data.rows }, (_, i) => i);
  let best = { params: cloneParams(params), bestEpoch: 0, bestScore: Number.NEGATIVE_INFINITY };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += options.batchSize) {
      loss += trainer.trainBatch(data, order.slice(start, start + options.batchSize), options, grads, random);
      batches++;
    }
    const score = options.onEpoch ? options.onEpoch(epoch, params, loss / batches) : epoch;
    if (score > best.bestScore) best = { params: cloneParams(params), bestEpoch: epoch, bestScore: score };
  }
  return best;
}

export { paramSizes };

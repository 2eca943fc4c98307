import { describe, expect, it } from 'vitest';
import {
  PARAM_NAMES,
  hiddenLayer,
  predict,
  predictRows,
  zeroParams,
  type ModelParams,
  type ModelShape,
} from '../../../../../core/emotions/trained/model.js';
import { AdamTrainer, train, type TrainingSet } from '../../../../../core/emotions/trained/trainer.js';
import { seededRandom } from '../../../../../core/util/random.js';

const shape: ModelShape = { inputDims: 4, hidden: 5, labels: 3, vocabSize: 6 };

function randomParams(seed: number): ModelParams {
  const random = seededRandom(seed);
  const p = zeroParams(shape);
  for (const name of PARAM_NAMES) for (let i = 0; i < p[name].length; i++) p[name][i] = random() - 0.5;
  return p;
}

/** The weighted BCE of one row, computed from `predict` (independent of the trainer's backward pass). */
function rowLoss(params: ModelParams, x: Float32Array, tokens: number[], y: number[], w: number[]): number {
  const p = predict(shape, params, x, tokens);
  let loss = 0;
  for (let k = 0; k < shape.labels; k++) loss -= y[k] ? w[k]! * Math.log(p[k]!) : Math.log(1 - p[k]!);
  return loss;
}

describe('AdamTrainer gradients', () => {
  it('match finite differences of the weighted BCE (no dropout)', () => {
    const params = randomParams(1);
    const x = Float32Array.from([0.5, -0.3, 0.8, 0.1]);
    // Keep every hidden pre-activation away from the ReLU kink, where finite differences are meaningless.
    const pre = hiddenLayer(shape, params, x, 0, new Float32Array(shape.hidden));
    pre.forEach((v, j) => {
      if (Math.abs(v) < 0.05) params.b1[j] = params.b1[j]! + (v >= 0 ? 0.1 : -0.1);
    });
    const tokens = [1, 4];
    const y = [1, 0, 1];
    const w = [2, 1, 3];
    const data: TrainingSet = { rows: 1, x, tokens: [tokens], y: Uint8Array.from(y) };
    const grads = zeroParams(shape);
    // A zero learning rate leaves the parameters where they are; grads holds the summed gradient.
    new AdamTrainer(shape, params).trainBatch(
      data,
      [0],
      { learningRate: 0, weightDecay: 0, dropout: 0, positiveWeight: Float32Array.from(w) },
      grads,
      seededRandom(1),
    );
    const eps = 1e-3;
    for (const name of ['w1', 'b1', 'w2', 'b2', 'bow'] as const) {
      for (let i = 0; i < params[name].length; i++) {
        const original = params[name][i]!;
        params[name][i] = original + eps;
        const up = rowLoss(params, x, tokens, y, w);
        params[name][i] = original - eps;
        const down = rowLoss(params, x, tokens, y, w);
        params[name][i] = original;
        expect(grads[name][i]).toBeCloseTo((up - down) / (2 * eps), 2);
      }
    }
  });
});

describe('train', () => {
  it('learns a small multi-label problem from embeddings and words', () => {
    // Label 0 ⇔ x0 > 0; label 1 ⇔ word 2 present; label 2 ⇔ x1 > 0 and x2 > 0 (needs the hidden layer).
    const random = seededRandom(9);
    const rows = 600;
    const x = new Float32Array(rows * 4);
    const y = new Uint8Array(rows * 3);
    const tokens: number[][] = [];
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < 4; i++) x[r * 4 + i] = random() * 2 - 1;
      const words = [Math.floor(random() * 6), Math.floor(random() * 6)];
      tokens.push([...new Set(words)]);
      y[r * 3] = x[r * 4]! > 0 ? 1 : 0;
      y[r * 3 + 1] = words.includes(2) ? 1 : 0;
      y[r * 3 + 2] = x[r * 4 + 1]! > 0 && x[r * 4 + 2]! > 0 ? 1 : 0;
    }
    const data: TrainingSet = { rows, x, y, tokens };
    const losses: number[] = [];
    const result = train({ ...shape, hidden: 16 }, data, {
      hidden: 16,
      epochs: 60,
      batchSize: 32,
      learningRate: 0.01,
      weightDecay: 0,
      dropout: 0,
      positiveWeight: Float32Array.from([1, 1, 1]),
      seed: 2,
      onEpoch: (_, __, loss) => {
        losses.push(loss);
        return -loss;
      },
    });
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 3);
    const probs = predictRows({ ...shape, hidden: 16 }, result.params, x, tokens);
    let correct = 0;
    for (let i = 0; i < probs.length; i++) if ((probs[i]! >= 0.5 ? 1 : 0) === y[i]) correct++;
    expect(correct / probs.length).toBeGreaterThan(0.93);
  });

  it('is reproducible for a seed', () => {
    const data: TrainingSet = {
      rows: 20,
      x: Float32Array.from({ length: 80 }, (_, i) => Math.sin(i)),
      y: Uint8Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? 1 : 0)),
      tokens: Array.from({ length: 20 }, (_, i) => [i % 6]),
    };
    const options = {
      hidden: 5,
      epochs: 3,
      batchSize: 8,
      learningRate: 0.01,
      weightDecay: 1e-4,
      dropout: 0.3,
      positiveWeight: Float32Array.from([2, 2, 2]),
      seed: 5,
    };
    expect(train(shape, data, options).params.w1).toEqual(train(shape, data, options).params.w1);
  });
});

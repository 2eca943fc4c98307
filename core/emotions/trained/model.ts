/**
 * The classifier: a one-hidden-layer MLP on the sentence embedding plus a linear bag-of-words term,
 *   logits = W2ᵀ relu(W1ᵀ x + b1) + b2 + Σ_{t ∈ words(text)} B[t]
 * with independent sigmoid outputs (multi-label). Plain Float32Array code: inference is ~150k multiply-adds,
 * far below the cost of the embedding.
 */
export interface ModelShape {
  inputDims: number;
  hidden: number;
  labels: number;
  vocabSize: number;
}

export interface ModelParams {
  /** inputDims × hidden, row-major (row = input). */
  w1: Float32Array;
  b1: Float32Array;
  /** hidden × labels, row-major. */
  w2: Float32Array;
  b2: Float32Array;
  /** vocabSize × labels, row-major. */
  bow: Float32Array;
}

export const PARAM_NAMES = ['w1', 'b1', 'w2', 'b2', 'bow'] as const;

export function paramSizes(shape: ModelShape): Record<keyof ModelParams, number> {
  return {
    w1: shape.inputDims * shape.hidden,
    b1: shape.hidden,
    w2: shape.hidden * shape.labels,
    b2: shape.labels,
    bow: shape.vocabSize * shape.labels,
  };
}

export function zeroParams(shape: ModelShape): ModelParams {
  const sizes = paramSizes(shape);
  return {
    w1: new Float32Array(sizes.w1),
    b1: new Float32Array(sizes.b1),
    w2: new Float32Array(sizes.w2),
    b2: new Float32Array(sizes.b2),
    bow: new Float32Array(sizes.bow),
  };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Hidden pre-activations for one input. `x` may be a view into a larger matrix (offset `xOffset`).
 */
export function hiddenLayer(
  shape: ModelShape,
  params: ModelParams,
  x: Float32Array,
  xOffset: number,
  out: Float32Array,
): Float32Array {
  const { inputDims, hidden } = shape;
  out.set(params.b1);
  const w1 = params.w1;
  for (let i = 0; i < inputDims; i++) {
    const xi = x[xOffset + i]!;
    if (xi === 0) continue;
    const row = i * hidden;
    for (let j = 0; j < hidden; j++) out[j]! += xi * w1[row + j]!;
  }
  return out;
}

/** Logits from (post-activation, post-dropout) hidden units and the bag-of-words ids. */
export function outputLayer(
  shape: ModelShape,
  params: ModelParams,
  h: Float32Array,
  tokens: ArrayLike<number>,
  out: Float32Array,
): Float32Array {
  const { hidden, labels } = shape;
  out.set(params.b2);
  const w2 = params.w2;
  for (let j = 0; j < hidden; j++) {
    const hj = h[j]!;
    if (hj === 0) continue;
    const row = j * labels;
    for (let k = 0; k < labels; k++) out[k]! += hj * w2[row + k]!;
  }
  const bow = params.bow;
  for (let t = 0; t < tokens.length; t++) {
    const row = tokens[t]! * labels;
    for (let k = 0; k < labels; k++) out[k]! += bow[row + k]!;
  }
  return out;
}

/** Probabilities (sigmoid of the logits) for one input. */
export function predict(
  shape: ModelShape,
  params: ModelParams,
  x: Float32Array,
  tokens: ArrayLike<number>,
  xOffset = 0,
): Float32Array {
  const h = hiddenLayer(shape, params, x, xOffset, new Float32Array(shape.hidden));
  for (let j = 0; j < h.length; j++) if (h[j]! < 0) h[j] = 0;
  const z = outputLayer(shape, params, h, tokens, new Float32Array(shape.labels));
  for (let k = 0; k < z.length; k++) z[k] = sigmoid(z[k]!);
  return z;
}

/** Mean probabilities of an ensemble (members share the shape). */
export function predictEnsemble(
  shape: ModelShape,
  members: readonly ModelParams[],
  x: Float32Array,
  tokens: ArrayLike<number>,
  xOffset = 0,
): Float32Array {
  const out = new Float32Array(shape.labels);
  for (const params of members) {
    const p = predict(shape, params, x, tokens, xOffset);
    for (let k = 0; k < out.length; k++) out[k]! += p[k]! / members.length;
  }
  return out;
}

/** Probabilities for every row of a row-major embedding matrix; returns rows × labels, row-major. */
export function predictRows(
  shape: ModelShape,
  params: ModelParams | readonly ModelParams[],
  x: Float32Array,
  tokens: readonly (readonly number[])[],
): Float32Array {
  const members = Array.isArray(params) ? (params as readonly ModelParams[]) : [params as ModelParams];
  const rows = tokens.length;
  const out = new Float32Array(rows * shape.labels);
  for (let r = 0; r < rows; r++)
    out.set(predictEnsemble(shape, members, x, tokens[r]!, r * shape.inputDims), r * shape.labels);
  return out;
}

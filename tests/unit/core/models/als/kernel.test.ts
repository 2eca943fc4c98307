import { describe, expect, it } from 'vitest';
import {
  GRAM_BLOCK_ROWS,
  balancedRanges,
  cholBufferLength,
  choleskyFactor,
  choleskySolve,
  confidenceMinusOne,
  gramBlock,
  gramBlockCount,
  reduceGram,
  rowScratch,
  solveRows,
  whitenRows,
  type ConfidenceMode,
} from '../../../../../core/models/als/kernel.js';
import { randomFactors } from './helpers.js';

/** Dense closed form of one ALS row: (YᵀY + λI + Yᵀ(C−I)Y) x = YᵀC p. */
function closedForm(
  Y: Float32Array,
  f: number,
  items: number[],
  confMinusOne: number[],
  reg: number,
): Float64Array {
  const nItems = Y.length / f;
  const a = new Float64Array(f * f);
  const b = new Float64Array(f);
  for (let i = 0; i < nItems; i++) {
    for (let p = 0; p < f; p++) for (let q = 0; q < f; q++) a[p * f + q]! += Y[i * f + p]! * Y[i * f + q]!;
  }
  for (let d = 0; d < f; d++) a[d * f + d]! += reg;
  items.forEach((i, n) => {
    const c = confMinusOne[n]!;
    for (let p = 0; p < f; p++) {
      b[p]! += (1 + c) * Y[i * f + p]!;
      for (let q = 0; q < f; q++) a[p * f + q]! += c * Y[i * f + p]! * Y[i * f + q]!;
    }
  });
  return choleskySolve(a, b, f);
}

/** Runs the trainer's row update (Gram → Cholesky → whitening → CG) for one row. */
function cgRow(
  Y: Float32Array,
  f: number,
  items: number[],
  confMinusOne: number[],
  reg: number,
  steps: number,
  start?: Float32Array,
) {
  const nItems = Y.length / f;
  const count = gramBlockCount(nItems);
  const blocks = new Float64Array(count * f * f);
  for (let b = 0; b < count; b++) gramBlock(Y, f, nItems, b, blocks);
  const gram = new Float64Array(f * f);
  reduceGram(blocks, count, f, reg, gram);
  const chol = new Float64Array(cholBufferLength(f));
  choleskyFactor(gram, f, chol);
  const whitened = new Float32Array(Y.length);
  whitenRows(chol, Y, whitened, f, 0, nItems);
  const order = items.map((_, k) => k).sort((p, q) => items[p]! - items[q]!);
  const target = start ? Float32Array.from(start) : new Float32Array(f);
  solveRows(
    Int32Array.from([0, items.length]),
    Int32Array.from(order, (k) => items[k]!),
    Float32Array.from(order, (k) => confMinusOne[k]!),
    target,
    whitened,
    chol,
    f,
    steps,
    0,
    1,
    rowScratch(f),
  );
  return target;
}

describe('ALS kernel', () => {
  it.each([
    { f: 2, nItems: 5, items: [0, 3], reg: 0.1 },
    { f: 3, nItems: 6, items: [1, 2, 5], reg: 1 },
    { f: 5, nItems: 9, items: [0, 4, 6, 8], reg: 0.01 },
    { f: 8, nItems: 20, items: [3, 7, 11, 12, 19], reg: 0.5 },
    // More than DIRECT_MAX_NNZ non-zeros: the warm-started CG path (shorter rows are solved directly).
    { f: 4, nItems: 40, items: Array.from({ length: 20 }, (_, k) => 2 * k), reg: 0.3 },
    { f: 6, nItems: 60, items: Array.from({ length: 30 }, (_, k) => 2 * k + 1), reg: 2 },
  ])(
    'the row update matches the closed-form solve (f=$f, $items.length non-zeros)',
    ({ f, nItems, items, reg }) => {
      const Y = randomFactors(nItems * f, f);
      const conf = items.map((_, k) => 2 + 3 * k);
      const exact = closedForm(Y, f, items, conf, reg);
      const cg = cgRow(Y, f, items, conf, reg, f + 1, randomFactors(f, 99));
      for (let d = 0; d < f; d++) expect(cg[d]).toBeCloseTo(exact[d]!, 4);
    },
  );

  it('a CG warm start at the solution stays there', () => {
    const f = 4;
    const Y = randomFactors(30 * f, 7);
    const items = Array.from({ length: 20 }, (_, k) => k + 5);
    const conf = items.map((i) => 1 + (i % 7));
    const exact = closedForm(Y, f, items, conf, 0.2);
    const cg = cgRow(Y, f, items, conf, 0.2, 1, Float32Array.from(exact));
    for (let d = 0; d < f; d++) expect(cg[d]).toBeCloseTo(exact[d]!, 5);
  });

  it('a row without interactions is solved as zero', () => {
    const f = 3;
    const target = Float32Array.from([1, 2, 3]);
    const chol = new Float64Array(cholBufferLength(f));
    choleskyFactor(Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]), f, chol);
    solveRows(
      Int32Array.from([0, 0]),
      new Int32Array(),
      new Float32Array(),
      target,
      new Float32Array(f),
      chol,
      f,
      3,
      0,
      1,
      rowScratch(f),
    );
    expect([...target]).toEqual([0, 0, 0]);
  });

  it('sums Gram blocks into YᵀY + λI across several blocks (odd f)', () => {
    const f = 3;
    const n = GRAM_BLOCK_ROWS * 2 + 17;
    const Y = randomFactors(n * f, 3);
    const count = gramBlockCount(n);
    expect(count).toBe(3);
    const blocks = new Float64Array(count * f * f);
    for (let b = 0; b < count; b++) gramBlock(Y, f, n, b, blocks);
    const gram = new Float64Array(f * f);
    reduceGram(blocks, count, f, 0.5, gram);
    for (let p = 0; p < f; p++) {
      for (let q = 0; q < f; q++) {
        let expected = p === q ? 0.5 : 0;
        for (let r = 0; r < n; r++) expected += Y[r * f + p]! * Y[r * f + q]!;
        expect(gram[p * f + q]).toBeCloseTo(expected, 6);
      }
    }
  });

  it('solves a hand-checked 2×2 system by Cholesky', () => {
    // [[4, 2], [2, 3]] x = [2, 1] → x = [0.5, 0]
    const x = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0, 12);
  });

  it.each<[ConfidenceMode, number, number, number, number]>([
    ['linear', 40, 2, 1, 80],
    ['log', 2, 1, 1, 2 * Math.log(2)],
    ['log', 1, 0.5, 0.25, Math.log(3)],
  ])('confidence %s (α=%d, r=%d, ε=%d) gives c−1 = %f', (mode, alpha, r, epsilon, expected) => {
    expect(confidenceMinusOne(Float32Array.from([r]), mode, alpha, epsilon)[0]).toBeCloseTo(expected, 5);
  });

  it('splits rows into contiguous ranges that cover every row once', () => {
    const indptr = Int32Array.from([0, 5, 5, 50, 52, 60, 61, 100]);
    const ranges = balancedRanges(indptr, 8, 3, 3);
    expect(ranges[0]![0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(7);
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]![0]).toBe(ranges[k - 1]![1]);
  });
});

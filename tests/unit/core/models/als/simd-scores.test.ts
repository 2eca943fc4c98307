import { describe, expect, it } from 'vitest';
import { createSimdScorer } from '../../../../../core/util/simd-scores.js';
import { AlsModel } from '../../../../../core/models/als/model.js';
import { randomFactors } from './helpers.js';

/** Model params for hand-built test models: only the factor count matters to scoring. */
const paramsFor = (factors: number) =>
  ({
    factors,
    iterations: 1,
    reg: 0.1,
    alpha: 1,
    confidence: 'log',
    epsilon: 1,
    cgSteps: 3,
    seed: 1,
  }) as const;

describe('SIMD scorer', () => {
  it.each([4, 8, 64])('matches scalar dot products (f=%d)', (f) => {
    const n = 37;
    const scorer = createSimdScorer(n, f)!;
    expect(scorer).toBeDefined();
    scorer.rows.set(randomFactors(n * f, f));
    const q = randomFactors(f, 100 + f);
    const scores = scorer.score(q);
    for (let j = 0; j < n; j++) {
      let expected = 0;
      for (let d = 0; d < f; d++) expected += scorer.rows[j * f + d]! * q[d]!;
      expect(scores[j]).toBeCloseTo(expected, 4);
    }
  });

  it.each([
    [3, 10],
    [6, 10],
    [8, 0],
  ])('declines f=%d, n=%d so callers use plain JavaScript', (f, n) => {
    expect(createSimdScorer(n, f)).toBeUndefined();
  });

  it('gives the same neighbours as a brute-force cosine ranking', () => {
    const f = 8;
    const n = 200;
    const itemFactors = randomFactors(n * f, 5);
    const model = new AlsModel({
      kind: 'track',
      params: paramsFor(f),
      userIds: [],
      itemIds: Array.from({ length: n }, (_, i) => `t${i}`),
      itemFactors,
      userFactors: new Float32Array(),
    });
    const norm = (i: number) => Math.hypot(...itemFactors.subarray(i * f, (i + 1) * f));
    const cosine = (a: number, b: number) => {
      let s = 0;
      for (let d = 0; d < f; d++) s += itemFactors[a * f + d]! * itemFactors[b * f + d]!;
      return s / (norm(a) * norm(b));
    };
    for (const query of [0, 17, 199]) {
      const expected = Array.from({ length: n }, (_, j) => j)
        .filter((j) => j !== query)
        .sort((a, b) => cosine(query, b) - cosine(query, a))
        .slice(0, 10);
      const got = model.similarItems(`t${query}`, 10);
      expect(got.map((r) => r.id)).toEqual(expected.map((j) => `t${j}`));
      got.forEach((r, k) => expect(r.score).toBeCloseTo(cosine(query, expected[k]!), 5));
    }
  });
});

describe('recommendForUser with SIMD scoring', () => {
  it('ranks items by dot product, skipping excluded and empty items', () => {
    const f = 4;
    const model = new AlsModel({
      kind: 'track',
      params: paramsFor(f),
      userIds: [],
      itemIds: ['a', 'b', 'c', 'd'],
      itemFactors: Float32Array.from([1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0]),
      userFactors: new Float32Array(),
    });
    const v = Float32Array.from([1, 1, 0, 0]);
    expect(model.recommendForUser(v, 10).map((r) => [r.id, r.score])).toEqual([
      ['d', 6],
      ['b', 2],
      ['a', 1],
    ]);
    expect(model.recommendForUser(v, 2, ['d']).map((r) => r.id)).toEqual(['b', 'a']);
  });
});

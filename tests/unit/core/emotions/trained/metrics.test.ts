import { describe, expect, it } from 'vitest';
import {
  calibrate,
  decide,
  fitPlatt,
  scoreMultiLabel,
  tuneThresholds,
} from '../../../../../core/emotions/trained/metrics.js';
import { evaluatePredictions } from '../../../../../core/emotions/trained/evaluate.js';
import { GOEMOTIONS_LABELS } from '../../../../../core/emotions/trained/labels.js';

describe('scoreMultiLabel', () => {
  it('computes per-label, macro and micro F1 from counts', () => {
    // label 0: tp 1, fp 1, fn 0 → P .5 R 1 F1 .667; label 1: tp 1, fp 0, fn 1 → F1 .667; label 2: no support.
    const gold = [new Set([0]), new Set([1]), new Set([1])];
    const predicted = [new Set([0]), new Set([0, 1]), new Set<number>()];
    const s = scoreMultiLabel(predicted, gold, 3);
    expect(s.perLabel[0]).toMatchObject({ tp: 1, fp: 1, fn: 0, support: 1 });
    expect(s.perLabel[0]!.f1).toBeCloseTo(2 / 3);
    expect(s.perLabel[1]).toMatchObject({ tp: 1, fp: 0, fn: 1, support: 2 });
    expect(s.perLabel[1]!.f1).toBeCloseTo(2 / 3);
    expect(s.perLabel[2]!.f1).toBe(0);
    expect(s.macroF1).toBeCloseTo(4 / 9);
    // pooled tp 2, fp 1, fn 1 → F1 2/3
    expect(s.microF1).toBeCloseTo(2 / 3);
  });
});

describe('decide', () => {
  it('applies each label its own threshold', () => {
    expect([...decide([0.3, 0.4, 0.05], [0.2, 0.5, 0.5])]).toEqual([0]);
    expect([...decide([0.3, 0.6, 0.05], [0.2, 0.5, 0.5])].sort()).toEqual([0, 1]);
  });

  it('falls back to the label closest to its threshold when none fires, unless told not to', () => {
    expect([...decide([0.1, 0.3, 0.05], [0.5, 0.5, 0.06])]).toEqual([2]);
    expect(decide([0.1, 0.3, 0.05], [0.5, 0.5, 0.06], false).size).toBe(0);
  });
});

describe('tuneThresholds', () => {
  it('finds, per label, a threshold that separates positives from negatives', () => {
    // label 0 positives score ≥ 0.6, negatives ≤ 0.4; label 1 positives ≥ 0.15, negatives ≤ 0.1.
    const rows = [
      [0.7, 0.2, true, true],
      [0.6, 0.15, true, true],
      [0.4, 0.1, false, false],
      [0.1, 0.05, false, false],
      [0.35, 0.3, false, true],
    ] as const;
    const probs = Float32Array.from(rows.flatMap((r) => [r[0], r[1]]));
    const gold = rows.map((r) => new Set([...(r[2] ? [0] : []), ...(r[3] ? [1] : [])]));
    const t = tuneThresholds(probs, gold, 2);
    expect(t[0]).toBeGreaterThan(0.4);
    expect(t[0]).toBeLessThanOrEqual(0.6);
    expect(t[1]).toBeGreaterThan(0.1);
    expect(t[1]).toBeLessThanOrEqual(0.15);
  });
});

describe('Platt calibration', () => {
  it('turns over-confident scores into frequencies', () => {
    // Raw score 0.9 is right half of the time, raw 0.1 never: calibrated values should follow.
    const probs = [...Array<number>(50).fill(0.9), ...Array<number>(50).fill(0.1)];
    const outcomes = [...Array.from({ length: 50 }, (_, i) => i % 2), ...Array<number>(50).fill(0)];
    const ab = fitPlatt(probs, outcomes);
    expect(calibrate(0.9, ab)).toBeCloseTo(0.5, 1);
    expect(calibrate(0.1, ab)).toBeLessThan(0.05);
    expect(calibrate(0.5, [1, 0])).toBeCloseTo(0.5);
  });
});

describe('evaluatePredictions', () => {
  it('scores Ekman groups on the union of mapped labels', () => {
    const id = (l: (typeof GOEMOTIONS_LABELS)[number]) => GOEMOTIONS_LABELS.indexOf(l);
    // Predicting annoyance for anger is wrong on 28 labels but right on Ekman (both → anger).
    const e = evaluatePredictions([new Set([id('annoyance')])], [new Set([id('anger')])]);
    expect(e.macroF1).toBe(0);
    expect(e.ekman.perLabel[0]!.f1).toBe(1);
  });
});

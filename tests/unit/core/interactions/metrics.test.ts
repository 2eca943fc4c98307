import { describe, expect, it } from 'vitest';
import {
  RankingAccumulator,
  coldItemMask,
  hitAt,
  ndcgAt,
  rankOf,
} from '../../../../core/interactions/metrics.js';

describe('ranking metrics', () => {
  it.each([
    [0, 1, 1],
    [1, 1, 1 / Math.log2(3)],
    [3, 1, 0.430677],
    [9, 1, 1 / Math.log2(11)],
    [10, 0, 0],
    [250, 0, 0],
  ])('rank %d → HR@10 %d, NDCG@10 %f', (rank, hit, ndcg) => {
    expect(hitAt(rank, 10)).toBe(hit);
    expect(ndcgAt(rank, 10)).toBeCloseTo(ndcg, 5);
  });

  it('ranks among non-excluded candidates and breaks ties by index', () => {
    const scores = [0.9, 0.5, 0.7, 0.5, 0.1, 0.95];
    const none = new Uint8Array(6);
    expect(rankOf(scores, 3, none)).toBe(4); // 0.9, 0.7, 0.95 above; tie with item 1 (lower index)
    expect(rankOf(scores, 1, none)).toBe(3);
    const excluded = Uint8Array.from([1, 0, 0, 0, 0, 1]);
    expect(rankOf(scores, 3, excluded)).toBe(2);
    expect(rankOf([1, 1, 1], 2, new Uint8Array(3))).toBe(2);
  });

  it('summarises hand-computed HR@10 and NDCG@10 overall and by cold/warm', () => {
    const acc = new RankingAccumulator();
    acc.add(0, false); // hit, gain 1
    acc.add(1, true); // hit, gain 1/log2(3) = 0.63093
    acc.add(12, true); // miss
    acc.add(3, false); // hit, gain 1/log2(5) = 0.43068
    const s = acc.summary();
    expect(s['HR@10']).toBeCloseTo(75, 6);
    expect(s['NDCG@10']).toBeCloseTo((100 * (1 + 0.6309298 + 0.4306766)) / 4, 4);
    expect(s['HR@10-cold']).toBeCloseTo(50, 6);
    expect(s['HR@10-warm']).toBeCloseTo(100, 6);
    expect(s['NDCG@10-cold']).toBeCloseTo(31.54649, 4);
    expect([s.users, s.coldUsers, s.warmUsers]).toEqual([4, 2, 2]);
  });

  it('marks the bottom 80% of items by degree as cold', () => {
    const cold = coldItemMask([5, 1, 9, 0, 3, 3, 2, 8, 1, 4]);
    expect([...cold]).toEqual([1, 1, 0, 1, 1, 1, 1, 0, 1, 1]);
  });
});

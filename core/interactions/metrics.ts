/**
 * Ranking metrics for leave-one-out evaluation with a single relevant item (so IDCG = 1).
 * Ranks are 0-based: rank 0 is the top of the list.
 */

/**
 * Rank of `target` among the candidates: items not excluded (and the target itself). Ties are broken by item
 * index, as a stable sort by descending score would, so constant scorers cannot claim every tie as a hit.
 */
export function rankOf(scores: ArrayLike<number>, target: number, excluded: Uint8Array): number {
  const s = scores[target]!;
  let rank = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j === target || excluded[j]) continue;
    const v = scores[j]!;
    if (v > s || (v === s && j < target)) rank++;
  }
  return rank;
}

export function hitAt(rank: number, k: number): number {
  return rank < k ? 1 : 0;
}

/** 1/log2(rank + 2) inside the top k, else 0. */
export function ndcgAt(rank: number, k: number): number {
  return rank < k ? 1 / Math.log2(rank + 2) : 0;
}

/**
 * Cold-item mask: items sorted by training degree (descending, ties by index); the top `warmFraction` are warm,
 * the rest cold (RecSetters: warm_threshold = 0.2).
 */
export function coldItemMask(degrees: ArrayLike<number>, warmFraction = 0.2): Uint8Array {
  const order = Array.from({ length: degrees.length }, (_, i) => i).sort(
    (a, b) => degrees[b]! - degrees[a]! || a - b,
  );
  const warmCount = Math.round(warmFraction * degrees.length);
  const cold = new Uint8Array(degrees.length).fill(1);
  for (let r = 0; r < warmCount; r++) cold[order[r]!] = 0;
  return cold;
}

export interface RankingSummary {
  'HR@10': number;
  'NDCG@10': number;
  'HR@10-cold': number;
  'HR@10-warm': number;
  'NDCG@10-cold': number;
  'NDCG@10-warm': number;
  users: number;
  coldUsers: number;
  warmUsers: number;
}

const K = 10;

/** Accumulates per-user ranks into HR@10 / NDCG@10 (×100), overall and split by cold/warm held-out item. */
export class RankingAccumulator {
  private readonly sums = { hr: 0, ndcg: 0, hrCold: 0, ndcgCold: 0, hrWarm: 0, ndcgWarm: 0, n: 0, cold: 0 };

  add(rank: number, cold: boolean): void {
    const hit = hitAt(rank, K);
    const gain = ndcgAt(rank, K);
    const s = this.sums;
    s.n++;
    s.hr += hit;
    s.ndcg += gain;
    if (cold) {
      s.cold++;
      s.hrCold += hit;
      s.ndcgCold += gain;
    } else {
      s.hrWarm += hit;
      s.ndcgWarm += gain;
    }
  }

  summary(): RankingSummary {
    const s = this.sums;
    const pct = (x: number, n: number) => (n === 0 ? Number.NaN : (100 * x) / n);
    const warm = s.n - s.cold;
    return {
      'HR@10': pct(s.hr, s.n),
      'NDCG@10': pct(s.ndcg, s.n),
      'HR@10-cold': pct(s.hrCold, s.cold),
      'HR@10-warm': pct(s.hrWarm, warm),
      'NDCG@10-cold': pct(s.ndcgCold, s.cold),
      'NDCG@10-warm': pct(s.ndcgWarm, warm),
      users: s.n,
      coldUsers: s.cold,
      warmUsers: warm,
    };
  }
}

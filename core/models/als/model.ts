import { dotAt } from '../../util/dot.js';
import { AppError } from '../../errors.js';
import { choleskySolve, confidenceMinusOne, gramBlock, gramBlockCount, reduceGram } from './kernel.js';
import { createSimdScorer, type SimdScorer } from '../../util/simd-scores.js';
import type { AlsFactors, AlsParams } from './trainer.js';

/** What the item ids denote: HetRec is artist level, other logs are usually track level. */
export type ItemKind = 'track' | 'artist';

/** Training parameters kept with a model (the thread count is not a property of the model). */
export type AlsModelParams = Omit<AlsParams, 'threads'>;

export interface ScoredItem {
  id: string;
  score: number;
}

export interface HistoryEntry {
  itemId: string;
  /** Raw weight on the training scale (play count, 1 for a like); converted with the model's confidence. */
  weight: number;
}

export interface AlsModelData {
  kind: ItemKind;
  params: AlsModelParams;
  userIds: readonly string[];
  itemIds: readonly string[];
  /** Display names aligned with `itemIds` (null where unknown), when the training data had them. */
  itemNames?: readonly (string | null)[] | undefined;
  /** Row-major `userIds.length × params.factors`. */
  userFactors: Float32Array;
  /** Row-major `itemIds.length × params.factors`. */
  itemFactors: Float32Array;
}

/**
 * A trained implicit-ALS model: item neighbours by cosine, fold-in of unseen users, top-k for a user vector.
 * Items that had no training interactions have all-zero factors and are never returned.
 */
export class AlsModel {
  readonly kind: ItemKind;
  readonly params: AlsModelParams;
  readonly factors: number;
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly itemNames: readonly (string | null)[] | undefined;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  private readonly itemIndex: Map<string, number>;
  private userIndex: Map<string, number> | undefined;
  private unit: Float32Array | undefined;
  private unitScorer: SimdScorer | undefined;
  private rawScorer: SimdScorer | null | undefined;
  private empty: Uint8Array | undefined;
  private gram: Float64Array | undefined;

  constructor(data: AlsModelData) {
    const f = data.params.factors;
    if (
      data.itemFactors.length !== data.itemIds.length * f ||
      data.userFactors.length !== data.userIds.length * f
    ) {
      throw new AppError('ALS model factors do not match the id lists and factor count');
    }
    if (data.itemNames && data.itemNames.length !== data.itemIds.length) {
      throw new AppError('ALS model item names do not match the item ids');
    }
    this.kind = data.kind;
    this.params = data.params;
    this.factors = f;
    this.userIds = data.userIds;
    this.itemIds = data.itemIds;
    this.itemNames = data.itemNames;
    this.userFactors = data.userFactors;
    this.itemFactors = data.itemFactors;
    this.itemIndex = new Map(data.itemIds.map((id, i) => [id, i]));
  }

  hasItem(itemId: string): boolean {
    return this.itemIndex.has(itemId);
  }

  itemName(itemId: string): string | undefined {
    const i = this.itemIndex.get(itemId);
    return i === undefined ? undefined : (this.itemNames?.[i] ?? undefined);
  }

  /** The trained factor row of a training user, or undefined for an unknown id. */
  userVector(userId: string): Float32Array | undefined {
    this.userIndex ??= new Map(this.userIds.map((id, u) => [id, u]));
    const u = this.userIndex.get(userId);
    return u === undefined ? undefined : this.userFactors.slice(u * this.factors, (u + 1) * this.factors);
  }

  /**
   * The `k` items most similar to `itemId` by cosine of item factors, best first, never the item itself nor
   * anything in `exclude`. An unknown item, or one without training data, has no neighbours: `[]`.
   */
  similarItems(itemId: string, k: number, exclude?: Iterable<string>): ScoredItem[] {
    const i = this.itemIndex.get(itemId);
    if (i === undefined) return [];
    const unit = this.unitFactors();
    const f = this.factors;
    const q = unit.slice(i * f, (i + 1) * f);
    if (q.every((v) => v === 0)) return [];
    const skip = this.excludedIndices(exclude);
    skip.add(i);
    const scores = this.unitScorer ? this.unitScorer.score(q) : this.scoreRows(unit, q);
    return this.topK(scores, k, skip);
  }

  /**
   * Factors of a user who was not in training, from their history, without retraining: the exact solution of
   * the same weighted least-squares step training uses (`(YᵀY + λI + Yᵀ(C−I)Y) x = YᵀC p`). Unknown items and
   * zero weights are ignored; repeated items are summed. No usable history gives the zero vector.
   */
  foldInUser(history: readonly HistoryEntry[]): Float32Array {
    const f = this.factors;
    const weights = new Map<number, number>();
    for (const { itemId, weight } of history) {
      if (!Number.isFinite(weight) || weight < 0) {
        throw new AppError(`foldInUser: weight for "${itemId}" must be a finite number ≥ 0 (got ${weight})`);
      }
      const i = this.itemIndex.get(itemId);
      if (i === undefined || weight === 0) continue;
      weights.set(i, (weights.get(i) ?? 0) + weight);
    }
    if (weights.size === 0) return new Float32Array(f);
    const items = [...weights.keys()];
    const conf = confidenceMinusOne(
      Float32Array.from(items, (i) => weights.get(i)!),
      this.params.confidence,
      this.params.alpha,
      this.params.epsilon,
    );
    const a = Float64Array.from(this.gramMatrix());
    const b = new Float64Array(f);
    const Y = this.itemFactors;
    items.forEach((item, n) => {
      const c = conf[n]!;
      const o = item * f;
      for (let p = 0; p < f; p++) {
        const yp = Y[o + p]!;
        b[p]! += (c + 1) * yp;
        for (let q = 0; q < f; q++) a[p * f + q]! += c * yp * Y[o + q]!;
      }
    });
    return Float32Array.from(choleskySolve(a, b, f));
  }

  /** The `k` best items for a user vector (from `foldInUser` or `userVector`) by dot product, minus `exclude`. */
  recommendForUser(vector: Float32Array, k: number, exclude?: Iterable<string>): ScoredItem[] {
    if (vector.length !== this.factors) {
      throw new AppError(
        `recommendForUser: vector has ${vector.length} values, the model has ${this.factors} factors`,
      );
    }
    if (vector.every((v) => v === 0)) return [];
    if (this.rawScorer === undefined) {
      // A SIMD copy of the raw factors, made on first use: only processes that recommend for users pay for it.
      this.rawScorer = createSimdScorer(this.itemIds.length, this.factors) ?? null;
      this.rawScorer?.rows.set(this.itemFactors);
    }
    const scores = this.rawScorer ? this.rawScorer.score(vector) : this.scoreRows(this.itemFactors, vector);
    return this.topK(scores, k, this.excludedIndices(exclude));
  }

  private excludedIndices(exclude?: Iterable<string>): Set<number> {
    const skip = new Set<number>();
    for (const id of exclude ?? []) {
      const j = this.itemIndex.get(id);
      if (j !== undefined) skip.add(j);
    }
    return skip;
  }

  /** Unit-length item rows (zero rows stay zero), computed on first use. */
  private unitFactors(): Float32Array {
    if (this.unit) return this.unit;
    const f = this.factors;
    const Y = this.itemFactors;
    // With SIMD the unit rows live in WebAssembly memory, so lookups need no second copy.
    this.unitScorer = createSimdScorer(this.itemIds.length, f);
    const unit = this.unitScorer?.rows ?? new Float32Array(Y.length);
    for (let i = 0; i < this.itemIds.length; i++) {
      let norm = 0;
      for (let d = 0; d < f; d++) norm += Y[i * f + d]! * Y[i * f + d]!;
      if (norm === 0) continue;
      const inv = 1 / Math.sqrt(norm);
      for (let d = 0; d < f; d++) unit[i * f + d] = Y[i * f + d]! * inv;
    }
    this.unit = unit;
    return unit;
  }

  /** 1 for items whose factor row is all zero (no training interactions). */
  private emptyItems(): Uint8Array {
    if (this.empty) return this.empty;
    const f = this.factors;
    const empty = new Uint8Array(this.itemIds.length);
    for (let i = 0; i < empty.length; i++) {
      let any = false;
      for (let d = 0; d < f && !any; d++) any = this.itemFactors[i * f + d] !== 0;
      empty[i] = any ? 0 : 1;
    }
    this.empty = empty;
    return empty;
  }

  /** `YᵀY + λI`, computed on first fold-in. */
  private gramMatrix(): Float64Array {
    if (this.gram) return this.gram;
    const f = this.factors;
    const n = this.itemIds.length;
    const count = gramBlockCount(n);
    const blocks = new Float64Array(count * f * f);
    for (let b = 0; b < count; b++) gramBlock(this.itemFactors, f, n, b, blocks);
    const gram = new Float64Array(f * f);
    reduceGram(blocks, count, f, this.params.reg, gram);
    this.gram = gram;
    return gram;
  }

  /** `rows · q` for every item (scalar JavaScript; see simd-scores.ts for the fast path). */
  private scoreRows(rows: Float32Array, q: Float32Array): Float32Array {
    const f = this.factors;
    const n = this.itemIds.length;
    const out = new Float32Array(n);
    for (let j = 0; j < n; j++) out[j] = dotAt(rows, j * f, q, f);
    return out;
  }

  /**
   * The best `k` scores, best first, kept in a small sorted buffer. Items whose factors are all zero (no
   * training data) are skipped: their score says nothing.
   */
  private topK(scores: Float32Array, k: number, skip: Set<number>): ScoredItem[] {
    const n = this.itemIds.length;
    const size = Math.max(0, Math.min(k, n));
    if (size === 0) return [];
    const empty = this.emptyItems();
    const bestIdx = new Int32Array(size).fill(-1);
    const bestScore = new Float64Array(size).fill(-Infinity);
    let filled = 0;
    for (let j = 0; j < n; j++) {
      const score = scores[j]!;
      if (filled === size && score <= bestScore[size - 1]!) continue;
      if (empty[j] || skip.has(j)) continue;
      let pos = filled < size ? filled++ : size - 1;
      while (pos > 0 && bestScore[pos - 1]! < score) {
        bestScore[pos] = bestScore[pos - 1]!;
        bestIdx[pos] = bestIdx[pos - 1]!;
        pos--;
      }
      bestScore[pos] = score;
      bestIdx[pos] = j;
    }
    const out: ScoredItem[] = [];
    for (let r = 0; r < filled; r++) out.push({ id: this.itemIds[bestIdx[r]!]!, score: bestScore[r]! });
    return out;
  }
}

/** Wraps trainer output with its id maps (and names, where known) as a model. */
export function alsModelFromFactors(
  trained: AlsFactors,
  meta: {
    kind: ItemKind;
    userIds: readonly string[];
    itemIds: readonly string[];
    itemNames?: readonly (string | null)[];
  },
): AlsModel {
  const { threads: _threads, ...params } = trained.params;
  return new AlsModel({
    kind: meta.kind,
    params,
    userIds: meta.userIds,
    itemIds: meta.itemIds,
    itemNames: meta.itemNames,
    userFactors: trained.userFactors,
    itemFactors: trained.itemFactors,
  });
}

import { describe, expect, it } from 'vitest';
import { AlsModel, alsModelFromFactors } from '../../../../../core/models/als/model.js';
import { trainAls } from '../../../../../core/models/als/trainer.js';
import { plantedBlocks } from './helpers.js';

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, k) => `${prefix}${k}`);

async function trainedModel() {
  const planted = plantedBlocks({ blocks: 3, usersPerBlock: 25, itemsPerBlock: 10, density: 0.6, seed: 11 });
  // Many CG steps and iterations so training converges and fold-in can be compared with trained rows.
  const trained = await trainAls(planted.matrix, {
    factors: 6,
    iterations: 40,
    cgSteps: 8,
    alpha: 3,
    reg: 0.5,
    threads: 0,
  });
  const model = alsModelFromFactors(trained, {
    kind: 'artist',
    userIds: ids(planted.matrix.rows, 'u'),
    itemIds: ids(planted.matrix.cols, 'i'),
    itemNames: ids(planted.matrix.cols, 'Name '),
  });
  return { model, ...planted };
}

const cosine = (a: Float32Array, b: Float32Array) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let d = 0; d < a.length; d++) {
    ab += a[d]! * b[d]!;
    aa += a[d]! * a[d]!;
    bb += b[d]! * b[d]!;
  }
  return ab / Math.sqrt(aa * bb);
};

describe('AlsModel', () => {
  it('folds in a training user to (nearly) the trained user vector', async () => {
    const { model, matrix } = await trainedModel();
    for (const u of [0, 30, 60]) {
      const history = Array.from({ length: matrix.indptr[u + 1]! - matrix.indptr[u]! }, (_, k) => ({
        itemId: `i${matrix.indices[matrix.indptr[u]! + k]!}`,
        weight: matrix.data[matrix.indptr[u]! + k]!,
      }));
      const folded = model.foldInUser(history);
      expect(cosine(folded, model.userVector(`u${u}`)!)).toBeGreaterThan(0.999);
    }
  });

  it('folds in the same vector whatever the order or splitting of the history', async () => {
    const { model } = await trainedModel();
    const a = model.foldInUser([
      { itemId: 'i1', weight: 3 },
      { itemId: 'i2', weight: 1 },
    ]);
    const b = model.foldInUser([
      { itemId: 'i2', weight: 1 },
      { itemId: 'i1', weight: 1 },
      { itemId: 'unknown', weight: 9 },
      { itemId: 'i1', weight: 2 },
    ]);
    for (let d = 0; d < a.length; d++) expect(b[d]).toBeCloseTo(a[d]!, 6);
  });

  it('returns nothing for an empty or unknown history', async () => {
    const { model } = await trainedModel();
    const v = model.foldInUser([{ itemId: 'nope', weight: 2 }]);
    expect([...v].every((x) => x === 0)).toBe(true);
    expect(model.recommendForUser(v, 5)).toEqual([]);
  });

  it('rejects a negative fold-in weight', async () => {
    const { model } = await trainedModel();
    expect(() => model.foldInUser([{ itemId: 'i1', weight: -1 }])).toThrow(/finite number ≥ 0/);
  });

  it('returns neighbours best first, never the item itself or excluded ones', async () => {
    const { model } = await trainedModel();
    const all = model.similarItems('i0', 100);
    expect(all).toHaveLength(29);
    expect(all.map((n) => n.id)).not.toContain('i0');
    for (let k = 1; k < all.length; k++) expect(all[k - 1]!.score).toBeGreaterThanOrEqual(all[k]!.score);
    const top = model.similarItems('i0', 3, [all[0]!.id]);
    expect(top.map((n) => n.id)).toEqual(all.slice(1, 4).map((n) => n.id));
    expect(model.similarItems('unknown', 5)).toEqual([]);
    expect(model.itemName('i4')).toBe('Name 4');
    expect(model.kind).toBe('artist');
  });

  it('never returns items without training data', () => {
    const model = new AlsModel({
      kind: 'track',
      params: {
        factors: 2,
        iterations: 1,
        reg: 0.1,
        alpha: 1,
        confidence: 'linear',
        epsilon: 1,
        cgSteps: 3,
        seed: 1,
      },
      userIds: [],
      itemIds: ['a', 'b', 'c'],
      itemFactors: Float32Array.from([1, 0, 0, 0, 0.5, 0.5]),
      userFactors: new Float32Array(),
    });
    expect(model.similarItems('a', 5).map((n) => n.id)).toEqual(['c']);
    expect(model.similarItems('b', 5)).toEqual([]);
    expect(model.recommendForUser(Float32Array.from([1, 1]), 5).map((n) => n.id)).toEqual(['a', 'c']);
  });
});

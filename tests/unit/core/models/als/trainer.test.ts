import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../core/errors.js';
import { csrFromCoo } from '../../../../../core/interactions/matrix.js';
import { alsModelFromFactors } from '../../../../../core/models/als/model.js';
import { trainAls } from '../../../../../core/models/als/trainer.js';
import { plantedBlocks } from './helpers.js';

const planted = plantedBlocks({ blocks: 3, usersPerBlock: 30, itemsPerBlock: 12, density: 0.6, seed: 5 });
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, k) => `${prefix}${k}`);

describe('trainAls', () => {
  it('gives bit-identical factors for the same seed', async () => {
    const a = await trainAls(planted.matrix, { factors: 6, iterations: 4, seed: 3, threads: 0 });
    const b = await trainAls(planted.matrix, { factors: 6, iterations: 4, seed: 3, threads: 0 });
    expect(Buffer.from(a.itemFactors.buffer).equals(Buffer.from(b.itemFactors.buffer))).toBe(true);
    expect(Buffer.from(a.userFactors.buffer).equals(Buffer.from(b.userFactors.buffer))).toBe(true);
  });

  it('gives different factors for a different seed', async () => {
    const a = await trainAls(planted.matrix, { factors: 6, iterations: 2, seed: 3, threads: 0 });
    const b = await trainAls(planted.matrix, { factors: 6, iterations: 2, seed: 4, threads: 0 });
    expect(Buffer.from(a.itemFactors.buffer).equals(Buffer.from(b.itemFactors.buffer))).toBe(false);
  });

  it('gives the same factors with two worker threads as on the calling thread', async () => {
    const inline = await trainAls(planted.matrix, { factors: 6, iterations: 3, seed: 9, threads: 0 });
    const workers = await trainAls(planted.matrix, { factors: 6, iterations: 3, seed: 9, threads: 2 });
    expect(Buffer.from(workers.itemFactors.buffer).equals(Buffer.from(inline.itemFactors.buffer))).toBe(true);
    expect(Buffer.from(workers.userFactors.buffer).equals(Buffer.from(inline.userFactors.buffer))).toBe(true);
  });

  it('recovers a planted block structure in item neighbours and user recommendations', async () => {
    const { matrix, userBlock, itemBlock } = planted;
    // More factors than blocks: λ = 1 keeps them from fitting the random pattern inside each block.
    const trained = await trainAls(matrix, { factors: 8, iterations: 10, alpha: 5, reg: 1, threads: 0 });
    const model = alsModelFromFactors(trained, {
      kind: 'track',
      userIds: ids(matrix.rows, 'u'),
      itemIds: ids(matrix.cols, 'i'),
    });
    for (let i = 0; i < matrix.cols; i++) {
      const neighbours = model.similarItems(`i${i}`, 5);
      expect(neighbours).toHaveLength(5);
      for (const n of neighbours) expect(itemBlock(Number(n.id.slice(1)))).toBe(itemBlock(i));
    }
    for (let u = 0; u < matrix.rows; u += 7) {
      const seen = Array.from(
        matrix.indices.subarray(matrix.indptr[u], matrix.indptr[u + 1]),
        (i) => `i${i}`,
      );
      const top = model.recommendForUser(model.userVector(`u${u}`)!, 3, seen);
      for (const r of top) expect(itemBlock(Number(r.id.slice(1)))).toBe(userBlock(u));
    }
  });

  it.each([
    [{ factors: 0 }, /factors must be an integer/],
    [{ reg: 0 }, /reg must be > 0/],
    [{ alpha: -1 }, /alpha must be ≥ 0/],
    [{ iterations: 1.5 }, /iterations must be an integer/],
  ])('rejects bad parameters %o', async (params, message) => {
    await expect(trainAls(planted.matrix, { ...params, threads: 0 })).rejects.toThrow(message);
  });

  it('refuses an empty matrix', async () => {
    await expect(trainAls(csrFromCoo(2, 2, [], [], []), { threads: 0 })).rejects.toBeInstanceOf(AppError);
  });

  it('reports each iteration', async () => {
    const seen: number[] = [];
    await trainAls(
      planted.matrix,
      { factors: 4, iterations: 3, threads: 0 },
      { onIteration: (i) => seen.push(i.iteration) },
    );
    expect(seen).toEqual([1, 2, 3]);
  });
});

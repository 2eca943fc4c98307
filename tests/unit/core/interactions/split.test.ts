import { describe, expect, it } from 'vitest';
import { csrFromCoo, transposeCsr } from '../../../../core/interactions/matrix.js';
import { kCore, leaveOneOut } from '../../../../core/interactions/split.js';

const rowsOf = (m: { rows: number; indptr: Int32Array; indices: Int32Array }) =>
  Array.from({ length: m.rows }, (_, u) => [...m.indices.subarray(m.indptr[u], m.indptr[u + 1])]);

describe('csr helpers', () => {
  it('sums duplicates, sorts columns and transposes', () => {
    const m = csrFromCoo(2, 3, [1, 0, 0, 1], [2, 1, 1, 0], [1, 2, 3, 4]);
    expect(rowsOf(m)).toEqual([[1], [0, 2]]);
    expect([...m.data]).toEqual([5, 4, 1]);
    const t = transposeCsr(m);
    expect(rowsOf(t)).toEqual([[1], [0], [1]]);
  });
});

describe('kCore', () => {
  it('drops items then users below k until stable', () => {
    // users 0–2 share items 0,1; user 3 has item 2 (only one user) and item 0.
    const m = csrFromCoo(4, 3, [0, 0, 1, 1, 2, 2, 3, 3], [0, 1, 0, 1, 0, 1, 0, 2], [1, 1, 1, 1, 1, 1, 1, 1]);
    const core = kCore(m, 2);
    expect([...core.items]).toEqual([0, 1]);
    expect([...core.users]).toEqual([0, 1, 2]);
    expect(rowsOf(core.matrix)).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });

  it('cascades: removing a user can push an item below k', () => {
    const m = csrFromCoo(3, 3, [0, 0, 1, 1, 2], [0, 1, 0, 1, 2], [1, 1, 1, 1, 1]);
    expect(kCore(m, 2).matrix.cols).toBe(2);
    expect(kCore(m, 3).matrix.rows).toBe(0);
  });
});

describe('leaveOneOut', () => {
  const m = csrFromCoo(3, 4, [0, 0, 0, 1, 1, 2], [0, 1, 2, 1, 3, 2], [1, 1, 1, 1, 1, 1]);

  it('holds out the latest entry when timestamps exist', () => {
    const split = leaveOneOut(m, { seed: 1, timestamps: Float64Array.from([10, 30, 20, 5, 1, 7]) });
    expect([...split.heldOut]).toEqual([1, 1, -1]);
    expect(rowsOf(split.train)).toEqual([[0, 2], [3], [2]]);
    expect([...split.trainTimestamps!]).toEqual([10, 20, 1, 7]);
  });

  it('holds out a seeded random entry otherwise, reproducibly', () => {
    const a = leaveOneOut(m, { seed: 7 });
    const b = leaveOneOut(m, { seed: 7 });
    expect([...a.heldOut]).toEqual([...b.heldOut]);
    expect(a.heldOut[2]).toBe(-1);
    for (let u = 0; u < 2; u++) expect(rowsOf(a.train)[u]).not.toContain(a.heldOut[u]);
    expect(a.train.indices.length).toBe(4);
  });
});

import { type CsrMatrix } from './matrix.js';
import { seededRandom } from '../util/random.js';

/** A matrix restricted to surviving rows/columns, with maps back to the original indices. */
export interface FilteredMatrix {
  matrix: CsrMatrix;
  /** `users[newRow]` = original row. */
  users: Int32Array;
  /** `items[newCol]` = original column. */
  items: Int32Array;
  /** Per-entry side data carried along (aligned with `matrix.data`), when given. */
  timestamps: Float64Array | undefined;
}

/**
 * Iterative k-core: drops items with fewer than `k` users, then users with fewer than `k` items, until nothing
 * changes (the RecSetters order: items first).
 */
export function kCore(m: CsrMatrix, k: number, timestamps?: Float64Array): FilteredMatrix {
  const userAlive = new Uint8Array(m.rows).fill(1);
  const itemAlive = new Uint8Array(m.cols).fill(1);
  for (;;) {
    let changed = false;
    const itemDeg = new Int32Array(m.cols);
    for (let u = 0; u < m.rows; u++) {
      if (!userAlive[u]) continue;
      for (let e = m.indptr[u]!; e < m.indptr[u + 1]!; e++) itemDeg[m.indices[e]!]!++;
    }
    for (let i = 0; i < m.cols; i++) {
      if (itemAlive[i] && itemDeg[i]! < k) {
        itemAlive[i] = 0;
        changed = true;
      }
    }
    for (let u = 0; u < m.rows; u++) {
      if (!userAlive[u]) continue;
      let deg = 0;
      for (let e = m.indptr[u]!; e < m.indptr[u + 1]!; e++) deg += itemAlive[m.indices[e]!]!;
      if (deg < k) {
        userAlive[u] = 0;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return subMatrix(m, userAlive, itemAlive, timestamps);
}

function subMatrix(
  m: CsrMatrix,
  userAlive: Uint8Array,
  itemAlive: Uint8Array,
  timestamps?: Float64Array,
): FilteredMatrix {
  const newItem = new Int32Array(m.cols).fill(-1);
  const items: number[] = [];
  for (let i = 0; i < m.cols; i++) if (itemAlive[i]) newItem[i] = items.push(i) - 1;
  const users: number[] = [];
  const indptr: number[] = [0];
  const indices: number[] = [];
  const data: number[] = [];
  const ts: number[] = [];
  for (let u = 0; u < m.rows; u++) {
    if (!userAlive[u]) continue;
    users.push(u);
    for (let e = m.indptr[u]!; e < m.indptr[u + 1]!; e++) {
      const j = newItem[m.indices[e]!]!;
      if (j < 0) continue;
      indices.push(j);
      data.push(m.data[e]!);
      if (timestamps) ts.push(timestamps[e]!);
    }
    indptr.push(indices.length);
  }
  return {
    matrix: {
      rows: users.length,
      cols: items.length,
      indptr: Int32Array.from(indptr),
      indices: Int32Array.from(indices),
      data: Float32Array.from(data),
    },
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    timestamps: timestamps ? Float64Array.from(ts) : undefined,
  };
}

export interface LeaveOneOut {
  /** The matrix without the held-out entries (same shape as the input). */
  train: CsrMatrix;
  /** Timestamps of the remaining entries, when given. */
  trainTimestamps: Float64Array | undefined;
  /** `heldOut[user]` = the held-out item, or -1 when the user has fewer than 2 entries (nothing is held out). */
  heldOut: Int32Array;
}

/**
 * Per-user leave-one-out: the latest entry when timestamps are given (ties: the later stored entry), else one
 * chosen by a seeded generator. Users with a single entry keep it in training.
 */
export function leaveOneOut(m: CsrMatrix, options: { seed: number; timestamps?: Float64Array }): LeaveOneOut {
  const random = seededRandom(options.seed);
  const heldOut = new Int32Array(m.rows).fill(-1);
  const dropEntry = new Int32Array(m.rows).fill(-1);
  for (let u = 0; u < m.rows; u++) {
    const start = m.indptr[u]!;
    const end = m.indptr[u + 1]!;
    if (end - start < 2) continue;
    let pick: number;
    if (options.timestamps) {
      pick = start;
      for (let e = start + 1; e < end; e++) if (options.timestamps[e]! >= options.timestamps[pick]!) pick = e;
    } else {
      pick = start + Math.floor(random() * (end - start));
    }
    dropEntry[u] = pick;
    heldOut[u] = m.indices[pick]!;
  }
  const nnz = m.indices.length - dropEntry.reduce((n, e) => n + (e >= 0 ? 1 : 0), 0);
  const indptr = new Int32Array(m.rows + 1);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  const ts = options.timestamps ? new Float64Array(nnz) : undefined;
  let out = 0;
  for (let u = 0; u < m.rows; u++) {
    for (let e = m.indptr[u]!; e < m.indptr[u + 1]!; e++) {
      if (e === dropEntry[u]) continue;
      indices[out] = m.indices[e]!;
      data[out] = m.data[e]!;
      if (ts) ts[out] = options.timestamps![e]!;
      out++;
    }
    indptr[u + 1] = out;
  }
  return { train: { rows: m.rows, cols: m.cols, indptr, indices, data }, trainTimestamps: ts, heldOut };
}

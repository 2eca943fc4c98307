/**
 * Compressed sparse rows: row `r` owns `indices[indptr[r]..indptr[r+1])` (column ids, ascending) and the matching
 * `data`. Users are rows and items columns unless a function says otherwise.
 */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/**
 * Builds a CSR matrix from coordinate triples. Duplicate (row, col) pairs are summed, so callers need not
 * deduplicate first.
 */
export function csrFromCoo(
  rows: number,
  cols: number,
  rowIdx: ArrayLike<number>,
  colIdx: ArrayLike<number>,
  values: ArrayLike<number>,
): CsrMatrix {
  return csrFromCooIndexed(rows, cols, rowIdx, colIdx, values).matrix;
}

/**
 * Like `csrFromCoo`, and also returns `source[e]`: the first input triple that landed in stored entry `e`, so
 * callers can carry per-entry side data (timestamps) along.
 */
export function csrFromCooIndexed(
  rows: number,
  cols: number,
  rowIdx: ArrayLike<number>,
  colIdx: ArrayLike<number>,
  values: ArrayLike<number>,
): { matrix: CsrMatrix; source: Int32Array } {
  const n = rowIdx.length;
  const counts = new Int32Array(rows + 1);
  for (let k = 0; k < n; k++) counts[rowIdx[k]! + 1]!++;
  for (let r = 0; r < rows; r++) counts[r + 1]! += counts[r]!;
  const order = new Int32Array(n);
  const cursor = counts.slice(0, rows);
  for (let k = 0; k < n; k++) order[cursor[rowIdx[k]!]!++] = k;
  const indptr = new Int32Array(rows + 1);
  const indices = new Int32Array(n);
  const data = new Float32Array(n);
  const source = new Int32Array(n);
  let out = 0;
  for (let r = 0; r < rows; r++) {
    const start = counts[r]!;
    const end = counts[r + 1]!;
    const slice = Array.from(order.subarray(start, end)).sort((a, b) => colIdx[a]! - colIdx[b]! || a - b);
    let last = -1;
    for (const k of slice) {
      const c = colIdx[k]!;
      if (c === last) {
        data[out - 1]! += values[k]!;
        continue;
      }
      indices[out] = c;
      data[out] = values[k]!;
      source[out] = k;
      out++;
      last = c;
    }
    indptr[r + 1] = out;
  }
  return {
    matrix: { rows, cols, indptr, indices: indices.slice(0, out), data: data.slice(0, out) },
    source: source.slice(0, out),
  };
}

/** The transpose (items as rows), with ascending column ids per row. */
export function transposeCsr(m: CsrMatrix): CsrMatrix {
  const nnz = m.indices.length;
  const indptr = new Int32Array(m.cols + 1);
  for (let k = 0; k < nnz; k++) indptr[m.indices[k]! + 1]!++;
  for (let c = 0; c < m.cols; c++) indptr[c + 1]! += indptr[c]!;
  const cursor = indptr.slice(0, m.cols);
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]!; k < m.indptr[r + 1]!; k++) {
      const dst = cursor[m.indices[k]!]!++;
      indices[dst] = r;
      data[dst] = m.data[k]!;
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, data };
}

/** Number of stored entries in each row. */
export function rowDegrees(m: CsrMatrix): Int32Array {
  const out = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) out[r] = m.indptr[r + 1]! - m.indptr[r]!;
  return out;
}

/** Number of stored entries in each column. */
export function colDegrees(m: CsrMatrix): Int32Array {
  const out = new Int32Array(m.cols);
  for (let k = 0; k < m.indices.length; k++) out[m.indices[k]!]!++;
  return out;
}

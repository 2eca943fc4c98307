/**
 * Numeric kernels of implicit ALS (Hu, Koren & Volinsky 2008) with the conjugate-gradient row update of
 * Takács et al. / `implicit`. Pure functions over typed arrays so the main thread and workers run the very same
 * code on shared memory. Factors are Float32 (memory); per-row arithmetic is Float64 (accuracy of the few CG
 * steps).
 */

/** Rows per Gram block. Fixed, not per thread, so the summation order (and the result) is thread-count free. */
export const GRAM_BLOCK_ROWS = 2048;

export type ConfidenceMode = 'linear' | 'log';

/**
 * Confidence minus one, `c − 1`, per stored weight: `α·r` (linear) or `α·log(1 + r/ε)` (log). Storing `c − 1`
 * is what the update needs: `YᵀCY = YᵀY + Yᵀ(C − I)Y` touches only the user's non-zeros.
 */
export function confidenceMinusOne(
  weights: Float32Array,
  mode: ConfidenceMode,
  alpha: number,
  epsilon: number,
  out: Float32Array = new Float32Array(weights.length),
): Float32Array {
  for (let k = 0; k < weights.length; k++) {
    const r = weights[k]!;
    out[k] = mode === 'linear' ? alpha * r : alpha * Math.log1p(r / epsilon);
  }
  return out;
}

/** Number of Gram blocks for `rows` factor rows. */
export function gramBlockCount(rows: number): number {
  return Math.max(1, Math.ceil(rows / GRAM_BLOCK_ROWS));
}

/**
 * Writes the partial Gram matrix `Σ y yᵀ` of rows in block `block` into `out[block·f² …]` (full symmetric f×f).
 * The block is transposed to column-major first so each entry is a dot product of two contiguous columns,
 * computed 2×2 at a time (one load per multiply-add instead of a load-add-store).
 */
export function gramBlock(
  factors: Float32Array,
  f: number,
  rows: number,
  block: number,
  out: Float64Array,
): void {
  const base = block * f * f;
  const start = block * GRAM_BLOCK_ROWS;
  const end = Math.min(rows, start + GRAM_BLOCK_ROWS);
  const len = Math.max(0, end - start);
  const t = new Float64Array(f * len);
  for (let r = 0; r < len; r++) {
    const o = (start + r) * f;
    for (let d = 0; d < f; d++) t[d * len + r] = factors[o + d]!;
  }
  for (let a = 0; a < f; a += 2) {
    // With odd f the last pair repeats column f−1; the duplicate writes store identical values.
    const a1 = Math.min(a + 1, f - 1);
    const oa = a * len;
    const oa1 = a1 * len;
    for (let b = a; b < f; b += 2) {
      const b1 = Math.min(b + 1, f - 1);
      const ob = b * len;
      const ob1 = b1 * len;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < len; k++) {
        const va = t[oa + k]!;
        const va1 = t[oa1 + k]!;
        const vb = t[ob + k]!;
        const vb1 = t[ob1 + k]!;
        s00 += va * vb;
        s01 += va * vb1;
        s10 += va1 * vb;
        s11 += va1 * vb1;
      }
      out[base + a * f + b] = s00;
      out[base + b * f + a] = s00;
      out[base + a * f + b1] = s01;
      out[base + b1 * f + a] = s01;
      out[base + a1 * f + b] = s10;
      out[base + b * f + a1] = s10;
      out[base + a1 * f + b1] = s11;
      out[base + b1 * f + a1] = s11;
    }
  }
}

/** Sums the Gram blocks in block order and adds `reg` to the diagonal: `G = YᵀY + λI`. */
export function reduceGram(
  blocks: Float64Array,
  count: number,
  f: number,
  reg: number,
  out: Float64Array,
): void {
  const ff = f * f;
  out.fill(0, 0, ff);
  for (let b = 0; b < count; b++) {
    const o = b * ff;
    for (let k = 0; k < ff; k++) out[k]! += blocks[o + k]!;
  }
  for (let d = 0; d < f; d++) out[d * f + d]! += reg;
}

/** Per-thread scratch for `solveRows`, allocated once. */
export interface RowScratch {
  x: Float64Array;
  r: Float64Array;
  p: Float64Array;
  ap: Float64Array;
  /** m×m system of the direct solve (m ≤ DIRECT_MAX_NNZ). */
  k: Float64Array;
  dsq: Float64Array;
  t: Float64Array;
}

/**
 * Rows with at most this many non-zeros are solved exactly (Woodbury, `directRow`) rather than by CG: it costs
 * ~m²f/2 against CG's ~8mf plus the f²/2 warm-start map, so it is cheaper up to about m ≈ 16 at 32–128 factors.
 * Most item rows of a power-law log (and HetRec's artists) are that short.
 */
export const DIRECT_MAX_NNZ = 16;

export function rowScratch(f: number): RowScratch {
  return {
    x: new Float64Array(f),
    r: new Float64Array(f),
    p: new Float64Array(f),
    ap: new Float64Array(f),
    k: new Float64Array(DIRECT_MAX_NNZ * DIRECT_MAX_NNZ),
    dsq: new Float64Array(DIRECT_MAX_NNZ),
    t: new Float64Array(DIRECT_MAX_NNZ),
  };
}

function dotRows(y: Float32Array, oa: number, ob: number, f: number): number {
  let s0 = 0;
  let s1 = 0;
  let d = 0;
  for (; d + 1 < f; d += 2) {
    s0 += y[oa + d]! * y[ob + d]!;
    s1 += y[oa + d + 1]! * y[ob + d + 1]!;
  }
  for (; d < f; d++) s0 += y[oa + d]! * y[ob + d]!;
  return s0 + s1;
}

/**
 * Exact whitened solution for a short row (m = e − s non-zeros): with Ỹᵤ the m whitened rows, K = ỸᵤỸᵤᵀ,
 * D = diag(c − 1) and c the confidences, Woodbury gives
 * `z = (I + ỸᵤᵀDỸᵤ)⁻¹ Ỹᵤᵀc = Ỹᵤᵀ (c − D½ S⁻¹ D½ K c)` with `S = I + D½ K D½` (SPD, diagonal ≥ 1).
 */
function directRow(
  s: number,
  e: number,
  indices: Int32Array,
  confMinusOne: Float32Array,
  whitened: Float32Array,
  f: number,
  z: Float64Array,
  scratch: RowScratch,
): void {
  const m = e - s;
  const { k: S, dsq, t } = scratch;
  for (let a = 0; a < m; a++) {
    dsq[a] = Math.sqrt(confMinusOne[s + a]!);
    const oa = indices[s + a]! * f;
    for (let b = 0; b <= a; b++) S[a * m + b] = dotRows(whitened, oa, indices[s + b]! * f, f);
  }
  for (let a = 0; a < m; a++) {
    let acc = 0;
    for (let b = 0; b < m; b++) acc += (b <= a ? S[a * m + b]! : S[b * m + a]!) * (confMinusOne[s + b]! + 1);
    t[a] = dsq[a]! * acc;
  }
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) S[a * m + b] = (a === b ? 1 : 0) + dsq[a]! * dsq[b]! * S[a * m + b]!;
  }
  for (let j = 0; j < m; j++) {
    let diag = S[j * m + j]!;
    for (let q = 0; q < j; q++) diag -= S[j * m + q]! * S[j * m + q]!;
    const ljj = Math.sqrt(diag);
    S[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let v = S[i * m + j]!;
      for (let q = 0; q < j; q++) v -= S[i * m + q]! * S[j * m + q]!;
      S[i * m + j] = v / ljj;
    }
  }
  for (let i = 0; i < m; i++) {
    let v = t[i]!;
    for (let q = 0; q < i; q++) v -= S[i * m + q]! * t[q]!;
    t[i] = v / S[i * m + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let v = t[i]!;
    for (let q = i + 1; q < m; q++) v -= S[q * m + i]! * t[q]!;
    t[i] = v / S[i * m + i]!;
  }
  z.fill(0);
  for (let a = 0; a < m; a++) {
    axpyRow(confMinusOne[s + a]! + 1 - dsq[a]! * t[a]!, whitened, indices[s + a]! * f, z, f);
  }
}

function dotRow(y: Float32Array, o: number, v: Float64Array, f: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < f; d += 4) {
    s0 += y[o + d]! * v[d]!;
    s1 += y[o + d + 1]! * v[d + 1]!;
    s2 += y[o + d + 2]! * v[d + 2]!;
    s3 += y[o + d + 3]! * v[d + 3]!;
  }
  for (; d < f; d++) s0 += y[o + d]! * v[d]!;
  return s0 + s1 + s2 + s3;
}

function axpyRow(coef: number, y: Float32Array, o: number, out: Float64Array, f: number): void {
  let d = 0;
  for (; d + 3 < f; d += 4) {
    out[d]! += coef * y[o + d]!;
    out[d + 1]! += coef * y[o + d + 1]!;
    out[d + 2]! += coef * y[o + d + 2]!;
    out[d + 3]! += coef * y[o + d + 3]!;
  }
  for (; d < f; d++) out[d]! += coef * y[o + d]!;
}

function dot(a: Float64Array, b: Float64Array, f: number): number {
  let s = 0;
  for (let d = 0; d < f; d++) s += a[d]! * b[d]!;
  return s;
}

/** Length of the buffer `choleskyFactor` fills: `Lᵀ`, `L⁻ᵀ`, `L⁻¹`, each f×f. */
export function cholBufferLength(f: number): number {
  return 3 * f * f;
}

/**
 * Factors `G = L Lᵀ` and writes, row-major, `Lᵀ` to `out[0 … f²)`, `L⁻ᵀ` to `out[f² … 2f²)` and `L⁻¹` to
 * `out[2f² … 3f²)`: with explicit inverses every per-row transform is a set of independent dot products over
 * rows, which pipelines far better than substitution. Throws if G is not positive definite (impossible with
 * λ > 0 unless the factors hold NaN).
 */
export function choleskyFactor(gram: Float64Array, f: number, out: Float64Array): void {
  const ff = f * f;
  const l = new Float64Array(ff);
  for (let j = 0; j < f; j++) {
    let diag = gram[j * f + j]!;
    for (let k = 0; k < j; k++) diag -= l[j * f + k]! * l[j * f + k]!;
    if (!(diag > 0)) throw new RangeError('Gram matrix is not positive definite (factors hold NaN or λ ≤ 0)');
    const ljj = Math.sqrt(diag);
    l[j * f + j] = ljj;
    for (let i = j + 1; i < f; i++) {
      let v = gram[i * f + j]!;
      for (let k = 0; k < j; k++) v -= l[i * f + k]! * l[j * f + k]!;
      l[i * f + j] = v / ljj;
    }
  }
  const inv = new Float64Array(ff);
  for (let j = 0; j < f; j++) {
    // Column j of L⁻¹ by forward substitution on e_j.
    for (let i = j; i < f; i++) {
      let v = i === j ? 1 : 0;
      for (let k = j; k < i; k++) v -= l[i * f + k]! * inv[k * f + j]!;
      inv[i * f + j] = v / l[i * f + i]!;
    }
  }
  out.fill(0, 0, 3 * ff);
  for (let a = 0; a < f; a++) {
    for (let b = 0; b <= a; b++) {
      out[b * f + a] = l[a * f + b]!;
      out[ff + b * f + a] = inv[a * f + b]!;
      out[2 * ff + a * f + b] = inv[a * f + b]!;
    }
  }
}

/** `dst[r] = L⁻¹ src[r]` for rows `[start, end)`, with `L⁻¹` from `choleskyFactor`; two rows per pass share loads. */
export function whitenRows(
  chol: Float64Array,
  src: Float32Array,
  dst: Float32Array,
  f: number,
  start: number,
  end: number,
): void {
  const inv = 2 * f * f;
  const y0 = new Float64Array(f);
  const y1 = new Float64Array(f);
  for (let r = start; r < end; r += 2) {
    const o0 = r * f;
    const pair = r + 1 < end;
    const o1 = pair ? o0 + f : o0;
    for (let d = 0; d < f; d++) {
      y0[d] = src[o0 + d]!;
      y1[d] = src[o1 + d]!;
    }
    for (let a = 0; a < f; a++) {
      const row = inv + a * f;
      let s0 = 0;
      let s1 = 0;
      for (let b = 0; b <= a; b++) {
        const l = chol[row + b]!;
        s0 += l * y0[b]!;
        s1 += l * y1[b]!;
      }
      dst[o0 + a] = s0;
      if (pair) dst[o1 + a] = s1;
    }
  }
}

/**
 * Updates rows `[start, end)` of `target` by `cgSteps` conjugate-gradient steps on
 * `(G + Yᵀ(Cᵤ − I)Y) xᵤ = YᵀCᵤ pᵤ`, warm-started from the current row, where `G = YᵀY + λI = L Lᵀ`.
 *
 * The system is solved in whitened coordinates `z = Lᵀx` with `Ỹ = Y L⁻ᵀ` (rows from `whitenRows`):
 * `(I + Ỹᵀ(Cᵤ − I)Ỹ) z = ỸᵀCᵤ pᵤ`. That is CG preconditioned by G, but each step then costs only the row's
 * non-zeros (no f² Gram product per step), and the row pays f² once, to map x to z and back. Rows with at
 * most DIRECT_MAX_NNZ non-zeros are solved exactly instead (cheaper there); a row without interactions has the
 * exact solution 0.
 */
export function solveRows(
  indptr: Int32Array,
  indices: Int32Array,
  confMinusOne: Float32Array,
  target: Float32Array,
  whitened: Float32Array,
  chol: Float64Array,
  f: number,
  cgSteps: number,
  start: number,
  end: number,
  scratch: RowScratch,
): void {
  const { x, r, p, ap } = scratch;
  const z = x;
  const ff = f * f;
  for (let u = start; u < end; u++) {
    const s = indptr[u]!;
    const e = indptr[u + 1]!;
    const xo = u * f;
    if (s === e) {
      target.fill(0, xo, xo + f);
      continue;
    }
    if (e - s <= DIRECT_MAX_NNZ) {
      directRow(s, e, indices, confMinusOne, whitened, f, z, scratch);
    } else {
      // z = Lᵀ x (upper triangular, first block of `chol`).
      for (let a = 0; a < f; a++) {
        const row = a * f;
        let s0 = 0;
        let s1 = 0;
        let b = a;
        for (; b + 1 < f; b += 2) {
          s0 += chol[row + b]! * target[xo + b]!;
          s1 += chol[row + b + 1]! * target[xo + b + 1]!;
        }
        for (; b < f; b++) s0 += chol[row + b]! * target[xo + b]!;
        z[a] = s0 + s1;
      }
      // r = b̃ − Â z with b̃ = Σ cᵢ ỹᵢ and Â z = z + Σ (cᵢ − 1)(ỹᵢ·z) ỹᵢ.
      for (let d = 0; d < f; d++) r[d] = -z[d]!;
      for (let k = s; k < e; k++) {
        const c = confMinusOne[k]!;
        const yo = indices[k]! * f;
        axpyRow(c + 1 - c * dotRow(whitened, yo, z, f), whitened, yo, r, f);
      }
      for (let d = 0; d < f; d++) p[d] = r[d]!;
      let rsOld = dot(r, r, f);
      for (let step = 0; step < cgSteps && rsOld > 1e-20; step++) {
        for (let d = 0; d < f; d++) ap[d] = p[d]!;
        for (let k = s; k < e; k++) {
          const yo = indices[k]! * f;
          axpyRow(confMinusOne[k]! * dotRow(whitened, yo, p, f), whitened, yo, ap, f);
        }
        const pAp = dot(p, ap, f);
        if (!(pAp > 0)) break;
        const alpha = rsOld / pAp;
        for (let d = 0; d < f; d++) {
          z[d]! += alpha * p[d]!;
          r[d]! -= alpha * ap[d]!;
        }
        const rsNew = dot(r, r, f);
        const beta = rsNew / rsOld;
        for (let d = 0; d < f; d++) p[d] = r[d]! + beta * p[d]!;
        rsOld = rsNew;
      }
    }
    // x = L⁻ᵀ z (upper triangular, second block of `chol`).
    for (let a = 0; a < f; a++) {
      const row = ff + a * f;
      let s0 = 0;
      let s1 = 0;
      let b = a;
      for (; b + 1 < f; b += 2) {
        s0 += chol[row + b]! * z[b]!;
        s1 += chol[row + b + 1]! * z[b + 1]!;
      }
      for (; b < f; b++) s0 += chol[row + b]! * z[b]!;
      target[xo + a] = s0 + s1;
    }
  }
}

/**
 * Solves the symmetric positive-definite system `A x = b` (A is n×n, row-major, overwritten) by Cholesky.
 * Used for exact fold-in of one user, where n³/3 flops are cheap. Throws if A is not positive definite.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j]!;
    for (let k = 0; k < j; k++) diag -= a[j * n + k]! * a[j * n + k]!;
    if (!(diag > 0)) throw new RangeError('matrix is not positive definite');
    const ljj = Math.sqrt(diag);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = a[i * n + j]!;
      for (let k = 0; k < j; k++) v -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = v / ljj;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = b[i]!;
    for (let k = 0; k < i; k++) v -= a[i * n + k]! * y[k]!;
    y[i] = v / a[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let v = y[i]!;
    for (let k = i + 1; k < n; k++) v -= a[k * n + i]! * x[k]!;
    x[i] = v / a[i * n + i]!;
  }
  return x;
}

/**
 * Splits rows into at most `parts` contiguous ranges of roughly equal CG cost (a row costs ~f² to change
 * coordinates plus ~(2s+2)·nnz·f for its non-zeros; empty rows cost almost nothing).
 */
export function balancedRanges(
  indptr: Int32Array,
  f: number,
  cgSteps: number,
  parts: number,
): [number, number][] {
  const rows = indptr.length - 1;
  const rowCost = (u: number) => {
    const nnz = indptr[u + 1]! - indptr[u]!;
    if (nnz === 0) return 1;
    return nnz <= DIRECT_MAX_NNZ ? f / 2 + (nnz * nnz) / 2 + nnz : f + (2 * cgSteps + 2) * nnz;
  };
  let total = 0;
  for (let u = 0; u < rows; u++) total += rowCost(u);
  const ranges: [number, number][] = [];
  const per = total / Math.max(1, parts);
  let start = 0;
  let acc = 0;
  for (let u = 0; u < rows; u++) {
    acc += rowCost(u);
    if (acc >= per * (ranges.length + 1) && ranges.length < parts - 1) {
      ranges.push([start, u + 1]);
      start = u + 1;
    }
  }
  if (start < rows || ranges.length === 0) ranges.push([start, rows]);
  return ranges;
}

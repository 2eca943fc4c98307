/**
 * Dot product of `q` with the `n` numbers of `matrix` starting at `offset` (one row of a row-major matrix),
 * unrolled by four: about 2× the plain loop in V8. The scalar fallback where WebAssembly SIMD is unavailable.
 */
export function dotAt(matrix: Float32Array, offset: number, q: Float32Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += matrix[offset + i]! * q[i]!;
    s1 += matrix[offset + i + 1]! * q[i + 1]!;
    s2 += matrix[offset + i + 2]! * q[i + 2]!;
    s3 += matrix[offset + i + 3]! * q[i + 3]!;
  }
  for (; i < n; i++) s0 += matrix[offset + i]! * q[i]!;
  return s0 + s1 + s2 + s3;
}

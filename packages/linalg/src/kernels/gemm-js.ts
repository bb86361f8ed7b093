import type { TypedArray } from '../dtype.js';
import { type GemmShape, gemmReference } from './gemm-reference.js';

/**
 * The matrix-product kernel in plain TypeScript, used where WebAssembly SIMD is unavailable, when
 * `setBackend('js')` asks for it, and for products too small to repay the call into WebAssembly.
 * Each transposition case walks memory in the order it is laid out, so the inner loop reads
 * consecutive elements:
 * - `A·B`: row i of C accumulates `a[i][p] · (row p of B)`;
 * - `Aᵀ·B`: for each p, the outer product of row p of A and row p of B is added to C;
 * - `A·Bᵀ`: each `C[i][j]` is the dot product of row i of A and row j of B.
 *
 * @param s - the sizes and transposition flags
 * @param a - the elements of `A`
 * @param b - the elements of `B`
 * @param c - the elements of `C`, written in place
 */
export function gemmJs(s: GemmShape, a: TypedArray, b: TypedArray, c: TypedArray): void {
  const { m, n, k } = s;
  if (!s.accumulate) c.fill(0, 0, m * n);
  if (!s.transA && !s.transB) {
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      const ai = i * k;
      for (let p = 0; p < k; p++) {
        const aip = a[ai + p]!;
        if (aip === 0) continue; // ReLU zeros and MNIST's black pixels skip a whole row
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
      }
    }
  } else if (s.transA && !s.transB) {
    for (let p = 0; p < k; p++) {
      const ap = p * m;
      const bp = p * n;
      for (let i = 0; i < m; i++) {
        const aip = a[ap + i]!;
        if (aip === 0) continue;
        const ci = i * n;
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
      }
    }
  } else if (!s.transA && s.transB) {
    for (let i = 0; i < m; i++) {
      const ai = i * k;
      const ci = i * n;
      for (let j = 0; j < n; j++) {
        const bj = j * k;
        let acc = 0;
        for (let p = 0; p < k; p++) acc += a[ai + p]! * b[bj + p]!;
        c[ci + j]! += acc;
      }
    }
  } else {
    gemmReference({ ...s, accumulate: true }, a, b, c);
  }
}

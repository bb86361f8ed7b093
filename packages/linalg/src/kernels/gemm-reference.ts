import type { TypedArray } from '../dtype.js';

/**
 * The shape of one general matrix product `C = op(A) · op(B) (+ C)`, all row-major:
 * `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`. With `transA`, `A` is stored as `k × m`
 * (so `xᵀ · dout` needs no transposed copy); with `transB`, `B` is stored as `n × k` (`dout · Wᵀ`).
 */
export interface GemmShape {
  m: number;
  n: number;
  k: number;
  transA?: boolean;
  transB?: boolean;
  /** Add the product to what `C` holds instead of overwriting it. */
  accumulate?: boolean;
}

/**
 * The plain triple loop, kept as the readable definition that the fast kernel is tested against:
 * `C[i][j] = Σₚ op(A)[i][p] · op(B)[p][j]`.
 *
 * @param s - the sizes and transposition flags
 * @param a - the elements of `A`
 * @param b - the elements of `B`
 * @param c - the elements of `C`, written in place
 * @example
 * ```ts
 * import { gemmReference } from '@dl/linalg';
 * const c = new Float64Array(1);
 * gemmReference({ m: 1, n: 1, k: 2 }, new Float64Array([1, 2]), new Float64Array([3, 4]), c);
 * c[0]; // 11
 * ```
 */
export function gemmReference(s: GemmShape, a: TypedArray, b: TypedArray, c: TypedArray): void {
  const { m, n, k } = s;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) {
        const aip = s.transA ? a[p * m + i]! : a[i * k + p]!;
        const bpj = s.transB ? b[j * k + p]! : b[p * n + j]!;
        acc += aip * bpj;
      }
      c[i * n + j] = (s.accumulate ? c[i * n + j]! : 0) + acc;
    }
  }
}

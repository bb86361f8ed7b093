import type { NDArray } from './ndarray.js';
import { formatShape, ShapeError } from './shape-error.js';

/** An LU factorisation with partial pivoting, `P·A = L·U`, packed in one row-major buffer. */
export interface LuFactors {
  n: number;
  /** L below the diagonal (unit diagonal implied) and U on and above it. */
  lu: Float64Array;
  /** Row `i` of the factored matrix is row `perm[i]` of A. */
  perm: Int32Array;
  /** +1 or -1: the sign of the permutation, for the determinant. */
  sign: number;
  /** Whether a pivot vanished (relative to the matrix's scale): A is singular. */
  singular: boolean;
}

/**
 * Checks that `a` is a square matrix.
 * @internal
 */
export function assertSquare(op: string, a: NDArray): number {
  if (a.ndim !== 2 || a.shape[0] !== a.shape[1]) {
    throw new ShapeError(
      `${op}: matrix is not square; expected shape [n, n], got ${formatShape(a.shape)}`,
    );
  }
  return a.shape[0]!;
}

/**
 * Gaussian elimination with partial pivoting: at each column the row with the largest absolute
 * value becomes the pivot, which keeps the rounding error small.
 * @internal
 */
export function luFactor(a: NDArray): LuFactors {
  const n = a.shape[0]!;
  const lu = Float64Array.from(a.data);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let scale = 0;
  for (const v of lu) scale = Math.max(scale, Math.abs(v));
  const tol = scale * n * Number.EPSILON;
  let sign = 1;
  let singular = scale === 0 && n > 0;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(lu[r * n + col]!) > Math.abs(lu[pivot * n + col]!)) pivot = r;
    }
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        const t = lu[col * n + j]!;
        lu[col * n + j] = lu[pivot * n + j]!;
        lu[pivot * n + j] = t;
      }
      const t = perm[col]!;
      perm[col] = perm[pivot]!;
      perm[pivot] = t;
      sign = -sign;
    }
    const p = lu[col * n + col]!;
    if (Math.abs(p) <= tol) {
      singular = true;
      continue;
    }
    for (let r = col + 1; r < n; r++) {
      const f = lu[r * n + col]! / p;
      lu[r * n + col] = f;
      if (f === 0) continue;
      for (let j = col + 1; j < n; j++) lu[r * n + j]! -= f * lu[col * n + j]!;
    }
  }
  return { n, lu, perm, sign, singular };
}

/**
 * Solves `L·U·x = P·b` for one right-hand side column, in place in `x` (length n).
 * @internal
 */
export function luSolveColumn(f: LuFactors, b: ArrayLike<number>, x: Float64Array): void {
  const { n, lu, perm } = f;
  for (let i = 0; i < n; i++) {
    let s = b[perm[i]!]!;
    for (let j = 0; j < i; j++) s -= lu[i * n + j]! * x[j]!;
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j]! * x[j]!;
    x[i] = s / lu[i * n + i]!;
  }
}

import { allocate } from './dtype.js';
import { LinAlgError } from './linalg-error.js';
import { assertSquare, luFactor, luSolveColumn } from './lu.js';
import { NDArray } from './ndarray.js';
import { formatShape } from './shape-error.js';

/**
 * The inverse of a square matrix (`np.linalg.inv`), by Gaussian elimination with partial pivoting.
 *
 * @param a - a square matrix `[n, n]`
 * @returns `A⁻¹`, with `A⁻¹·A = I`
 * @throws ShapeError when `a` is not square
 * @throws LinAlgError when `a` is singular
 * @example
 * ```ts
 * import { array, dot, inv } from '@dl/linalg';
 * // The lecture: X + Y = 1100 and 2X + 3Y = 2800.
 * const A = array([[1, 1], [2, 3]]);
 * const B = array([[1100], [2800]]);
 * dot(inv(A), B).toArray(); // [[500], [600]] (up to rounding)
 * ```
 */
export function inv(a: NDArray): NDArray {
  const n = assertSquare('inv', a);
  const f = luFactor(a);
  if (f.singular) {
    throw new LinAlgError(
      `inv: matrix is singular; expected an invertible matrix, got shape ${formatShape(a.shape)} with a zero pivot`,
    );
  }
  const out = allocate(a.dtype, n * n);
  const e = new Float64Array(n);
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    luSolveColumn(f, e, x);
    for (let i = 0; i < n; i++) out[i * n + j] = x[i]!;
  }
  return new NDArray(out, [n, n]);
}

import { allocate, promoteTypes } from './dtype.js';
import { LinAlgError } from './linalg-error.js';
import { assertSquare, luFactor, luSolveColumn } from './lu.js';
import { NDArray } from './ndarray.js';
import { formatShape, ShapeError } from './shape-error.js';

/**
 * Solves `A·x = b` for x (`np.linalg.solve`) without forming `A⁻¹`, which is faster and more
 * accurate than `dot(inv(A), b)`.
 *
 * @param a - a square matrix `[n, n]`
 * @param b - the right-hand side: a vector `[n]` or a matrix `[n, k]` of k right-hand sides
 * @returns x, shaped like b
 * @throws ShapeError when `a` is not square or b's first dimension is not n
 * @throws LinAlgError when `a` is singular
 * @example
 * ```ts
 * import { array, solve } from '@dl/linalg';
 * // The lecture's four fruits over four days: grape, tangerine, apple, pear.
 * const A = array([[1, 1, 1, 1], [5, 2, 4, 7], [0, 1, 1, 2], [5, 2, 2, 3]]);
 * solve(A, array([2350, 10600, 2450, 6800])).toArray(); // [500, 550, 700, 600] (up to rounding)
 * ```
 */
export function solve(a: NDArray, b: NDArray): NDArray {
  const n = assertSquare('solve', a);
  if ((b.ndim !== 1 && b.ndim !== 2) || b.shape[0] !== n) {
    throw new ShapeError(
      `solve: right-hand side does not fit; expected b.shape[0] === ${n} with 1 or 2 dimensions, got a=${formatShape(a.shape)}, b=${formatShape(b.shape)}`,
    );
  }
  const f = luFactor(a);
  if (f.singular) {
    throw new LinAlgError(
      `solve: matrix is singular; expected an invertible matrix, got shape ${formatShape(a.shape)} with a zero pivot`,
    );
  }
  const k = b.ndim === 2 ? b.shape[1]! : 1;
  const out = allocate(promoteTypes(a.dtype, b.dtype), n * k);
  const col = new Float64Array(n);
  const x = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) col[i] = b.data[i * k + j]!;
    luSolveColumn(f, col, x);
    for (let i = 0; i < n; i++) out[i * k + j] = x[i]!;
  }
  return new NDArray(out, b.shape);
}

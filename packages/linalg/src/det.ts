import { assertSquare, luFactor } from './lu.js';
import type { NDArray } from './ndarray.js';

/**
 * The determinant of a square matrix (`np.linalg.det`): the product of the LU pivots, with the
 * sign of the row swaps. A singular matrix has determinant 0.
 *
 * @param a - a square matrix `[n, n]`
 * @returns det(A)
 * @throws ShapeError when `a` is not square
 * @example
 * ```ts
 * import { array, det } from '@dl/linalg';
 * det(array([[1, 1], [2, 3]])); // 1
 * ```
 */
export function det(a: NDArray): number {
  const n = assertSquare('det', a);
  const f = luFactor(a);
  if (f.singular) return 0;
  let d = f.sign;
  for (let i = 0; i < n; i++) d *= f.lu[i * n + i]!;
  return d;
}

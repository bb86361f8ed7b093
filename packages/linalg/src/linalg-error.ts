/**
 * Thrown by `inv` and `solve` when a matrix is singular (has no inverse), like numpy's
 * `LinAlgError`: the answer would be made of infinities and NaNs, so none is given.
 *
 * @example
 * ```ts
 * import { LinAlgError, array, inv } from '@dl/linalg';
 * try {
 *   inv(array([[1, 2], [2, 4]]));
 * } catch (e) {
 *   console.log(e instanceof LinAlgError); // true: the rows are proportional
 * }
 * ```
 */
export class LinAlgError extends Error {
  override name = 'LinAlgError';
}

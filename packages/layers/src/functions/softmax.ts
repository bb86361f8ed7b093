import { allocate, formatShape, NDArray, ShapeError } from '@dl/linalg';
import { type ArrayInput, toNDArray } from '../internal/checks.js';

/**
 * The softmax function (소프트맥스): y_k = exp(a_k) / Σᵢ exp(a_i), turning scores into probabilities
 * that sum to 1 while making large scores weigh more and small ones less.
 *
 * `exp` overflows quickly (`exp(710)` is Infinity), so, as the lecture shows, numerator and
 * denominator are multiplied by the same constant C = e^c with c = −max(a): the result is unchanged
 * and every exponent is ≤ 0. A vector is one distribution; a batch `[N, C]` (or any array) is
 * normalised along its last axis, one row per sample.
 *
 * @param a - the scores: a vector `[C]` or a batch `[N, C]` (an NDArray or nested numbers)
 * @returns a new float array of a's shape whose rows sum to 1
 * @throws ShapeError when a is a scalar or has an empty last axis
 * @throws TypeError when a is not an array
 * @example
 * ```ts
 * import { softmax } from '@dl/layers';
 * softmax([0.3, 2.9, 4.0]).toArray(); // [0.01821127, 0.24519181, 0.73659691] (rounded)
 * softmax([1010, 1000, 990]).toArray(); // [9.99954600e-01, 4.53978686e-05, 2.06106005e-09] (no NaN)
 * ```
 */
export function softmax(a: ArrayInput): NDArray {
  const x = toNDArray('softmax', 'a', a);
  const cols = x.shape[x.ndim - 1];
  if (x.ndim === 0 || cols === undefined || cols === 0) {
    throw new ShapeError(
      `softmax: nothing to normalise; expected a vector [C] or a batch [N, C] with C >= 1, got ${formatShape(x.shape)}`,
    );
  }
  const src = x.data;
  const out = allocate(x.dtype, src.length);
  for (let row = 0; row < src.length; row += cols) {
    let max = Number.NEGATIVE_INFINITY;
    for (let j = row; j < row + cols; j++) if (src[j]! > max) max = src[j]!;
    let sum = 0;
    for (let j = row; j < row + cols; j++) {
      const e = Math.exp(src[j]! - max); // exp(a_k + c) with c = −max: never overflows
      out[j] = e;
      sum += e;
    }
    for (let j = row; j < row + cols; j++) out[j] = out[j]! / sum;
  }
  return new NDArray(out, x.shape);
}

import { allocate, formatShape, NDArray, ShapeError } from '@dl/linalg';
import { type ArrayInput, toNDArray } from '../internal/checks.js';

/**
 * The lecture's proportional probability function (비례 확률 함수): y_k = a_k / Σᵢ a_i, each value's
 * share of the total, so the outputs sum to 1.
 *
 * Networks do not use it; the lecture shows it as the step before {@link softmax}. It only makes
 * sense for non-negative values (a negative "share" is not a probability, and the sum can be 0) —
 * exactly the limitation softmax removes by taking exp first. A batch `[N, C]` is normalised row
 * by row, like softmax.
 *
 * @param a - non-negative values: a vector `[C]` or a batch `[N, C]` (an NDArray or nested numbers)
 * @returns a new float array of a's shape whose rows sum to 1
 * @throws RangeError when a value is negative or not finite, or a row sums to 0
 * @throws ShapeError when a is a scalar or has an empty last axis
 * @throws TypeError when a is not an array
 * @example
 * ```ts
 * import { proportional } from '@dl/layers';
 * proportional([0.3, 2.9, 4.0]).toArray(); // [0.04166667, 0.40277778, 0.55555556] (rounded)
 * ```
 */
export function proportional(a: ArrayInput): NDArray {
  const x = toNDArray('proportional', 'a', a);
  const cols = x.shape[x.ndim - 1];
  if (x.ndim === 0 || cols === undefined || cols === 0) {
    throw new ShapeError(
      `proportional: nothing to normalise; expected a vector [C] or a batch [N, C] with C >= 1, got ${formatShape(x.shape)}`,
    );
  }
  const src = x.data;
  const out = allocate(x.dtype, src.length);
  for (let row = 0; row < src.length; row += cols) {
    let sum = 0;
    for (let j = row; j < row + cols; j++) {
      const v = src[j]!;
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new RangeError(
          `proportional: invalid value at flat index ${j}; expected finite values >= 0 (use softmax for arbitrary scores), got ${v}`,
        );
      }
      sum += v;
    }
    if (sum === 0) {
      throw new RangeError(
        `proportional: row ${row / cols} sums to 0; expected a positive total, got all zeros`,
      );
    }
    for (let j = row; j < row + cols; j++) out[j] = src[j]! / sum;
  }
  return new NDArray(out, x.shape);
}

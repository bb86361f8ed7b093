import { formatShape, ShapeError } from '@dl/linalg';
import { type ArrayInput, toNDArray } from '../internal/checks.js';

/** Options of {@link meanSquaredError}. */
export interface MeanSquaredErrorOptions {
  /**
   * `'mean'` (default): the lecture's definition, the mean of the squared errors (1/N)·Σ(y − t)²
   * over all elements. `'half-sum'`: the book's variant 0.5·Σ(y − t)², whose derivative is simply
   * y − t.
   */
  variant?: 'mean' | 'half-sum';
}

/**
 * The mean squared error (평균제곱오차, MSE) between predictions y and targets t.
 *
 * @param y - the predictions (any shape; an NDArray or nested numbers)
 * @param t - the targets, the same shape as y
 * @param options - `{ variant = 'mean' }`
 * @returns the loss, a number
 * @throws ShapeError when y and t differ in shape
 * @throws RangeError when the variant is unknown
 * @throws TypeError when y or t is not an array
 * @example
 * ```ts
 * import { meanSquaredError } from '@dl/layers';
 * const y = [0.01, 0.02, 0.01, 0.01, 0.5, 0, 0, 0, 0, 0];
 * const t = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
 * meanSquaredError(y, t); // 0.02507 = (0.01² + 0.02² + 0.01² + 0.01² + 0.5²) / 10
 * meanSquaredError(y, t, { variant: 'half-sum' }); // 0.12535
 * ```
 */
export function meanSquaredError(
  y: ArrayInput,
  t: ArrayInput,
  options: MeanSquaredErrorOptions = {},
): number {
  const op = 'meanSquaredError';
  const Y = toNDArray(op, 'y', y);
  const T = toNDArray(op, 't', t);
  if (Y.ndim !== T.ndim || Y.shape.some((d, i) => d !== T.shape[i])) {
    throw new ShapeError(
      `${op}: y and t differ in shape; expected the same shape, got y=${formatShape(Y.shape)}, t=${formatShape(T.shape)}`,
    );
  }
  const variant = options.variant ?? 'mean';
  if (variant !== 'mean' && variant !== 'half-sum') {
    throw new RangeError(
      `${op}: unknown variant; expected 'mean' or 'half-sum', got ${String(variant)}`,
    );
  }
  let s = 0;
  for (let i = 0; i < Y.size; i++) {
    const d = Y.data[i]! - T.data[i]!;
    s += d * d;
  }
  return variant === 'mean' ? s / Y.size : 0.5 * s;
}

import { broadcastBinary, broadcastShapes } from './broadcast.js';
import type { NDArray } from './ndarray.js';

/** Tolerances of {@link allClose}, as in numpy. */
export interface AllCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
}

/**
 * Whether two arrays are equal within a tolerance, element by element with broadcasting
 * (`np.allclose`): `|a − b| <= atol + rtol·|b|`. NaNs are never close; equal infinities are.
 *
 * @param a - first operand
 * @param b - second operand (the reference, for the relative tolerance)
 * @param options - `{ rtol, atol }`
 * @returns false also when the shapes do not broadcast
 * @example
 * ```ts
 * import { allClose, array } from '@dl/linalg';
 * allClose(array([1, 2]), array([1, 2 + 1e-9])); // true
 * ```
 */
export function allClose(
  a: NDArray | number,
  b: NDArray | number,
  options: AllCloseOptions = {},
): boolean {
  const { rtol = 1e-5, atol = 1e-8 } = options;
  const shapeOf = (x: NDArray | number) => (typeof x === 'number' ? [] : x.shape);
  try {
    broadcastShapes('allClose', shapeOf(a), shapeOf(b));
  } catch {
    return false;
  }
  const close = broadcastBinary('allClose', a, b, (x, y) =>
    x === y || Math.abs(x - y) <= atol + rtol * Math.abs(y) ? 1 : 0,
  );
  return close.data.every((v) => v === 1);
}

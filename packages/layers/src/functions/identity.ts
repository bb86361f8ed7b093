import { NDArray } from '@dl/linalg';
import { describe } from '../internal/checks.js';

/**
 * The identity function (항등 함수) f(x) = x: the output layer's activation for regression.
 *
 * @param x - a number or an array
 * @returns x itself (the same number or the same array, not a copy)
 * @throws TypeError when x is neither a number nor an NDArray
 * @example
 * ```ts
 * import { identity } from '@dl/layers';
 * identity(0.3); // 0.3
 * ```
 */
export function identity(x: number): number;
export function identity(x: NDArray): NDArray;
export function identity(x: NDArray | number): NDArray | number {
  if (typeof x !== 'number' && !(x instanceof NDArray)) {
    throw new TypeError(
      `identity: x is not a number or NDArray; expected a number or an NDArray, got ${describe(x)}`,
    );
  }
  return x;
}

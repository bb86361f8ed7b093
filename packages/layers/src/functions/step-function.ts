import type { NDArray } from '@dl/linalg';
import { mapValues } from '../internal/map-values.js';

/**
 * The step function, the perceptron's activation: 1 where x > 0, else 0. Its derivative is 0
 * almost everywhere, which is why networks trained by gradients use sigmoid or ReLU instead.
 *
 * @param x - a number or an array
 * @returns 0 or 1, element by element (a new array for an array input)
 * @throws TypeError when x is neither a number nor an NDArray
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { stepFunction } from '@dl/layers';
 * stepFunction(array([-1, 0, 2])).toArray(); // [0, 0, 1]
 * ```
 */
export function stepFunction(x: number): number;
export function stepFunction(x: NDArray): NDArray;
export function stepFunction(x: NDArray | number): NDArray | number {
  return mapValues('stepFunction', x, (v) => (v > 0 ? 1 : 0));
}

import type { NDArray } from '@dl/linalg';
import { mapValues } from '../internal/map-values.js';

/**
 * The sigmoid function (시그모이드) σ(x) = 1 / (1 + e⁻ˣ), squashing any number into (0, 1).
 * Its derivative is σ(x)(1 − σ(x)), which the {@link Sigmoid} layer uses backwards.
 *
 * For very negative x, e⁻ˣ overflows to Infinity and 1 / Infinity is 0: the result is still right,
 * so no special case is needed.
 *
 * @param x - a number or an array
 * @returns σ(x), element by element (a new array for an array input)
 * @throws TypeError when x is neither a number nor an NDArray
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { sigmoid } from '@dl/layers';
 * sigmoid(0); // 0.5
 * sigmoid(array([-1, 1, 2])).toArray(); // [0.2689414213699951, 0.7310585786300049, 0.8807970779778823]
 * ```
 */
export function sigmoid(x: number): number;
export function sigmoid(x: NDArray): NDArray;
export function sigmoid(x: NDArray | number): NDArray | number {
  return mapValues('sigmoid', x, (v) => 1 / (1 + Math.exp(-v)));
}

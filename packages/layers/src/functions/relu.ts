import type { NDArray } from '@dl/linalg';
import { mapValues } from '../internal/map-values.js';

/**
 * The ReLU function (rectified linear unit): max(0, x).
 *
 * @param x - a number or an array
 * @returns max(0, x), element by element (a new array for an array input)
 * @throws TypeError when x is neither a number nor an NDArray
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { relu } from '@dl/layers';
 * relu(array([-1, 0.5, 2])).toArray(); // [0, 0.5, 2]
 * ```
 */
export function relu(x: number): number;
export function relu(x: NDArray): NDArray;
export function relu(x: NDArray | number): NDArray | number {
  return mapValues('relu', x, (v) => Math.max(0, v));
}

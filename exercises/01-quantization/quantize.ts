import { map, type NDArray } from '@dl/linalg';

/**
 * How many grey levels `bits` bits can tell apart (1 bit → 2, 8 bits → 256).
 *
 * @param bits - an integer from 1 to 16
 * @returns the number of levels
 * @throws RangeError when `bits` is not an integer from 1 to 16
 */
export function levels(bits: number): number {
  // TODO: each extra bit doubles the number of patterns; also reject bits outside 1…16
  return bits * 2;
}

/**
 * Quantises brightness values in `[0, 1]` to the levels `0 … levels(bits) − 1`.
 *
 * @param image - values in `[0, 1]`, any shape
 * @param bits - bits per pixel
 * @returns an array of the same shape holding whole level numbers
 */
export function quantize(image: NDArray, bits: number): NDArray {
  const n = levels(bits);
  // TODO: split [0, 1] into n equal slices; 1.0 must land on the top level n − 1, not past it
  return map(image, (v) => Math.round(v * n));
}

// Known-wrong answer (CI: the tests must catch it): floor(v · n) without the clamp: 1.0 lands on level n, one past the last
import { map, type NDArray } from '@dl/linalg';

/**
 * How many grey levels `bits` bits can tell apart (1 bit → 2, 8 bits → 256).
 *
 * @param bits - an integer from 1 to 16
 * @returns the number of levels
 * @throws RangeError when `bits` is not an integer from 1 to 16
 */
export function levels(bits: number): number {
  if (!Number.isInteger(bits) || bits < 1 || bits > 16) {
    throw new RangeError(
      `levels: bits out of range; expected an integer from 1 to 16, got ${bits}`,
    );
  }
  return 2 ** bits;
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
  // slice k holds [k/n, (k+1)/n); the top edge 1.0 belongs to the last slice
  return map(image, (v) => Math.floor(v * n));
}

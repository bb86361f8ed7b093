import { NDArray } from '../ndarray.js';
import type { Rng } from '../random.js';

// Arrays and comparisons shared by the tests that hold a fast kernel to the steps it replaces,
// bit for bit. Test code only: left out of the build (tsconfig.build.json).

/** Special values: NaN, ±0, ±∞ and a float32 subnormal. */
export const SPECIALS = [
  Number.NaN,
  -0,
  0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e-40,
];

/**
 * An array whose elements are zero with probability `zeros`, the rest N(0, 1); with `special`, one
 * in fifty of them a special value.
 */
export function randomArray(
  shape: readonly number[],
  zeros: number,
  f32: boolean,
  rng: Rng,
  special = false,
): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = f32 ? new Float32Array(size) : new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const r = rng.random();
    data[i] =
      special && r < 0.02
        ? SPECIALS[Math.floor(r * 50 * SPECIALS.length)]!
        : r < zeros
          ? 0
          : rng.normal();
  }
  return new NDArray(data, shape);
}

/** The first index where the two differ (as Object.is sees numbers: −0 is not +0), or −1. */
export function firstDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return i;
  return -1;
}

/** The largest absolute difference between elements at the same index. */
export function maxDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}

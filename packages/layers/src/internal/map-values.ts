import { allocate, NDArray } from '@dl/linalg';
import { describe } from './checks.js';

/**
 * Applies a scalar function to a number, or element-wise to an NDArray (same shape and dtype).
 * @internal
 */
export function mapValues(
  op: string,
  x: NDArray | number,
  f: (v: number) => number,
): NDArray | number {
  if (typeof x === 'number') return f(x);
  if (!(x instanceof NDArray)) {
    throw new TypeError(
      `${op}: x is not a number or NDArray; expected a number or an NDArray, got ${describe(x)}`,
    );
  }
  const src = x.data;
  const out = allocate(x.dtype, src.length);
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]!);
  return new NDArray(out, x.shape);
}

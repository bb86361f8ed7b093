import type { Network } from '@dl/network';

/**
 * The float16 (half precision) number nearest to `x`, as a JavaScript number: 11 significant bits,
 * exponents down to 2⁻¹⁴ (below that the subnormals, 2⁻²⁴ apart), ties to even, and ±Infinity from
 * 65,520 on (the largest float16 is 65,504). The same as numpy's `x.astype(np.float16)`.
 *
 * @param x - any number
 * @returns x rounded to float16
 * @example
 * ```ts
 * import { roundFloat16 } from '@dl/cli';
 * roundFloat16(0.1); // 0.0999755859375
 * roundFloat16(70000); // Infinity
 * ```
 */
export function roundFloat16(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  if (a >= 65520) return x > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a)
    e--; // log2 can round up just below a power of two
  else if (2 ** (e + 1) <= a) e++;
  const step = 2 ** (Math.max(e, -14) - 10); // the spacing of float16 numbers near a
  const q = a / step; // exact: step is a power of two
  let r = Math.floor(q);
  const rest = q - r;
  if (rest > 0.5 || (rest === 0.5 && r % 2 === 1)) r++;
  return Math.sign(x) * r * step;
}

/**
 * Rounds every parameter of a network to float16 in place (stored back in its own float64 or
 * float32 arrays), as the book's §8.3.4 does to show that inference loses nothing in half
 * precision.
 *
 * @param net - the network, changed in place
 * @returns the largest absolute change of any weight
 * @example
 * ```ts
 * import { roundWeightsFloat16 } from '@dl/cli';
 * import { SimpleNetwork } from '@dl/network';
 * roundWeightsFloat16(new SimpleNetwork()) < 1e-5; // true: weights of 0.01 · N(0, 1) move little
 * ```
 */
export function roundWeightsFloat16(net: Network): number {
  let worst = 0;
  for (const p of Object.values(net.params)) {
    const d = p.data;
    for (let i = 0; i < d.length; i++) {
      const r = roundFloat16(d[i]!);
      worst = Math.max(worst, Math.abs(r - d[i]!));
      d[i] = r;
    }
  }
  return worst;
}

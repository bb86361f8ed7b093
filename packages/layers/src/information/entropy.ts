import type { NDArray } from '@dl/linalg';
import { toNDArray } from '../internal/checks.js';

/**
 * The entropy (엔트로피) of a probability distribution: the expected information content
 * −Σ pᵢ·log pᵢ, in nats, with 0·log 0 taken as 0.
 *
 * The lecture's fair match (or coin): −(0.5·log 0.5 + 0.5·log 0.5) = 0.6931. The 0.9 / 0.1 match
 * is less uncertain: 0.3251.
 *
 * @param ps - the probabilities (an NDArray or number[]), non-negative and summing to 1 (±1e-6)
 * @returns the entropy
 * @throws RangeError when a probability is negative or NaN, or they do not sum to 1
 * @throws TypeError when ps is not an array
 * @example
 * ```ts
 * import { entropy } from '@dl/layers';
 * entropy([0.5, 0.5]); // 0.6931471805599453
 * entropy([0.9, 0.1]); // 0.3250829733914482
 * ```
 */
export function entropy(ps: NDArray | readonly number[]): number {
  const p = toNDArray('entropy', 'ps', ps);
  let total = 0;
  let h = 0;
  for (let i = 0; i < p.size; i++) {
    const v = p.data[i]!;
    if (!(v >= 0)) {
      throw new RangeError(
        `entropy: ps[${i}] is not a probability; expected values >= 0, got ${v}`,
      );
    }
    total += v;
    if (v > 0) h -= v * Math.log(v);
  }
  if (Math.abs(total - 1) > 1e-6) {
    throw new RangeError(
      `entropy: probabilities do not sum to 1; expected a sum of 1 (±1e-6), got ${total}`,
    );
  }
  return h;
}

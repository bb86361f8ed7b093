import type { NDArray } from '@dl/linalg';

/**
 * ‖a − b‖ / (‖a‖ + ‖b‖), the usual gradient-check measure (0 when both are 0), for tests that
 * compare a backward pass with the numerical gradient. Throws when the shapes differ.
 * @internal
 */
export function relativeError(a: NDArray, b: NDArray): number {
  if (a.shape.join(',') !== b.shape.join(',')) {
    throw new Error(`relativeError: shapes differ; got [${a.shape}] and [${b.shape}]`);
  }
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.size; i++) {
    diff += (a.data[i]! - b.data[i]!) ** 2;
    na += a.data[i]! ** 2;
    nb += b.data[i]! ** 2;
  }
  const denom = Math.sqrt(na) + Math.sqrt(nb);
  return denom === 0 ? 0 : Math.sqrt(diff) / denom;
}

/**
 * Σ out ⊙ R: a scalar loss whose gradient with respect to out is exactly R (= dout).
 * @internal
 */
export function weightedSum(out: NDArray, R: NDArray): number {
  let s = 0;
  for (let i = 0; i < out.size; i++) s += out.data[i]! * R.data[i]!;
  return s;
}

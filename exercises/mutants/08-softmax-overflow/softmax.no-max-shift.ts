import { div, exp, type NDArray, sum } from '@dl/linalg';

/**
 * Softmax that does not overflow: `y_k = exp(a_k − max a) / Σ exp(a_i − max a)`.
 *
 * @param a - scores, 1-D, or 2-D with one sample per row
 * @returns probabilities of the same shape; each row of a 2-D input sums to 1
 */
export function softmax(a: NDArray): NDArray {
  // Known-wrong answer (CI: the tests must catch it): no max shift, overflows to NaN.
  const e = exp(a);
  if (a.ndim === 2) return div(e, sum(e, { axis: 1, keepdims: true }));
  return div(e, sum(e));
}

// Known-wrong answer (CI: the tests must catch it): for a batch, takes the max down each column (axis 0) instead of along each row
import { div, exp, max, type NDArray, sub, sum } from '@dl/linalg';

/**
 * Softmax that does not overflow: `y_k = exp(a_k − max a) / Σ exp(a_i − max a)`.
 *
 * @param a - scores, 1-D, or 2-D with one sample per row
 * @returns probabilities of the same shape; each row of a 2-D input sums to 1
 */
export function softmax(a: NDArray): NDArray {
  if (a.ndim === 2) {
    // per row: exp(a + c) / Σ exp(a + c) with c = −max of that row; the largest term is exp(0) = 1
    const e = exp(sub(a, max(a, { axis: 0, keepdims: true })));
    return div(e, sum(e, { axis: 1, keepdims: true }));
  }
  const e = exp(sub(a, max(a)));
  return div(e, sum(e));
}

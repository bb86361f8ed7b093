// Known-wrong answer (CI: the tests must catch it): divides exp(a_k) by exp of the total, exp(Σ a_i), instead of the total of the exps
import { div, exp, type NDArray, sum } from '@dl/linalg';

/**
 * The identity function `f(a) = a` (given).
 *
 * @param a - scores
 * @returns a copy of `a`
 */
export function identity(a: NDArray): NDArray {
  return a.clone();
}

/**
 * Proportional probability `y_k = a_k / Σ a_i`: positive scores rescaled to sum to 1.
 *
 * @param a - a 1-D array of positive scores
 * @returns an array of the same shape summing to 1
 */
export function proportional(a: NDArray): NDArray {
  return div(a, sum(a));
}

/**
 * Softmax `y_k = exp(a_k) / Σ exp(a_i)` of a 1-D array of (small) scores.
 *
 * @param a - a 1-D array of scores
 * @returns probabilities of the same shape, summing to 1
 */
export function softmax(a: NDArray): NDArray {
  const e = exp(a);
  return div(e, Math.exp(sum(a)));
}

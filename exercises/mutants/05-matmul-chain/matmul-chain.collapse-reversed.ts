// Known-wrong answer (CI: the tests must catch it): collapses in reading order W1 · W2 · W3: the first layer ends up farthest from X
import { array, dot, type NDArray } from '@dl/linalg';

/** First layer: `L1 = W1 · X` (the lecture's `L10 = 2X0 + 2X1 − X2`, …). */
export const W1 = array([
  [2, 2, -1],
  [2, 2, 0],
  [0, -1, -1],
]);
/** Second layer: `L2 = W2 · L1`. */
export const W2 = array([
  [2, 2, -1],
  [-1, 0, 0],
  [2, -1, 2],
]);
/** Third layer: `Y = W3 · L2`. */
export const W3 = array([
  [2, -1, 0],
  [-1, -1, 0],
  [2, 0, 0],
]);

/**
 * Runs `X` through the three layers: `Y = W3 · (W2 · (W1 · X))`.
 *
 * @param X - a vector of length 3
 * @returns `Y`, a vector of length 3
 */
export function forward(X: NDArray): NDArray {
  return dot(W3, dot(W2, dot(W1, X)));
}

/**
 * The three layers as one matrix `M`, with `M · X = forward(X)`.
 *
 * @returns a 3×3 matrix
 */
export function collapse(): NDArray {
  // associativity: W3 · (W2 · (W1 · X)) = (W3 · W2 · W1) · X; the first layer stays on the right
  return dot(dot(W1, W2), W3);
}

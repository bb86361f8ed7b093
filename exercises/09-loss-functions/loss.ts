import type { NDArray } from '@dl/linalg';

/**
 * Mean squared error `(1/N) Σ (y_i − t_i)²` over all elements.
 *
 * @param y - predicted probabilities
 * @param t - the answers (one-hot), same shape as `y`
 * @returns the loss, a number >= 0
 * @throws ShapeError when the shapes differ
 */
export function meanSquaredError(y: NDArray, t: NDArray): number {
  // TODO: average the squared differences
  void y;
  void t;
  return 0;
}

/**
 * Cross-entropy error `−Σ t log(y + 1e-7)`, divided by the batch size for a 2-D batch.
 *
 * @param y - predicted probabilities, 1-D or `[batch, classes]`
 * @param t - one-hot answers, same shape as `y`
 * @returns the loss, a number >= 0
 * @throws ShapeError when the shapes differ
 */
export function crossEntropyError(y: NDArray, t: NDArray): number {
  // TODO: the surprise of the right answer; add 1e-7 inside the log
  void y;
  void t;
  return 0;
}

/**
 * Information content (surprise) of an event of probability `p`: `−log p`.
 *
 * @param p - a probability in (0, 1]
 * @returns the information in nats
 */
export function informationContent(p: number): number {
  // TODO: the surprise is not proportional to 1 − p: −log(0.1) is 21.85 × −log(0.9)
  return 1 - p;
}

/**
 * Entropy `−Σ p_i log p_i` of a probability distribution (terms with `p_i = 0` count as 0).
 *
 * @param p - probabilities summing to 1
 * @returns the average information content
 */
export function entropy(p: NDArray): number {
  // TODO: average surprise, each outcome weighted by its probability
  void p;
  return 0;
}

// Known-wrong answer (CI: the tests must catch it): entropy sums p · (−log p) over every p, so a 0 gives 0 · Infinity = NaN
import {
  add,
  formatShape,
  log,
  mean,
  mul,
  type NDArray,
  pow,
  ShapeError,
  sub,
  sum,
} from '@dl/linalg';

function checkShapes(op: string, y: NDArray, t: NDArray): void {
  if (y.shape.length !== t.shape.length || y.shape.some((n, i) => n !== t.shape[i])) {
    throw new ShapeError(
      `${op}: shapes differ; expected y.shape equal to t.shape, got y=${formatShape(y.shape)}, t=${formatShape(t.shape)}`,
    );
  }
}

/**
 * Mean squared error `(1/N) Σ (y_i − t_i)²` over all elements.
 *
 * @param y - predicted probabilities
 * @param t - the answers (one-hot), same shape as `y`
 * @returns the loss, a number >= 0
 * @throws ShapeError when the shapes differ
 */
export function meanSquaredError(y: NDArray, t: NDArray): number {
  checkShapes('meanSquaredError', y, t);
  return mean(pow(sub(y, t), 2));
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
  checkShapes('crossEntropyError', y, t);
  const batch = y.ndim === 2 ? (y.shape[0] ?? 1) : 1;
  // 1e-7 keeps log away from log(0) = −Infinity when the right class got probability 0
  return -sum(mul(t, log(add(y, 1e-7)))) / batch;
}

/**
 * Information content (surprise) of an event of probability `p`: `−log p`.
 *
 * @param p - a probability in (0, 1]
 * @returns the information in nats
 */
export function informationContent(p: number): number {
  return -Math.log(p);
}

/**
 * Entropy `−Σ p_i log p_i` of a probability distribution (terms with `p_i = 0` count as 0).
 *
 * @param p - probabilities summing to 1
 * @returns the average information content
 */
export function entropy(p: NDArray): number {
  let h = 0;
  for (const pi of p.data) h += pi * informationContent(pi);
  return h;
}

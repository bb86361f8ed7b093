import { formatShape, NDArray, ShapeError } from '@dl/linalg';
import { type ArrayInput, toNDArray } from '../internal/checks.js';
import { readTargets } from '../internal/targets.js';

/** The small number added inside the logarithm so that log(0) never happens. */
const DELTA = 1e-7;

/**
 * The cross-entropy error (교차 엔트로피 오차, CEE): −Σ t_k·log(y_k + δ), averaged over the batch.
 *
 * With one-hot targets only the correct class counts, so the loss is −log of the probability the
 * network gave the right answer: the information content of the outcome (see
 * {@link informationContent}). δ = 1e-7 keeps log(0) = −∞ out when a probability is exactly 0.
 *
 * @param y - probabilities (a softmax output): one sample `[C]` or a batch `[N, C]`
 * @param t - one-hot targets of y's shape, or integer labels: `[N]` for a batch; a number, `[]` or
 *   `[1]` for one sample
 * @returns the loss (the mean over the N samples)
 * @throws ShapeError when y is not `[C]` or `[N, C]`, or t does not match its batch
 * @throws RangeError when a label is not an integer in [0, C), or y has a negative or NaN entry
 * @throws TypeError when y or t is not an array
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { crossEntropyError } from '@dl/layers';
 * const y = [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0];
 * crossEntropyError(y, 2); // 0.510825457099338 = −log(0.6 + 1e-7)
 * crossEntropyError(array([[0.1, 0.9], [0.8, 0.2]]), array([1, 0])); // 0.1642519154304695
 * ```
 */
export function crossEntropyError(y: ArrayInput, t: ArrayInput | number): number {
  const op = 'crossEntropyError';
  const Y = toNDArray(op, 'y', y);
  if (Y.ndim < 1 || Y.ndim > 2 || Y.shape[Y.ndim - 1] === 0) {
    throw new ShapeError(
      `${op}: y is not one sample or a batch; expected [C] or [N, C] with C >= 1, got ${formatShape(Y.shape)}`,
    );
  }
  const T = typeof t === 'number' || t instanceof NDArray ? t : toNDArray(op, 't', t);
  const targets = readTargets(op, Y.shape, T);
  const c = Y.shape[Y.ndim - 1]!;
  const n = Y.ndim === 2 ? Y.shape[0]! : 1;
  const yd = Y.data;
  for (let i = 0; i < yd.length; i++) {
    if (!(yd[i]! >= 0)) {
      throw new RangeError(
        `${op}: y is not a probability at flat index ${i}; expected values >= 0 (apply softmax first), got ${yd[i]}`,
      );
    }
  }
  let s = 0;
  if (targets.kind === 'labels') {
    for (let i = 0; i < n; i++) s += Math.log(yd[i * c + targets.labels[i]!]! + DELTA);
  } else {
    const td = targets.data;
    for (let i = 0; i < yd.length; i++) {
      const ti = td[i]!;
      if (ti !== 0) s += ti * Math.log(yd[i]! + DELTA);
    }
  }
  return -s / n;
}

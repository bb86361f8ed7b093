// Known-wrong answer (CI: the tests must catch it): each mini-batch holds batchSize − 1 images
import { mul, type NDArray, type Rng, sub } from '@dl/linalg';
import type { SimpleNetwork } from '@dl/network';

/** Where batches come from: an `@dl/data` Dataset, or anything with `length` and `batch`. */
export interface BatchSource {
  readonly length: number;
  batch(indices: ArrayLike<number>): { x: NDArray; t: NDArray };
}

/** Hyperparameters of {@link train}. */
export interface TrainOptions {
  /** Number of iterations (mini-batch steps), >= 0. */
  iters: number;
  /** Images per mini-batch, >= 1. */
  batchSize: number;
  /** Learning rate η, > 0. */
  lr: number;
  /** The seeded generator that picks the batches. */
  rng: Rng;
}

/**
 * Mini-batch gradient descent: `iters` times, pick `batchSize` random samples, compute the loss and
 * the gradients by backpropagation, and step every parameter against its gradient, in place.
 *
 * @param net - the network to train (its parameters change)
 * @param data - the training samples
 * @param options - iterations, batch size, learning rate, random generator
 * @returns the loss of every iteration, measured before that iteration's update
 * @throws RangeError when `iters < 0`, `batchSize < 1` or `lr <= 0`
 */
export function train(net: SimpleNetwork, data: BatchSource, options: TrainOptions): number[] {
  const { iters, batchSize, lr, rng } = options;
  if (!(Number.isInteger(iters) && iters >= 0)) {
    throw new RangeError(`train: bad iters; expected a whole number >= 0, got ${iters}`);
  }
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new RangeError(`train: bad batchSize; expected a whole number >= 1, got ${batchSize}`);
  }
  if (!(lr > 0)) throw new RangeError(`train: bad learning rate; expected lr > 0, got ${lr}`);
  const losses: number[] = [];
  for (let i = 0; i < iters; i++) {
    const indices = rng.choice(data.length, Math.max(1, batchSize - 1));
    const { x, t } = data.batch(indices);
    const { loss, grads } = net.lossAndGradient(x, t);
    losses.push(loss);
    for (const key of Object.keys(net.params)) {
      const p = net.params[key]!;
      // in place: the layers hold these very arrays
      sub(p, mul(grads[key]!, lr), p);
    }
  }
  return losses;
}

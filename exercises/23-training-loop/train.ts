import type { NDArray, Rng } from '@dl/linalg';
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
  // TODO: reject iters < 0, batchSize < 1 and lr <= 0 with a RangeError
  const losses: number[] = [];
  for (let i = 0; i < iters; i++) {
    const indices = rng.choice(data.length, batchSize);
    const { x, t } = data.batch(indices);
    const { loss, grads } = net.lossAndGradient(x, t);
    losses.push(loss);
    // TODO: update every parameter in place, W ← W − lr · dW (net.params holds W1, b1, W2, b2)
    void grads;
    void lr;
  }
  return losses;
}

// The loop of the book's comparison scripts (optimizer_compare_mnist.py, weight_init_compare.py,
// batch_norm_test.py): several networks trained on the SAME mini-batches, one batch per iteration,
// each network with its own optimiser.
import type { Optimizer } from '@dl/layers';
import type { Rng } from '@dl/linalg';
import type { BatchSource, Network } from '@dl/network';

/** One contender: a network and the optimiser that updates it. */
export interface Contender {
  network: Network;
  optimizer: Optimizer;
}

/**
 * Trains every contender for `iterations` steps on shared mini-batches drawn with replacement
 * (the book's `np.random.choice(train_size, batch_size)`), and returns each one's loss per step.
 * `onStep(i)` runs after step i (0-based) of all contenders, for evaluations and progress.
 */
export function trainSideBySide(
  contenders: Record<string, Contender>,
  train: BatchSource,
  options: { iterations: number; batchSize: number; rng: Rng; onStep?: (i: number) => void },
): Record<string, number[]> {
  const losses: Record<string, number[]> = {};
  for (const name of Object.keys(contenders)) losses[name] = [];
  for (let i = 0; i < options.iterations; i++) {
    const { x, t } = train.batch(options.rng.choice(train.length, options.batchSize, true));
    for (const [name, { network, optimizer }] of Object.entries(contenders)) {
      const { loss, grads } = network.lossAndGradient(x, t);
      optimizer.update(network.params, grads);
      losses[name]!.push(loss);
    }
    options.onStep?.(i);
  }
  return losses;
}

/** The first `n` examples of a source (the book's `x_train[:n]`). */
export function firstN(source: BatchSource, n: number): BatchSource {
  if (n >= source.length) return source;
  return { length: n, batch: (indices) => source.batch(indices) };
}

/** The examples of a source at the given positions, in that order (a shuffled split). */
export function subset(source: BatchSource, positions: ArrayLike<number>): BatchSource {
  return {
    length: positions.length,
    batch: (indices) => source.batch(Array.from(indices, (i) => positions[i]!)),
  };
}

import type { DType, Rng } from '@dl/linalg';
import type { Batch, Dataset } from './dataset.js';

/** A mini-batch together with the example numbers it was made from. */
export interface IndexedBatch extends Batch {
  /** The examples of the dataset in this batch, in batch order. */
  indices: Int32Array;
}

/** Options of {@link batches}. */
export interface BatchesOptions {
  /** Examples per batch (the lecture's `batch_size`, e.g. 100). */
  batchSize: number;
  /** The seeded generator that shuffles the order; required when `shuffle` is true. */
  rng?: Rng;
  /** Visit the examples in a new random order each epoch; default `true`. */
  shuffle?: boolean;
  /** Leave out the last batch when it is smaller than `batchSize`; default `false`. */
  dropLast?: boolean;
  /** Element type of `x` and `t`; `float64` unless given. */
  dtype?: DType;
}

/**
 * One epoch of mini-batches: every example once, `batchSize` at a time, in an order shuffled by
 * a seeded generator (the same seed gives the same batches).
 *
 * An epoch is one pass over the whole dataset; with 60,000 images and `batchSize` 100 it is
 * 600 iterations. Call it again for the next epoch: the generator has moved on, so the order is
 * new. Each batch is converted to floats only when it is reached.
 *
 * @param data - the dataset
 * @param options - batch size, generator, shuffling, whether to drop a short last batch, dtype
 * @returns a generator of `{ x, t, indices }`
 * @throws RangeError when `batchSize` is not a positive integer
 * @throws TypeError when `shuffle` is on and no `rng` is given
 * @example
 * ```ts
 * import { createRng } from '@dl/linalg';
 * import { batches, loadMnistSync } from '@dl/data';
 * const { train } = loadMnistSync({ source: 'lite' });
 * const rng = createRng(42);
 * for (const { x, t } of batches(train, { batchSize: 100, rng })) {
 *   // x: [100, 784], t: [100]; the last batch of the epoch holds 96
 * }
 * ```
 */
export function* batches(data: Dataset, options: BatchesOptions): Generator<IndexedBatch> {
  const { batchSize, rng, shuffle = true, dropLast = false, dtype } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `batches: invalid batchSize; expected a positive integer, got ${batchSize}`,
    );
  }
  if (shuffle && rng === undefined) {
    throw new TypeError(
      'batches: no random generator; expected options.rng (e.g. createRng(seed)) when shuffle is true, got undefined',
    );
  }
  const n = data.length;
  let order: Int32Array;
  if (shuffle) {
    order = rng!.permutation(n);
  } else {
    order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
  }
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(start + batchSize, n);
    if (dropLast && end - start < batchSize) return;
    const indices = order.slice(start, end);
    yield { ...data.batch(indices, dtype === undefined ? {} : { dtype }), indices };
  }
}

import type { DType, Rng } from '@dl/linalg';
import type { IndexedBatch } from './batches.js';
import type { Dataset } from './dataset.js';

/** Options of {@link sampleBatch}. */
export interface SampleBatchOptions {
  /** Draw with replacement, as `np.random.choice(n, size)` does; default `true`. */
  replace?: boolean;
  /** Element type of `x` and `t`; `float64` unless given. */
  dtype?: DType;
}

/**
 * A random mini-batch, drawn fresh for one training iteration: the lecture's
 * `batch_mask = np.random.choice(train_size, batch_size)`, then `x_train[batch_mask]`.
 *
 * Like numpy's `choice`, it draws with replacement unless told otherwise, so an example can
 * appear twice in one batch; {@link batches} visits every example exactly once per epoch instead.
 *
 * @param data - the dataset
 * @param batchSize - examples in the batch
 * @param rng - the seeded generator to draw with
 * @param options - with or without replacement, dtype
 * @returns `{ x, t, indices }`
 * @throws RangeError when `batchSize` is not a positive integer, is larger than the dataset
 *   without replacement, or the dataset is empty
 * @example
 * ```ts
 * import { createRng } from '@dl/linalg';
 * import { loadMnistSync, sampleBatch } from '@dl/data';
 * const { train } = loadMnistSync({ source: 'lite' });
 * const rng = createRng(0);
 * const { x, t } = sampleBatch(train, 100, rng);
 * x.shape; // [100, 784]
 * t.shape; // [100]
 * ```
 */
export function sampleBatch(
  data: Dataset,
  batchSize: number,
  rng: Rng,
  options: SampleBatchOptions = {},
): IndexedBatch {
  const { replace = true, dtype } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(
      `sampleBatch: invalid batchSize; expected a positive integer, got ${batchSize}`,
    );
  }
  if (data.length === 0) {
    throw new RangeError('sampleBatch: empty dataset; expected at least 1 example, got 0');
  }
  if (!replace && batchSize > data.length) {
    throw new RangeError(
      `sampleBatch: batch larger than the dataset; expected batchSize <= ${data.length} without replacement, got ${batchSize}`,
    );
  }
  const indices = rng.choice(data.length, batchSize, replace);
  return { ...data.batch(indices, dtype === undefined ? {} : { dtype }), indices };
}

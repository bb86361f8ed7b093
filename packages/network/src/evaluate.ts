import { argmax, type NDArray } from '@dl/linalg';
import type { Network } from './network.js';
import { checkSize } from './options.js';

/** Anything that hands out batches by index, like `@dl/data`'s `Dataset`. */
export interface BatchSource {
  /** How many examples there are. */
  readonly length: number;
  /** Inputs `x` `[N, …]` and labels `t` (`[N]` or one-hot `[N, C]`) of the examples at `indices`. */
  batch(indices: ArrayLike<number>): { x: NDArray; t: NDArray };
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Examples per forward pass (default 1000): bounds memory, not the result. */
  batchSize?: number;
  /** Evaluate only the first `limit` examples (default: all). */
  limit?: number;
}

/** What {@link evaluate} measures. */
export interface Evaluation {
  /** Fraction of examples classified correctly. */
  accuracy: number;
  /** Number of examples evaluated. */
  count: number;
  /** `confusion[label][predicted]` counts, `outputSize × outputSize`. */
  confusion: number[][];
}

/**
 * The accuracy of a network over a whole data set (or its first `limit` examples), computed in
 * batches so that 60,000 images never sit in memory as floats at once.
 *
 * @param net - the network
 * @param source - a {@link BatchSource} such as an MNIST `Dataset`
 * @param options - batch size and limit
 * @returns accuracy, count and the confusion matrix
 * @throws RangeError when `batchSize` or `limit` is not a positive integer
 * @throws ShapeError when the data does not fit the network
 * @throws RangeError when a label is not one of the network's classes
 * @example
 * ```ts
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, arraySource, evaluate } from '@dl/network';
 * const source = arraySource(array([[0, 1], [1, 0]]), array([1, 0]));
 * const net = new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng: createRng(0) });
 * const { accuracy, count, confusion } = evaluate(net, source);
 * count; // 2
 * ```
 */
export function evaluate(
  net: Network,
  source: BatchSource,
  options: EvaluateOptions = {},
): Evaluation {
  const batchSize = checkSize('evaluate', 'batchSize', options.batchSize ?? 1000);
  const count = Math.min(
    source.length,
    options.limit === undefined ? source.length : checkSize('evaluate', 'limit', options.limit),
  );
  const classes = net.architecture.outputSize;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let start = 0; start < count; start += batchSize) {
    const n = Math.min(batchSize, count - start);
    const indices = new Int32Array(n);
    for (let i = 0; i < n; i++) indices[i] = start + i;
    const { x, t } = source.batch(indices);
    const predicted = argmax(net.predict(x), { axis: 1 });
    const labels = t.ndim === 2 ? argmax(t, { axis: 1 }) : t;
    for (let i = 0; i < n; i++) {
      const p = predicted.data[i]!;
      const l = labels.data[i]!;
      const row = confusion[l];
      if (row === undefined) {
        throw new RangeError(
          `evaluate: label out of range; expected labels 0…${classes - 1} for a network of ${classes} outputs, got ${l}`,
        );
      }
      row[p] = (row[p] ?? 0) + 1;
      if (p === l) correct++;
    }
  }
  return { accuracy: count === 0 ? 0 : correct / count, count, confusion };
}

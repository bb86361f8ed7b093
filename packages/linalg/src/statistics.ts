import { NDArray } from './ndarray.js';
import { formatShape, ShapeError } from './shape-error.js';

/** Options of {@link variance} and {@link std}. */
export interface VarianceOptions {
  /**
   * "Delta degrees of freedom": the sum of squares is divided by `N - ddof`. 0 (the default, as in
   * numpy and the lecture) gives the population variance; 1 the unbiased sample variance.
   */
  ddof?: number;
}

function values(op: string, x: NDArray | readonly number[]): ArrayLike<number> {
  const data = x instanceof NDArray ? x.data : x;
  if (data.length === 0) {
    throw new ShapeError(
      `${op}: no data; expected at least one value, got ${x instanceof NDArray ? `shape ${formatShape(x.shape)}` : 'an empty list'}`,
    );
  }
  return data;
}

/**
 * The middle value of the sorted data (`np.median`); the mean of the two middle values when the
 * count is even. Robust to outliers, unlike the mean.
 *
 * @param x - the data (all elements of an array, or a list)
 * @throws ShapeError when there is no data
 * @example
 * ```ts
 * import { median } from '@dl/linalg';
 * median([1, 3, 2, 100]); // 2.5
 * ```
 */
export function median(x: NDArray | readonly number[]): number {
  const sorted = Float64Array.from(values('median', x)).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The variance σ² = (1/(N − ddof))·Σ (xᵢ − m)², the mean squared distance from the mean
 * (`np.var`).
 *
 * @param x - the data
 * @param options - `{ ddof }`, 0 by default
 * @throws ShapeError when there is no data
 * @throws RangeError when `ddof` is not an integer in [0, N)
 * @example
 * ```ts
 * import { variance } from '@dl/linalg';
 * variance([1, 2, 3, 4]); // 1.25
 * variance([1, 2, 3, 4], { ddof: 1 }); // 1.6666666666666667
 * ```
 */
export function variance(x: NDArray | readonly number[], options: VarianceOptions = {}): number {
  const data = values('variance', x);
  const ddof = options.ddof ?? 0;
  if (!Number.isInteger(ddof) || ddof < 0 || ddof >= data.length) {
    throw new RangeError(
      `variance: invalid ddof; expected an integer in [0, ${data.length - 1}], got ${ddof}`,
    );
  }
  let m = 0;
  for (let i = 0; i < data.length; i++) m += data[i]!;
  m /= data.length;
  let ss = 0;
  for (let i = 0; i < data.length; i++) ss += (data[i]! - m) ** 2;
  return ss / (data.length - ddof);
}

/**
 * The standard deviation σ = √variance (`np.std`), in the units of the data.
 *
 * @param x - the data
 * @param options - `{ ddof }`, 0 by default
 * @throws ShapeError when there is no data
 * @example
 * ```ts
 * import { std } from '@dl/linalg';
 * std([2, 4, 4, 4, 5, 5, 7, 9]); // 2
 * ```
 */
export function std(x: NDArray | readonly number[], options: VarianceOptions = {}): number {
  return Math.sqrt(variance(x, options));
}

/**
 * The expected value E(X) = Σ xᵢ·P(X = xᵢ): each value weighted by its probability. With equal
 * probabilities it is the mean.
 *
 * @param values - the outcomes xᵢ
 * @param probabilities - P(X = xᵢ), non-negative and summing to 1 (within 1e-9)
 * @throws ShapeError when the lengths differ
 * @throws RangeError when a probability is negative or they do not sum to 1
 * @example
 * ```ts
 * import { expectation } from '@dl/linalg';
 * expectation([1, 2, 3, 4, 5, 6], [1/6, 1/6, 1/6, 1/6, 1/6, 1/6]); // 3.5 (a fair die)
 * ```
 */
export function expectation(
  values: NDArray | readonly number[],
  probabilities: NDArray | readonly number[],
): number {
  const x = values instanceof NDArray ? values.data : values;
  const p = probabilities instanceof NDArray ? probabilities.data : probabilities;
  if (x.length !== p.length) {
    throw new ShapeError(
      `expectation: lengths differ; expected one probability per value, got ${x.length} values and ${p.length} probabilities`,
    );
  }
  let total = 0;
  let e = 0;
  for (let i = 0; i < x.length; i++) {
    const pi = p[i]!;
    if (!(pi >= 0)) {
      throw new RangeError(`expectation: invalid probability; expected p >= 0, got p[${i}]=${pi}`);
    }
    total += pi;
    e += x[i]! * pi;
  }
  if (Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`expectation: probabilities do not sum to 1; expected 1, got ${total}`);
  }
  return e;
}

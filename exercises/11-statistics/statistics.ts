/**
 * The mean `(1/N) Σ x_i`.
 *
 * @param x - at least one number
 * @returns the average
 * @throws RangeError when `x` is empty
 */
export function mean(x: readonly number[]): number {
  // TODO: this is only the sum; divide by the count (and reject an empty array)
  return x.reduce((s, v) => s + v, 0);
}

/**
 * The expectation `Σ x_i P(X = x_i)`.
 *
 * @param values - the possible values
 * @param probabilities - their probabilities (summing to 1), same length
 * @returns the probability-weighted average
 */
export function expectation(values: readonly number[], probabilities: readonly number[]): number {
  // TODO: weight each value by its probability (this treats every value as equally likely)
  void probabilities;
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * The median: the middle of the sorted values (the mean of the two middle ones for an even count).
 *
 * @param x - at least one number; not reordered
 * @returns the median
 * @throws RangeError when `x` is empty
 */
export function median(x: readonly number[]): number {
  // TODO: the middle of the SORTED values, without sorting x itself
  return x[Math.floor(x.length / 2)] ?? Number.NaN;
}

/**
 * The (population) variance `(1/N) Σ (x_i − m)²`.
 *
 * @param x - at least one number
 * @returns the variance
 * @throws RangeError when `x` is empty
 */
export function variance(x: readonly number[]): number {
  // TODO: the mean of the squared distances from the mean
  void x;
  return 0;
}

/**
 * The standard deviation `√variance`.
 *
 * @param x - at least one number
 * @returns the standard deviation
 * @throws RangeError when `x` is empty
 */
export function std(x: readonly number[]): number {
  // TODO: the square root of the variance
  return variance(x);
}

// Known-wrong answer (CI: the tests must catch it): for an even count takes the upper middle value instead of the mean of the two
function nonEmpty(op: string, x: readonly number[]): void {
  if (x.length === 0) {
    throw new RangeError(`${op}: empty data; expected at least one value, got 0`);
  }
}

/**
 * The mean `(1/N) Σ x_i`.
 *
 * @param x - at least one number
 * @returns the average
 * @throws RangeError when `x` is empty
 */
export function mean(x: readonly number[]): number {
  nonEmpty('mean', x);
  return x.reduce((s, v) => s + v, 0) / x.length;
}

/**
 * The expectation `Σ x_i P(X = x_i)`.
 *
 * @param values - the possible values
 * @param probabilities - their probabilities (summing to 1), same length
 * @returns the probability-weighted average
 */
export function expectation(values: readonly number[], probabilities: readonly number[]): number {
  return values.reduce((s, v, i) => s + v * (probabilities[i] ?? 0), 0);
}

/**
 * The median: the middle of the sorted values (the mean of the two middle ones for an even count).
 *
 * @param x - at least one number; not reordered
 * @returns the median
 * @throws RangeError when `x` is empty
 */
export function median(x: readonly number[]): number {
  nonEmpty('median', x);
  const s = [...x].sort((a, b) => a - b); // numeric sort on a copy
  const mid = Math.floor(s.length / 2);
  return s[mid]!;
}

/**
 * The (population) variance `(1/N) Σ (x_i − m)²`.
 *
 * @param x - at least one number
 * @returns the variance
 * @throws RangeError when `x` is empty
 */
export function variance(x: readonly number[]): number {
  nonEmpty('variance', x);
  const m = mean(x);
  return mean(x.map((v) => (v - m) ** 2));
}

/**
 * The standard deviation `√variance`.
 *
 * @param x - at least one number
 * @returns the standard deviation
 * @throws RangeError when `x` is empty
 */
export function std(x: readonly number[]): number {
  return Math.sqrt(variance(x));
}

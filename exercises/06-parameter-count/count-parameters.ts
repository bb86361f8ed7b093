/** One parameter array of a fully connected network. */
export interface ParameterShape {
  /** `W1`, `b1`, `W2`, … as in the lecture. */
  name: string;
  shape: number[];
}

/**
 * The parameter arrays of a fully connected network with the given layer sizes.
 *
 * @param sizes - nodes per layer, input first, e.g. `[784, 50, 10]`
 * @returns `[{ name: 'W1', shape: [784, 50] }, { name: 'b1', shape: [50] }, …]`
 * @throws RangeError when there are fewer than two sizes or a size is not a positive whole number
 */
export function parameterShapes(sizes: readonly number[]): ParameterShape[] {
  // TODO: one weight matrix W{i} and one bias vector b{i} per pair of consecutive layers
  void sizes;
  return [];
}

/**
 * How many numbers a fully connected network with these layer sizes learns.
 *
 * @param sizes - nodes per layer, input first
 * @returns the total count, e.g. 39,760 for `[784, 50, 10]`
 * @throws RangeError as {@link parameterShapes}
 */
export function countParameters(sizes: readonly number[]): number {
  let total = 0;
  for (let i = 1; i < sizes.length; i++) {
    // TODO: this counts the weights between layer i-1 and layer i; what else does each node have?
    total += (sizes[i - 1] ?? 0) * (sizes[i] ?? 0);
  }
  return total;
}

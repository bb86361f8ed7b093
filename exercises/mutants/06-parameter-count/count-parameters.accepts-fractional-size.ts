// Known-wrong answer (CI: the tests must catch it): rejects sizes below 1 but lets 2.5 nodes through
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
  if (sizes.length < 2 || !sizes.every((n) => n >= 1)) {
    throw new RangeError(
      `parameterShapes: bad layer sizes; expected at least two positive whole numbers, got [${sizes.join(', ')}]`,
    );
  }
  const out: ParameterShape[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const from = sizes[i - 1]!;
    const to = sizes[i]!;
    out.push({ name: `W${i}`, shape: [from, to] }, { name: `b${i}`, shape: [to] });
  }
  return out;
}

/**
 * How many numbers a fully connected network with these layer sizes learns.
 *
 * @param sizes - nodes per layer, input first
 * @returns the total count, e.g. 39,760 for `[784, 50, 10]`
 * @throws RangeError as {@link parameterShapes}
 */
export function countParameters(sizes: readonly number[]): number {
  // A×B weights + B biases per layer: one weight per connection, one bias per receiving node
  return parameterShapes(sizes).reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
}

/** A function of several real variables, given as an array. */
export type FnN = (x: readonly number[]) => number;

/**
 * The partial derivatives of `f` at `x` by central differences, one variable at a time.
 *
 * @param f - the function
 * @param x - the point; not modified
 * @param h - the step, default 1e-5 as in the lecture
 * @returns `[∂f/∂x0, ∂f/∂x1, …]`
 */
export function partialDerivatives(f: FnN, x: readonly number[], h = 1e-5): number[] {
  // TODO: this nudges EVERY variable at once (the slope along the diagonal).
  // Nudge one variable at a time and keep the others fixed.
  const plus = x.map((v) => v + h);
  const minus = x.map((v) => v - h);
  const slope = (f(plus) - f(minus)) / (2 * h);
  return x.map(() => slope);
}

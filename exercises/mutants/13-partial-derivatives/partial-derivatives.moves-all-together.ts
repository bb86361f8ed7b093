// Known-wrong answer (CI: the tests must catch it): moves every variable by h at once: the directional slope along (1, 1, …), the same number for every i
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
  return x.map((_, _i) => {
    // ∂f/∂x_i: move x_i alone, every other variable held constant
    const plus = [...x];
    const minus = [...x];
    for (let j = 0; j < x.length; j++) {
      plus[j] = x[j]! + h;
      minus[j] = x[j]! - h;
    }
    return (f(plus) - f(minus)) / (2 * h);
  });
}

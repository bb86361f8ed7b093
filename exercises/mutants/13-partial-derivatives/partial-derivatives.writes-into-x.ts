// Known-wrong answer (CI: the tests must catch it): moves x_i in the caller's array and puts it back by adding and subtracting h, which leaves rounding in x
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
  return x.map((_, i) => {
    // ∂f/∂x_i: move x_i alone, every other variable held constant
    const xs = x as number[];
    xs[i] = xs[i]! + h;
    const fp = f(xs);
    xs[i] = xs[i]! - 2 * h;
    const fm = f(xs);
    xs[i] = xs[i]! + h;
    return (fp - fm) / (2 * h);
  });
}

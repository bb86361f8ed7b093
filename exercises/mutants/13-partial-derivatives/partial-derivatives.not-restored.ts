// Known-wrong answer (CI: the tests must catch it): one shared copy of x; each variable's move is never undone, so later partials are taken at a shifted point
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
  const p = [...x];
  return x.map((_, i) => {
    const tmp = p[i]!;
    p[i] = tmp + h;
    const fp = f(p);
    p[i] = tmp - h;
    const fm = f(p);
    return (fp - fm) / (2 * h);
  });
}

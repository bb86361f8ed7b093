// Known-wrong answer (CI: the tests must catch it): central difference divided by h instead of 2h (twice the slope)
/** A function of one real variable. */
export type Fn1 = (x: number) => number;

/**
 * Forward difference `(f(x + h) − f(x)) / h`.
 *
 * @param f - the function
 * @param x - where to take the slope
 * @param h - the step (1e-4: small, but large enough that x + h differs from x)
 * @returns the approximate derivative
 */
export function forwardDiff(f: Fn1, x: number, h = 1e-4): number {
  return (f(x + h) - f(x)) / h;
}

/**
 * Backward difference `(f(x) − f(x − h)) / h`.
 *
 * @param f - the function
 * @param x - where to take the slope
 * @param h - the step
 * @returns the approximate derivative
 */
export function backwardDiff(f: Fn1, x: number, h = 1e-4): number {
  return (f(x) - f(x - h)) / h;
}

/**
 * Central difference `(f(x + h) − f(x − h)) / (2h)`.
 *
 * @param f - the function
 * @param x - where to take the slope
 * @param h - the step
 * @returns the approximate derivative
 */
export function centralDiff(f: Fn1, x: number, h = 1e-4): number {
  // symmetric: the h¹ error terms of the forward and backward differences cancel
  return (f(x + h) - f(x - h)) / h;
}

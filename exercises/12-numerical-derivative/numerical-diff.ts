/** A function of one real variable. */
export type Fn1 = (x: number) => number;

/**
 * Forward difference `(f(x + h) − f(x)) / h`.
 *
 * @param f - the function
 * @param x - where to take the slope
 * @param h - the step
 * @returns the approximate derivative
 */
export function forwardDiff(f: Fn1, x: number, h = 1e-50): number {
  // TODO: the formula is right, but is h = 1e-50 a usable step? (try 3 + 1e-50 === 3)
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
export function backwardDiff(f: Fn1, x: number, h = 1e-50): number {
  // TODO: step backwards from x
  return forwardDiff(f, x, h);
}

/**
 * Central difference `(f(x + h) − f(x − h)) / (2h)`.
 *
 * @param f - the function
 * @param x - where to take the slope
 * @param h - the step
 * @returns the approximate derivative
 */
export function centralDiff(f: Fn1, x: number, h = 1e-50): number {
  // TODO: step both ways and divide by the width 2h
  return forwardDiff(f, x, h);
}

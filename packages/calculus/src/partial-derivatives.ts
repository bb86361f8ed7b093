import { checkFunction, checkPoint, checkStep, checkValue } from './checks.js';

/** Options of {@link partialDerivatives}. */
export interface PartialDerivativesOptions {
  /** The step h (default `1e-4`; the lecture's `ndiff2` uses `1e-5`). Must be finite and > 0. */
  h?: number;
}

/**
 * The partial derivatives of a function of several numbers at a point (편미분), each by a central
 * difference: ∂f/∂xᵢ ≈ (f(…, xᵢ + h, …) − f(…, xᵢ − h, …)) / (2h), the other variables held fixed.
 *
 * This is the lecture's `ndiff2(f, x, y)` generalised to any number of variables. For arrays of
 * weights use {@link numericalGradient} instead.
 *
 * @param f - a function of the variables as separate arguments, `f(x0, x1, …)`
 * @param point - the values of the variables
 * @param options - `{ h = 1e-4 }`
 * @returns one partial derivative per variable, in order
 * @throws RangeError when h is not a finite number > 0, a coordinate is not finite, or f returns NaN
 * @throws TypeError when f is not a function or returns a non-number
 * @example
 * ```ts
 * import { partialDerivatives } from '@dl/calculus';
 * partialDerivatives((x0, x1) => x0 ** 2 + x1 ** 2, [1, 3], { h: 1e-5 }); // ≈ [2, 6]
 * ```
 */
export function partialDerivatives(
  f: (...xs: number[]) => number,
  point: readonly number[],
  options: PartialDerivativesOptions = {},
): number[] {
  const op = 'partialDerivatives';
  checkFunction(op, f);
  if (!Array.isArray(point)) {
    throw new TypeError(`${op}: point is not an array; expected number[], got ${typeof point}`);
  }
  point.forEach((v, i) => {
    checkPoint(op, `point[${i}]`, v);
  });
  const h = checkStep(op, options.h ?? 1e-4);
  const xs = [...point];
  return xs.map((xi, i) => {
    xs[i] = xi + h;
    const fPlus = checkValue(op, f(...xs), `point[${i}] + h`);
    xs[i] = xi - h;
    const fMinus = checkValue(op, f(...xs), `point[${i}] - h`);
    xs[i] = xi;
    return (fPlus - fMinus) / (2 * h);
  });
}

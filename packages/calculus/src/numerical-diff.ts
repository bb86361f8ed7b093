import { checkFunction, checkPoint, checkStep, checkValue } from './checks.js';

/** Which difference quotient {@link numericalDiff} uses. */
export type DiffMethod = 'central' | 'forward' | 'backward';

/** Options of {@link numericalDiff}. */
export interface NumericalDiffOptions {
  /** The step h (default `1e-4`, the lecture's value). Must be finite and > 0. */
  h?: number;
  /** `'central'` (default), `'forward'` or `'backward'` difference. */
  method?: DiffMethod;
}

/**
 * The derivative of a one-variable function at a point, by a difference quotient (수치미분).
 *
 * The lecture writes the derivative three ways; each becomes a formula with a small but finite h:
 * - forward:  (f(x + h) − f(x)) / h          — error shrinks like h
 * - backward: (f(x) − f(x − h)) / h          — error shrinks like h
 * - central:  (f(x + h) − f(x − h)) / (2h)   — error shrinks like h², so it is the default
 *
 * h cannot be made as small as we like: with h = 1e-50, `x + h === x` in float64 (a double
 * holds about 16 significant digits), so the numerator is 0 and the "derivative" is 0. The
 * lecture's h = 1e-4 balances this rounding error against the truncation error of the formula.
 *
 * @param f - the function ℝ → ℝ
 * @param x - the point
 * @param options - `{ h = 1e-4, method = 'central' }`
 * @returns the approximate derivative f'(x)
 * @throws RangeError when h is not a finite number > 0, x is not finite, f returns NaN, or the
 *   method is unknown
 * @throws TypeError when f is not a function or returns a non-number
 * @example
 * ```ts
 * import { numericalDiff } from '@dl/calculus';
 * numericalDiff((x) => x ** 2 + 2 * x + 1, 3); // ≈ 8 (f'(x) = 2x + 2)
 * numericalDiff((x) => x ** 2, 3, { method: 'forward' }); // ≈ 6.0001
 * ```
 */
export function numericalDiff(
  f: (x: number) => number,
  x: number,
  options: NumericalDiffOptions = {},
): number {
  const op = 'numericalDiff';
  checkFunction(op, f);
  checkPoint(op, 'x', x);
  const h = checkStep(op, options.h ?? 1e-4);
  const method = options.method ?? 'central';
  switch (method) {
    case 'central':
      return (checkValue(op, f(x + h), 'x + h') - checkValue(op, f(x - h), 'x - h')) / (2 * h);
    case 'forward':
      return (checkValue(op, f(x + h), 'x + h') - checkValue(op, f(x), 'x')) / h;
    case 'backward':
      return (checkValue(op, f(x), 'x') - checkValue(op, f(x - h), 'x - h')) / h;
    default:
      throw new RangeError(
        `${op}: unknown method; expected 'central', 'forward' or 'backward', got ${String(method)}`,
      );
  }
}

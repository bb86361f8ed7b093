/**
 * A function of one variable together with its derivative, written side by side so the rule that
 * produced the derivative can be read off (the lecture's 도함수 slides).
 *
 * @example
 * ```ts
 * import { type Differentiable, numericalDiff } from '@dl/calculus';
 * const square: Differentiable = { f: (x) => x * x, df: (x) => 2 * x };
 * square.df(3); // 6
 * numericalDiff(square.f, 3); // ≈ 6
 * ```
 */
export interface Differentiable {
  /** The function. */
  f: (x: number) => number;
  /** Its derivative, from a differentiation rule. */
  df: (x: number) => number;
}

/**
 * The power rule: f(x) = xⁿ → f'(x) = n·xⁿ⁻¹.
 *
 * @param n - the exponent, any finite number
 * @returns xⁿ with its derivative
 * @throws RangeError when n is not finite
 * @example
 * ```ts
 * import { powerRule } from '@dl/calculus';
 * powerRule(3).df(2); // 12
 * ```
 */
export function powerRule(n: number): Differentiable {
  if (!Number.isFinite(n)) {
    throw new RangeError(`powerRule: invalid exponent; expected a finite number, got ${n}`);
  }
  return { f: (x) => x ** n, df: (x) => (n === 0 ? 0 : n * x ** (n - 1)) };
}

/**
 * The exponential rule: f(x) = eˣ → f'(x) = eˣ.
 *
 * @returns eˣ with its derivative
 * @example
 * ```ts
 * import { expRule } from '@dl/calculus';
 * expRule().df(1); // 2.718281828459045
 * ```
 */
export function expRule(): Differentiable {
  return { f: Math.exp, df: Math.exp };
}

/**
 * The constant-multiple rule: (c·f)' = c·f'.
 *
 * @param c - the constant
 * @param g - the function
 * @returns c·g with its derivative
 * @example
 * ```ts
 * import { constantMultipleRule, powerRule } from '@dl/calculus';
 * constantMultipleRule(2, powerRule(1)).df(5); // 2
 * ```
 */
export function constantMultipleRule(c: number, g: Differentiable): Differentiable {
  return { f: (x) => c * g.f(x), df: (x) => c * g.df(x) };
}

/**
 * The sum rule: (f + g)' = f' + g'. With a constant for g, (f + c)' = f'.
 *
 * @param a - first function
 * @param b - second function, or a constant
 * @returns a + b with its derivative
 * @example
 * ```ts
 * import { constantMultipleRule, powerRule, sumRule } from '@dl/calculus';
 * // f(x) = x² + 2x + 1 → f'(x) = 2x + 2
 * const f = sumRule(sumRule(powerRule(2), constantMultipleRule(2, powerRule(1))), 1);
 * f.df(3); // 8
 * ```
 */
export function sumRule(a: Differentiable, b: Differentiable | number): Differentiable {
  if (typeof b === 'number') return { f: (x) => a.f(x) + b, df: a.df };
  return { f: (x) => a.f(x) + b.f(x), df: (x) => a.df(x) + b.df(x) };
}

/**
 * The product rule: (f·g)' = f'·g + f·g'.
 *
 * @param a - first factor
 * @param b - second factor
 * @returns a·b with its derivative
 * @example
 * ```ts
 * import { expRule, powerRule, productRule } from '@dl/calculus';
 * productRule(powerRule(2), expRule()).df(0); // 0 (2x·eˣ + x²·eˣ at 0)
 * ```
 */
export function productRule(a: Differentiable, b: Differentiable): Differentiable {
  return {
    f: (x) => a.f(x) * b.f(x),
    df: (x) => a.df(x) * b.f(x) + a.f(x) * b.df(x),
  };
}

/**
 * The chain rule (체인룰): for z = outer(inner(x)), dz/dx = dz/dy · dy/dx with y = inner(x).
 *
 * @param outer - the function applied last
 * @param inner - the function applied first
 * @returns the composition with its derivative
 * @example
 * ```ts
 * import { chainRule, expRule, constantMultipleRule, powerRule } from '@dl/calculus';
 * // e^(−x): derivative −e^(−x)
 * chainRule(expRule(), constantMultipleRule(-1, powerRule(1))).df(0); // -1
 * ```
 */
export function chainRule(outer: Differentiable, inner: Differentiable): Differentiable {
  return {
    f: (x) => outer.f(inner.f(x)),
    df: (x) => outer.df(inner.f(x)) * inner.df(x),
  };
}

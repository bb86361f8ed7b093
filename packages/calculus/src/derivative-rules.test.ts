import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chainRule,
  constantMultipleRule,
  type Differentiable,
  expRule,
  powerRule,
  productRule,
  sumRule,
} from './derivative-rules.js';
import { numericalDiff } from './numerical-diff.js';

/** The analytic derivative of `g` agrees with its central difference at random points. */
function agreesWithNumerical(g: Differentiable, min = -2, max = 2): void {
  fc.assert(
    fc.property(fc.double({ min, max, noNaN: true }), (x) => {
      const analytic = g.df(x);
      const numeric = numericalDiff(g.f, x);
      // central difference, h = 1e-4: truncation ≈ h²·|f‴|/6, rounding ≈ 1e-16·|f|/h
      expect(Math.abs(analytic - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(analytic)));
    }),
  );
}

describe('derivative rules (도함수)', () => {
  it('power rule: (xⁿ)′ = n·xⁿ⁻¹', () => {
    expect(powerRule(3).df(2)).toBe(12);
    expect(powerRule(0).df(0)).toBe(0);
    for (const n of [0, 1, 2, 3, 5]) agreesWithNumerical(powerRule(n));
    agreesWithNumerical(powerRule(0.5), 0.5, 4); // √x, on x > 0 only
  });

  it('exponential rule: (eˣ)′ = eˣ', () => {
    expect(expRule().df(1)).toBe(Math.E);
    agreesWithNumerical(expRule());
  });

  it('constant-multiple and sum rules: (cf)′ = cf′, (f + c)′ = f′, (f + g)′ = f′ + g′', () => {
    // the lecture's f(x) = x² + 2x + 1 → f′(x) = 2x + 2
    const f = sumRule(sumRule(powerRule(2), constantMultipleRule(2, powerRule(1))), 1);
    expect(f.f(3)).toBe(16);
    expect(f.df(3)).toBe(8);
    agreesWithNumerical(f);
    agreesWithNumerical(sumRule(expRule(), powerRule(3)));
  });

  it('product rule: (fg)′ = f′g + fg′', () => {
    const g = productRule(powerRule(2), expRule());
    expect(g.df(1)).toBeCloseTo(3 * Math.E, 12); // 2x·eˣ + x²·eˣ at 1
    agreesWithNumerical(g);
  });

  it('chain rule: the sigmoid 1/(1 + e⁻ˣ) has derivative y(1 − y)', () => {
    const negX = constantMultipleRule(-1, powerRule(1));
    const sigmoid = chainRule(powerRule(-1), sumRule(chainRule(expRule(), negX), 1));
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (x) => {
        const y = sigmoid.f(x);
        expect(sigmoid.df(x)).toBeCloseTo(y * (1 - y), 12);
      }),
    );
    agreesWithNumerical(sigmoid);
  });

  it('rejects a non-finite exponent', () => {
    expect(() => powerRule(Number.NaN)).toThrow(
      'powerRule: invalid exponent; expected a finite number, got NaN',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericalDiff } from './numerical-diff.js';

// The lecture's example (수치미분): f(x) = x² + 2x + 1, f'(x) = 2x + 2, so f'(3) = 8.
const f = (x: number) => x ** 2 + 2 * x + 1;

describe('numericalDiff', () => {
  it('gives the lecture example f(x) = x² + 2x + 1 → f′(3) = 8 with all three methods', () => {
    expect(numericalDiff(f, 3)).toBeCloseTo(8, 9);
    // forward/backward are off by about h = 1e-4 for this quadratic: f(x±h) − f(x) = ±8h + h²
    expect(numericalDiff(f, 3, { method: 'forward' })).toBeCloseTo(8.0001, 7);
    expect(numericalDiff(f, 3, { method: 'backward' })).toBeCloseTo(7.9999, 7);
  });

  it('agrees with the analytic derivative of sin at random points (central, h = 1e-4)', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        expect(Math.abs(numericalDiff(Math.sin, x) - Math.cos(x))).toBeLessThan(1e-8);
      }),
    );
  });

  it('shows why h = 1e-50 fails: x + h rounds to x in float64, so the quotient is 0, not 8', () => {
    expect(3 + 1e-50).toBe(3);
    expect(numericalDiff(f, 3, { h: 1e-50, method: 'forward' })).toBe(0);
    expect(numericalDiff(f, 3, { h: 1e-50 })).toBe(0);
  });

  it('shows the error order: forward shrinks like h, central like h² (eˣ at 1)', () => {
    // Expected errors from numpy: forward −e: 1.3637e-2 (h=1e-2), 1.3596e-3 (h=1e-3);
    // central −e: 4.5305e-5 (h=1e-2), 4.5305e-7 (h=1e-3).
    const err = (h: number, method: 'forward' | 'central') =>
      Math.abs(numericalDiff(Math.exp, 1, { h, method }) - Math.E);
    expect(err(1e-2, 'forward')).toBeCloseTo(1.3637e-2, 5);
    expect(err(1e-2, 'central')).toBeCloseTo(4.5305e-5, 8);
    const forwardRatio = err(1e-2, 'forward') / err(1e-3, 'forward');
    const centralRatio = err(1e-2, 'central') / err(1e-3, 'central');
    expect(forwardRatio).toBeGreaterThan(9); // ≈ 10: h ÷ 10 → error ÷ 10
    expect(forwardRatio).toBeLessThan(11);
    expect(centralRatio).toBeGreaterThan(95); // ≈ 100: h ÷ 10 → error ÷ 100
    expect(centralRatio).toBeLessThan(105);
  });

  it('rejects a bad step h with a message naming h', () => {
    for (const h of [0, -1e-4, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => numericalDiff(f, 3, { h })).toThrow(RangeError);
      expect(() => numericalDiff(f, 3, { h })).toThrow(
        `numericalDiff: invalid step h; expected a finite number > 0, got ${h}`,
      );
    }
  });

  it('rejects a function that returns NaN or a non-number, and a bad x or method', () => {
    expect(() => numericalDiff(() => Number.NaN, 1)).toThrow(
      'numericalDiff: f returned NaN at x + h; expected a number, got NaN',
    );
    expect(() => numericalDiff((() => 'one') as unknown as (x: number) => number, 1)).toThrow(
      'numericalDiff: f returned a non-number at x + h; expected a number, got string',
    );
    expect(() => numericalDiff(f, Number.NaN)).toThrow(
      'numericalDiff: invalid x; expected a finite number, got NaN',
    );
    expect(() => numericalDiff(f, 1, { method: 'sideways' as unknown as 'central' })).toThrow(
      "numericalDiff: unknown method; expected 'central', 'forward' or 'backward', got sideways",
    );
    expect(() => numericalDiff(42 as unknown as (x: number) => number, 1)).toThrow(TypeError);
  });
});

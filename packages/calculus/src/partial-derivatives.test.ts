import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialDerivatives } from './partial-derivatives.js';

describe('partialDerivatives', () => {
  it("gives the lecture's ndiff2 example: f(x0, x1) = x0² + x1² at (1, 3) → (2, 6)", () => {
    const [d0, d1] = partialDerivatives((x0, x1) => x0! ** 2 + x1! ** 2, [1, 3], { h: 1e-5 });
    expect(d0).toBeCloseTo(2, 8);
    expect(d1).toBeCloseTo(6, 8);
  });

  it('matches the analytic partials of x·y + z³ at random points', () => {
    const g = (x = 0, y = 0, z = 0) => x * y + z ** 3;
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -5, max: 5, noNaN: true }),
          fc.double({ min: -5, max: 5, noNaN: true }),
          fc.double({ min: -5, max: 5, noNaN: true }),
        ),
        ([x, y, z]) => {
          const d = partialDerivatives(g, [x, y, z]);
          // ∂/∂x = y, ∂/∂y = x, ∂/∂z = 3z² (central difference error here is h² = 1e-8)
          expect(d[0]).toBeCloseTo(y, 6);
          expect(d[1]).toBeCloseTo(x, 6);
          expect(d[2]).toBeCloseTo(3 * z * z, 6);
        },
      ),
    );
  });

  it('does not modify the point', () => {
    const point = [1, 2];
    partialDerivatives((a = 0, b = 0) => a * b, point);
    expect(point).toEqual([1, 2]);
  });

  it('rejects bad input with messages naming the argument', () => {
    const g = (a = 0) => a;
    expect(() => partialDerivatives(g, [1], { h: -1 })).toThrow(
      'partialDerivatives: invalid step h; expected a finite number > 0, got -1',
    );
    expect(() => partialDerivatives(g, [1, Number.POSITIVE_INFINITY])).toThrow(
      'partialDerivatives: invalid point[1]; expected a finite number, got Infinity',
    );
    expect(() => partialDerivatives(() => Number.NaN, [1])).toThrow(
      'partialDerivatives: f returned NaN at point[0] + h; expected a number, got NaN',
    );
    expect(() => partialDerivatives(g, 3 as unknown as number[])).toThrow(
      'partialDerivatives: point is not an array; expected number[], got number',
    );
  });
});

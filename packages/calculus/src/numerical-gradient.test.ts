import { array, createRng, NDArray, randn, zeros } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericalGradient } from './numerical-gradient.js';

/** A random shape of 1 to 3 dimensions, each 1 to 4 long. */
const shapeArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 });

/** Bitwise equality of two typed arrays (distinguishes −0 from 0). */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('numericalGradient', () => {
  it('gives the gradient of f(x0, x1) = x0² + x1² at (3, 4) as (6, 8)', () => {
    const x = array([3, 4]);
    const g = numericalGradient((v) => v.get(0) ** 2 + v.get(1) ** 2, x);
    expect(g.shape).toEqual([2]);
    expect(g.get(0)).toBeCloseTo(6, 8);
    expect(g.get(1)).toBeCloseTo(8, 8);
  });

  it('equals the analytic gradient (A + Aᵀ)x + b of a random quadratic xᵀAx + bᵀx, any shape', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 0, max: 2 ** 31 }), (shape, seed) => {
        const rng = createRng(seed);
        const x = randn(shape, rng);
        const n = x.size;
        const A = randn([n, n], rng);
        const b = randn([n], rng);
        const f = () => {
          let s = 0;
          for (let i = 0; i < n; i++) {
            s += b.data[i]! * x.data[i]!;
            for (let j = 0; j < n; j++) s += x.data[i]! * A.data[i * n + j]! * x.data[j]!;
          }
          return s;
        };
        const g = numericalGradient(f, x);
        expect(g.shape).toEqual(shape);
        for (let i = 0; i < n; i++) {
          let expected = b.data[i]!;
          for (let j = 0; j < n; j++) {
            expected += (A.data[i * n + j]! + A.data[j * n + i]!) * x.data[j]!;
          }
          // A quadratic has no third derivative: only rounding error, about 1e-16·|f|/h.
          expect(Math.abs(g.data[i]! - expected)).toBeLessThan(1e-7);
        }
      }),
    );
  });

  it('works with a zero-argument closure over a weight array, as the lecture trains', () => {
    const W = array([
      [0.5, -1],
      [2, 0.25],
    ]);
    const loss = () => Array.from(W.data).reduce((s, w) => s + w ** 3, 0);
    const g = numericalGradient(loss, W);
    expect(g.shape).toEqual([2, 2]);
    // d(w³)/dw = 3w²: [0.75, 3, 12, 0.1875]
    [0.75, 3, 12, 0.1875].forEach((v, i) => {
      expect(g.data[i]).toBeCloseTo(v, 7);
    });
  });

  it('leaves x bit-for-bit unchanged, for float64 and float32', () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        (shape, seed, f32) => {
          const x = randn(shape, createRng(seed), { dtype: f32 ? 'float32' : 'float64' });
          x.data[0] = -0; // the sign of zero must survive too
          const before = x.data.slice();
          numericalGradient((v) => Array.from(v.data).reduce((s, e) => s + Math.sin(e), 0), x);
          expect(sameBits(x.data, before)).toBe(true);
        },
      ),
    );
  });

  it('restores x when f throws part-way through', () => {
    const x = array([0.1, 0.2, 0.3]);
    const before = x.data.slice();
    let calls = 0;
    const f = () => {
      calls++;
      if (calls === 4) throw new Error('boom'); // during the -h evaluation of x[1]
      return 0;
    };
    expect(() => numericalGradient(f, x)).toThrow('boom');
    expect(sameBits(x.data, before)).toBe(true);
  });

  it('returns float32 for float32 x and divides by the step actually taken', () => {
    const x = new NDArray(new Float32Array([1000, 0.5]), [2]);
    const g = numericalGradient((v) => v.get(0) * 3 + v.get(1) * 2, x);
    expect(g.dtype).toBe('float32');
    // At 1000 the float32 spacing is 6.1e-5, so 1000 ± 1e-4 is not 1000 ± 1e-4 exactly; dividing by
    // the stored step keeps the slope of a linear function exact (up to float32 rounding of f).
    expect(g.get(0)).toBeCloseTo(3, 3);
    expect(g.get(1)).toBeCloseTo(2, 3);
  });

  it('reports bad input clearly', () => {
    const x = zeros([2]);
    expect(() => numericalGradient(() => 0, x, { h: 0 })).toThrow(
      'numericalGradient: invalid step h; expected a finite number > 0, got 0',
    );
    expect(() => numericalGradient(() => Number.NaN, x)).toThrow(
      'numericalGradient: f returned NaN at index [0] + h; expected a number, got NaN',
    );
    expect(() => numericalGradient((() => array([1])) as unknown as () => number, x)).toThrow(
      'numericalGradient: f returned a non-number at index [0] + h; expected a number, got object',
    );
    expect(() => numericalGradient(() => 0, [1, 2] as unknown as NDArray)).toThrow(
      'numericalGradient: x is not an NDArray; expected an NDArray, got object',
    );
    expect(() => numericalGradient(() => 0, array([1e20]))).toThrow(
      'numericalGradient: step h vanishes at index [0]; expected x ± h to differ from x, got x=100000000000000000000, h=0.0001 (use a larger h)',
    );
  });
});

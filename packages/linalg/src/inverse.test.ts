import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allClose,
  array,
  createRng,
  det,
  dot,
  eye,
  inv,
  LinAlgError,
  map,
  randn,
  ShapeError,
  solve,
  zeros,
} from './index.js';

describe('inv, solve and det', () => {
  it("solve the lecture's fruit prices: X + Y = 1100, 2X + 3Y = 2800", () => {
    const A = array([
      [1, 1],
      [2, 3],
    ]);
    const B = array([[1100], [2800]]);
    // numpy: np.dot(inv(A), B) -> [[500.], [600.]]
    expect(allClose(dot(inv(A), B), array([[500], [600]]), { rtol: 1e-12 })).toBe(true);
    expect(allClose(solve(A, B), array([[500], [600]]), { rtol: 1e-12 })).toBe(true);
  });

  it('solve the four fruits over four days (grape, tangerine, apple, pear)', () => {
    const A = array([
      [1, 1, 1, 1],
      [5, 2, 4, 7],
      [0, 1, 1, 2],
      [5, 2, 2, 3],
    ]);
    const b = array([2350, 10600, 2450, 6800]);
    // numpy: np.linalg.solve(A, b) -> [500, 550, 700.0000000000002, 599.9999999999999]
    expect(allClose(solve(A, b), array([500, 550, 700, 600]), { rtol: 1e-12 })).toBe(true);
    expect(allClose(dot(inv(A), b), array([500, 550, 700, 600]), { rtol: 1e-12 })).toBe(true);
    // numpy: np.linalg.det(A) -> -8.000000000000002
    expect(det(A)).toBeCloseTo(-8, 12);
  });

  it('match numpy on a symmetric 3×3 matrix', () => {
    const M = array([
      [3, 1, 2],
      [1, 5, 4],
      [2, 4, 9],
    ]);
    // numpy: np.linalg.inv(M)
    const want = array([
      [0.39189189189189194, -0.013513513513513504, -0.08108108108108109],
      [-0.013513513513513506, 0.3108108108108108, -0.13513513513513514],
      [-0.08108108108108109, -0.13513513513513514, 0.1891891891891892],
    ]);
    expect(allClose(inv(M), want, { rtol: 1e-12, atol: 1e-15 })).toBe(true);
    // numpy: np.linalg.det(M) -> 74.00000000000003
    expect(det(M)).toBeCloseTo(74, 10);
  });

  it('inv(A)·A ≈ I for well-conditioned A (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer(), (n, seed) => {
        // Diagonally dominant, hence invertible and well conditioned.
        const R = randn([n, n], createRng(seed));
        const A = map(R, (v, i) => (i % (n + 1) === 0 ? v + 2 * n : v * 0.5));
        return allClose(dot(inv(A), A), eye(n), { atol: 1e-10 });
      }),
    );
  });

  it('say a singular matrix is singular instead of returning NaNs', () => {
    const S = array([
      [1, 2],
      [2, 4],
    ]);
    expect(() => inv(S)).toThrow(LinAlgError);
    expect(() => inv(S)).toThrow(
      'inv: matrix is singular; expected an invertible matrix, got shape [2, 2] with a zero pivot',
    );
    expect(() => solve(S, array([1, 2]))).toThrow(/solve: matrix is singular/);
    expect(det(S)).toBe(0);
    expect(() => inv(zeros([3, 3]))).toThrow(/singular/);
  });

  it('say a non-square matrix is not square, and a wrong right-hand side does not fit', () => {
    expect(() => inv(zeros([2, 3]))).toThrow(
      new ShapeError('inv: matrix is not square; expected shape [n, n], got [2, 3]'),
    );
    expect(() => det(zeros([3]))).toThrow(/det: matrix is not square/);
    expect(() => solve(eye(2), zeros([3]))).toThrow(
      'solve: right-hand side does not fit; expected b.shape[0] === 2 with 1 or 2 dimensions, got a=[2, 2], b=[3]',
    );
  });
});

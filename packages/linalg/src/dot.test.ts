import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allClose, array, createRng, dot, matmul, randn, ShapeError, zeros } from './index.js';

describe('dot', () => {
  it('multiplies 2×2 matrices as the lecture writes them out', () => {
    // (a1 a2; a3 a4)·(b1 b2; b3 b4) = (a1b1+a2b3  a1b2+a2b4; a3b1+a4b3  a3b2+a4b4)
    expect(
      dot(
        array([
          [1, 2],
          [3, 4],
        ]),
        array([
          [5, 6],
          [7, 8],
        ]),
      ).toArray(),
    ).toEqual([
      [19, 22],
      [43, 50],
    ]);
  });

  it("follows numpy's rules for vectors", () => {
    expect(dot(array([1, 2, 3]), array([4, 5, 6])).item()).toBe(32);
    expect(dot(array([1, 2, 3]), array([4, 5, 6])).shape).toEqual([]);
    expect(
      dot(
        array([
          [1, 2],
          [3, 4],
        ]),
        array([1, 1]),
      ).toArray(),
    ).toEqual([3, 7]);
    expect(
      dot(
        array([1, 1]),
        array([
          [1, 2],
          [3, 4],
        ]),
      ).toArray(),
    ).toEqual([4, 6]);
    expect(dot(2, array([1, 2])).toArray()).toEqual([2, 4]);
  });

  it("computes the lecture's 3-layer chain Y = W3·(W2·(W1·X)) = ((W3·W2)·W1)·X", () => {
    const X = array([0, 0, 1]);
    const W1 = array([
      [2, 2, -1],
      [2, 2, 0],
      [0, -1, -1],
    ]);
    const W2 = array([
      [2, 2, -1],
      [-1, 0, 0],
      [2, -1, 2],
    ]);
    const W3 = array([
      [2, -1, 0],
      [-1, -1, 0],
      [2, 0, 0],
    ]);
    // numpy: np.dot(W3, np.dot(W2, np.dot(W1, X))) -> [-3, 0, -2]
    expect(dot(W3, dot(W2, dot(W1, X))).toArray()).toEqual([-3, 0, -2]);
    expect(dot(dot(dot(W3, W2), W1), X).toArray()).toEqual([-3, 0, -2]);
    // The order of the factors matters: W1·W2·W3·X is something else.
    expect(dot(dot(dot(W1, W2), W3), X).toArray()).not.toEqual([-3, 0, -2]);
  });

  it('names both shapes when the inner dimensions differ', () => {
    expect(() => dot(zeros([2, 3]), zeros([2, 3]))).toThrow(
      new ShapeError(
        'dot: inner dimensions differ; expected a.shape[1] === b.shape[0], got a=[2, 3], b=[2, 3]',
      ),
    );
    expect(() => dot(zeros([3]), zeros([2, 3]))).toThrow(
      'dot: inner dimensions differ; expected a.shape[0] === b.shape[0], got a=[3], b=[2, 3]',
    );
    expect(() => dot(zeros([2, 2, 2]), zeros([2]))).toThrow(/dot: unsupported dimensions/);
  });

  it('is associative: (A·B)·C ≈ A·(B·C) (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (m, k, l, n, seed) => {
          const rng = createRng(seed);
          const A = randn([m, k], rng);
          const B = randn([k, l], rng);
          const C = randn([l, n], rng);
          return allClose(dot(dot(A, B), C), dot(A, dot(B, C)), { rtol: 1e-9, atol: 1e-12 });
        },
      ),
    );
  });
});

describe('matmul', () => {
  const x = array([[1, 2]]); // (1, 2)
  const W = array([
    [1, 2, 3],
    [4, 5, 6],
  ]); // (2, 3)
  const dout = array([[1, 0, -1]]); // (1, 3)

  it('computes the Affine backward products without transposed copies', () => {
    // dW = xᵀ·dout: (2,1)·(1,3) = (2,3); numpy: np.dot(x.T, dout) -> [[1, 0, -1], [2, 0, -2]]
    expect(matmul(x, dout, { transA: true }).toArray()).toEqual([
      [1, 0, -1],
      [2, 0, -2],
    ]);
    // dx = dout·Wᵀ: (1,3)·(3,2) = (1,2); numpy: np.dot(dout, W.T) -> [[-2, -2]]
    expect(matmul(dout, W, { transB: true }).toArray()).toEqual([[-2, -2]]);
    expect(matmul(W, x, { transA: true, transB: true }).toArray()).toEqual(dot(W.T, x.T).toArray());
  });

  it('equals dot on explicit transposes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (m, k, n, ta, tb, seed) => {
          const rng = createRng(seed);
          const A = randn(ta ? [k, m] : [m, k], rng);
          const B = randn(tb ? [n, k] : [k, n], rng);
          const want = dot(ta ? A.T : A, tb ? B.T : B);
          return allClose(matmul(A, B, { transA: ta, transB: tb }), want, {
            rtol: 1e-12,
            atol: 1e-12,
          });
        },
      ),
    );
  });

  it('reuses out and can accumulate into it', () => {
    const out = zeros([1, 3]);
    matmul(x, W, { out });
    expect(out.toArray()).toEqual([[9, 12, 15]]);
    matmul(x, W, { out, accumulate: true });
    expect(out.toArray()).toEqual([[18, 24, 30]]);
    expect(() => matmul(x, W, { out: zeros([3, 1]) })).toThrow(
      'matmul: out does not fit; expected shape [1, 3] of float64, got [3, 1] of float64',
    );
  });

  it('explains mismatched inner dimensions, with the transposition', () => {
    expect(() => matmul(x, W, { transA: true })).toThrow(
      new ShapeError(
        'matmul: inner dimensions differ; expected a.shape[0] === b.shape[0] (transA), got a=[1, 2], b=[2, 3]',
      ),
    );
  });

  it('keeps float32 for float32 operands', () => {
    const a = randn([3, 4], createRng(1), { dtype: 'float32' });
    const b = randn([4, 2], createRng(2), { dtype: 'float32' });
    const c = matmul(a, b);
    expect(c.dtype).toBe('float32');
    expect(
      allClose(c, dot(a.astype('float64'), b.astype('float64')), { rtol: 1e-5, atol: 1e-5 }),
    ).toBe(true);
  });
});

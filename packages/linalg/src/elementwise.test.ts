import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  array,
  broadcastShapes,
  div,
  exp,
  log,
  map,
  maximum,
  minimum,
  mul,
  NDArray,
  pow,
  ShapeError,
  sqrt,
  sub,
  zeros,
} from './index.js';

describe('element-wise operations with broadcasting', () => {
  it('combine equal shapes element by element', () => {
    const a = array([
      [1, 2],
      [3, 4],
    ]);
    const b = array([
      [10, 20],
      [30, 40],
    ]);
    expect(add(a, b).toArray()).toEqual([
      [11, 22],
      [33, 44],
    ]);
    expect(sub(b, a).toArray()).toEqual([
      [9, 18],
      [27, 36],
    ]);
    expect(mul(a, b).toArray()).toEqual([
      [10, 40],
      [90, 160],
    ]);
    expect(div(b, a).toArray()).toEqual([
      [10, 10],
      [10, 10],
    ]);
    expect(pow(a, 2).toArray()).toEqual([
      [1, 4],
      [9, 16],
    ]);
  });

  it('broadcast a scalar, a row vector (bias over a batch) and a column vector', () => {
    const x = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(add(x, 1).toArray()).toEqual([
      [2, 3, 4],
      [5, 6, 7],
    ]);
    expect(sub(10, x).toArray()).toEqual([
      [9, 8, 7],
      [6, 5, 4],
    ]);
    expect(add(x, array([10, 20, 30])).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(mul(x, array([[1], [-1]])).toArray()).toEqual([
      [1, 2, 3],
      [-4, -5, -6],
    ]);
    // np.array([[1],[2]]) + np.array([10, 20, 30]) -> [[11, 21, 31], [12, 22, 32]]
    expect(add(array([[1], [2]]), array([10, 20, 30])).toArray()).toEqual([
      [11, 21, 31],
      [12, 22, 32],
    ]);
  });

  it('equal explicit tiling (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.boolean(),
        (p, q, r, oneA, oneB) => {
          // a: [p, 1|q, r]  b: [1|q, r] broadcast to [p, q, r] (or [p, 1, r] when both are 1)
          const aShape = [p, oneA ? 1 : q, r];
          const bShape = [oneB ? 1 : q, r];
          const a = map(zeros(aShape), (_, i) => i * 0.5 - 1);
          const b = map(zeros(bShape), (_, i) => i + 1);
          const got = add(a, b);
          const qOut = oneA && oneB ? 1 : q;
          expect(got.shape).toEqual([p, qOut, r]);
          for (let i = 0; i < p; i++)
            for (let j = 0; j < qOut; j++)
              for (let k = 0; k < r; k++) {
                const want = a.get(i, oneA ? 0 : j, k) + b.get(oneB ? 0 : j, k);
                if (got.get(i, j, k) !== want) return false;
              }
          return true;
        },
      ),
    );
  });

  it('names the operation and both shapes when shapes do not broadcast', () => {
    expect(() => add(zeros([2, 3]), zeros([2]))).toThrow(
      new ShapeError(
        'add: shapes do not broadcast; expected equal dimensions or 1 (aligned from the right), got a=[2, 3], b=[2]',
      ),
    );
    expect(broadcastShapes('x', [100, 50], [50])).toEqual([100, 50]);
  });

  it('writes into out when given, and checks its shape', () => {
    const out = zeros([2]);
    const r = add(array([1, 2]), 1, out);
    expect(r).toBe(out);
    expect(out.toArray()).toEqual([2, 3]);
    expect(() => add(array([1, 2]), 1, zeros([3]))).toThrow(
      'add: out has the wrong shape; expected [2], got [3]',
    );
  });

  it('keeps float32 when both sides are float32, promotes to float64 otherwise', () => {
    const f = zeros([2], { dtype: 'float32' });
    expect(add(f, f).dtype).toBe('float32');
    expect(add(f, 1).dtype).toBe('float32');
    expect(add(f, zeros([2])).dtype).toBe('float64');
  });

  it('unary functions', () => {
    expect(exp(array([0])).toArray()).toEqual([1]);
    expect(log(array([1, 0])).toArray()).toEqual([0, Number.NEGATIVE_INFINITY]);
    expect(sqrt(array([9])).toArray()).toEqual([3]);
    expect(abs(array([-2, 2])).toArray()).toEqual([2, 2]);
    expect(maximum(0, array([-1, 0.5])).toArray()).toEqual([0, 0.5]);
    expect(minimum(array([-1, 0.5]), 0).toArray()).toEqual([-1, 0]);
    expect(map(array([1, 2]), (x, i) => x * 10 + i).toArray()).toEqual([10, 21]);
    expect(() => map(array([1]), (x) => x, zeros([2]))).toThrow(
      'map: out has the wrong shape; expected [1], got [2]',
    );
    // numpy's maximum propagates NaN from either side.
    expect(Number.isNaN(maximum(array([Number.NaN]), 1).item())).toBe(true);
    expect(Number.isNaN(maximum(1, array([Number.NaN])).item())).toBe(true);
  });

  it('works on 0-dimensional arrays', () => {
    const s = new NDArray(new Float64Array([2]), []);
    expect(mul(s, array([1, 2])).toArray()).toEqual([2, 4]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { broadcastBinary } from '../broadcast.js';
import { NDArray } from '../ndarray.js';
import { binaryFast, type FastBinaryOp } from './binary-fast.js';
import { type FastUnaryOp, unaryFast } from './unary-fast.js';

const ops: Record<FastBinaryOp, (x: number, y: number) => number> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

const value = fc.double({ min: -10, max: 10, noNaN: true });
const op = fc.constantFrom<FastBinaryOp>('add', 'sub', 'mul', 'div');
const dtype = fc.constantFrom('float64', 'float32');

function arrayOf(shape: number[], values: number[], dt: string): NDArray {
  const size = shape.reduce((p, d) => p * d, 1);
  const data = dt === 'float32' ? new Float32Array(size) : new Float64Array(size);
  for (let i = 0; i < size; i++) data[i] = values[i % values.length]!;
  return new NDArray(data, shape);
}

// broadcastBinary is the general definition; the fast loops must give exactly its results.
describe('binaryFast agrees exactly with broadcastBinary', () => {
  it('equal shapes, a number on either side, a row vector over a batch, a column', () => {
    fc.assert(
      fc.property(
        op,
        dtype,
        dtype,
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom('same', 'row', 'row2d', 'column', 'scalarRight', 'scalarLeft'),
        fc.array(value, { minLength: 1, maxLength: 20 }),
        fc.array(value, { minLength: 1, maxLength: 20 }),
        (o, da, db, rows, cols, pattern, va, vb) => {
          const a = arrayOf([rows, cols], va, da);
          const b: NDArray | number =
            pattern === 'same'
              ? arrayOf([rows, cols], vb, db)
              : pattern === 'row'
                ? arrayOf([cols], vb, db)
                : pattern === 'row2d'
                  ? arrayOf([1, cols], vb, db)
                  : pattern === 'column'
                    ? arrayOf([rows, 1], vb, db)
                    : vb[0]!;
          const [x, y] = pattern === 'scalarLeft' ? [vb[0]!, a] : [a, b];
          const fast = binaryFast(o, x, y);
          const want = broadcastBinary(o, x, y, ops[o]);
          expect(fast).toBeDefined();
          expect(fast!.shape).toEqual(want.shape);
          expect(fast!.dtype).toBe(want.dtype);
          expect(Array.from(fast!.data)).toEqual(Array.from(want.data));
        },
      ),
      { numRuns: 200, seed: 2 },
    );
  });

  it('writes into out when it has the right shape', () => {
    const x = arrayOf([2, 3], [1, 2, 3, 4, 5, 6], 'float64');
    const b = arrayOf([3], [10, 20, 30], 'float64');
    const out = arrayOf([2, 3], [0], 'float64');
    // [[1, 2, 3], [4, 5, 6]] + [10, 20, 30], by hand.
    expect(binaryFast('add', x, b, out)).toBe(out);
    expect(out.toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
  });

  it('leaves other broadcasts, and an out of the wrong shape, to broadcastBinary', () => {
    const x = arrayOf([2, 3], [1], 'float64');
    expect(binaryFast('add', x, arrayOf([3, 1], [1], 'float64'))).toBeUndefined(); // wrong column
    expect(binaryFast('add', arrayOf([2, 1], [1], 'float64'), x)).toBeUndefined(); // on the left
    expect(binaryFast('add', arrayOf([3], [1], 'float64'), x)).toBeUndefined(); // row on the left
    expect(binaryFast('add', x, arrayOf([2], [1], 'float64'))).toBeUndefined(); // does not fit
    expect(binaryFast('add', x, 1, arrayOf([3, 2], [0], 'float64'))).toBeUndefined();
    expect(binaryFast('add', 1, 2)).toBeUndefined();
  });
});

describe('unaryFast agrees exactly with Math', () => {
  it.each([
    ['exp', Math.exp],
    ['log', Math.log],
    ['sqrt', Math.sqrt],
    ['abs', Math.abs],
  ] as const)('%s', (name, f) => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { maxLength: 30 }),
        (v) => {
          const a = new NDArray(Float64Array.from(v), [v.length]);
          const got = unaryFast(name as FastUnaryOp, a)!;
          expect(Array.from(got.data)).toEqual(v.map((x) => f(x)));
        },
      ),
      { numRuns: 50, seed: 3 },
    );
  });

  it('leaves an out of the wrong shape to map (which reports it)', () => {
    const a = new NDArray(new Float64Array(3), [3]);
    expect(unaryFast('exp', a, new NDArray(new Float64Array(2), [2]))).toBeUndefined();
  });
});

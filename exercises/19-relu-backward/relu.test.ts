import { array, createRng, randn } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose } from '../runner/testing.js';
import { Relu } from './relu.js';

describe('Relu.backward', () => {
  test('x = [[1, −0.5], [−2, 3]], dout = [[5, 6], [7, 8]] → [[5, 0], [0, 8]]', () => {
    const relu = new Relu();
    relu.forward(
      array([
        [1, -0.5],
        [-2, 3],
      ]),
    );
    expectClose(
      relu.backward(
        array([
          [5, 6],
          [7, 8],
        ]),
      ),
      [
        [5, 0],
        [0, 8],
      ],
      'the gradient passes where x > 0 and is blocked (0) where x <= 0',
    );
  });

  test('x = [0, 0.001], dout = [1, 1] → [0, 1] (slope 0 at exactly 0)', () => {
    const relu = new Relu();
    relu.forward(array([0, 0.001]));
    expectClose(relu.backward(array([1, 1])), [0, 1], 'x = 0 counts as off, like the book');
  });

  test('dout is not modified', () => {
    const relu = new Relu();
    relu.forward(array([-1, 1]));
    const dout = array([3, 4]);
    relu.backward(dout);
    expect(Array.from(dout.data), 'return a new array; the caller may still use dout').toEqual([
      3, 4,
    ]);
  });

  test('matches the numerical gradient of Σ dout · relu(x) on random inputs (property)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = createRng(seed);
        const x = randn([3, 4], rng);
        const dout = randn([3, 4], rng);
        const relu = new Relu();
        relu.forward(x);
        const dx = relu.backward(dout);
        // d/dx_i Σ dout_j max(0, x_j) = dout_i where x_i > 0, else 0
        const want = Array.from(x.data, (v, i) => (v > 0 ? dout.data[i]! : 0));
        expectClose(dx, array(want, [3, 4]).toArray(), 'dx for random x and dout');
      }),
      { numRuns: 25 },
    );
  });
});

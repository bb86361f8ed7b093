import { array, type NDArray } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { cosArray, expectClose, sinArray } from '../runner/testing.js';
import { Pooling } from './pooling.js';

const total = (a: NDArray) => Array.from(a.data).reduce((s, v) => s + v, 0);

describe('Pooling, 2×2 window, stride 2 (by hand, as in the book)', () => {
  test('forward keeps each window’s maximum; backward sends dout to where it was', () => {
    const pool = new Pooling(2, 2, 2);
    const x = array([
      [
        [
          [1, 2, 0, 1],
          [3, 4, 1, 5],
          [0, 1, 2, 2],
          [1, 0, 3, 1],
        ],
      ],
    ]);
    expectClose(
      pool.forward(x),
      [
        [
          [
            [4, 5],
            [1, 3],
          ],
        ],
      ],
      'forward: max of each 2×2 window',
      0,
    );
    expectClose(
      pool.backward(
        array([
          [
            [
              [10, 20],
              [30, 40],
            ],
          ],
        ]),
      ),
      [
        [
          [
            [0, 0, 0, 0],
            [0, 10, 0, 20],
            [0, 30, 0, 0],
            [0, 0, 40, 0],
          ],
        ],
      ],
      'backward: 10 → the 4, 20 → the 5, 30 → the first 1 of its window (ties: the first), 40 → the 3',
      0,
    );
  });
});

// Expected values: the book's Pooling (im2col, argmax, col2im) re-typed in numpy,
// x = sin(1.3·arange + 0.5) [2, 3, 4, 4], dout = cos(0.3·arange).
describe('Pooling on several images and channels (numpy)', () => {
  test('2×2 stride 2: sums of the output and of dx, one nonzero gradient per window', () => {
    const pool = new Pooling(2, 2, 2);
    const out = pool.forward(sinArray([2, 3, 4, 4], 1.3));
    expect([...out.shape], 'shape [N, C, OH, OW]').toEqual([2, 3, 2, 2]);
    expect(total(out), 'Σ out').toBeCloseTo(14.422674505847144, 10);
    expect(out.get(1, 2, 1, 0), 'out[1, 2, 1, 0]: the channel is kept').toBeCloseTo(
      0.9732388013878134,
      10,
    );
    const dx = pool.backward(cosArray(out.shape));
    expect(total(dx), 'Σ dx = Σ dout: all of it goes somewhere').toBeCloseTo(
      2.8215123658358863,
      10,
    );
    expect(dx.data.filter((v) => v !== 0).length, 'one nonzero per window (24 windows)').toBe(24);
  });

  test('3×3 stride 1 (overlapping windows): a maximum shared by windows receives the sum', () => {
    const pool = new Pooling(3, 3, 1);
    const out = pool.forward(sinArray([2, 3, 4, 4], 1.3));
    expect([...out.shape], 'shape').toEqual([2, 3, 2, 2]);
    expect(total(out), 'Σ out').toBeCloseTo(22.803323114389528, 10);
    expect(out.get(1, 0, 1, 1), 'out[1, 0, 1, 1]').toBeCloseTo(0.9998996738972931, 10);
    const dx = pool.backward(cosArray(out.shape));
    expect(total(dx), 'Σ dx').toBeCloseTo(2.8215123658358854, 10);
    // numpy: dx.max() = 1.9553…, larger than any one dout (≤ 1): two windows added their gradients.
    expect(Math.max(...dx.data), 'max dx: gradients of overlapping windows add up').toBeCloseTo(
      1.955336489125606,
      10,
    );
    expect(dx.data.filter((v) => v !== 0).length, 'positions that were a maximum').toBe(14);
  });
});

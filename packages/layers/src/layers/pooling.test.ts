import { array, ones } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { cosArray, sinArray, total } from '../../test/known-inputs.js';
import { Pooling } from './pooling.js';

describe('Pooling', () => {
  it('takes the maximum of each 2×2 window and sends dout back to where it was (by hand)', () => {
    const pool = new Pooling(2, 2, { stride: 2 });
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
    expect(pool.forward(x).toArray()).toEqual([
      [
        [
          [4, 5],
          [1, 3],
        ],
      ],
    ]);
    expect(
      pool
        .backward(
          array([
            [
              [
                [10, 20],
                [30, 40],
              ],
            ],
          ]),
        )
        .toArray(),
    ).toEqual([
      [
        [
          [0, 0, 0, 0],
          [0, 10, 0, 20],
          [0, 30, 0, 0],
          [0, 0, 40, 0],
        ],
      ],
    ]);
  });

  it("matches the book's numpy Pooling on several channels (2×2 stride 2; 3×3 stride 1 pad 1)", () => {
    // Expected values: the book's Pooling.forward/backward re-typed in numpy,
    // x = sin(1.3·arange + 0.5) [2, 3, 4, 4], dout = cos(0.3·arange).
    const x = sinArray([2, 3, 4, 4], 1.3);
    const pool = new Pooling(2, 2, { stride: 2 });
    const out = pool.forward(x);
    expect(out.shape).toEqual([2, 3, 2, 2]);
    expect(total(out)).toBeCloseTo(14.422674505847144, 12);
    expect(out.get(1, 2, 1, 0)).toBeCloseTo(0.9732388013878134, 12);
    const dx = pool.backward(cosArray(out.shape));
    expect(total(dx)).toBeCloseTo(2.8215123658358863, 12);
    expect(dx.data.filter((v) => v !== 0).length).toBe(24); // one per window
    const overlap = new Pooling(3, 3, { stride: 1, pad: 1 });
    const out3 = overlap.forward(x);
    expect(out3.shape).toEqual([2, 3, 4, 4]);
    expect(total(out3)).toBeCloseTo(79.12215107554007, 12);
    expect(out3.get(0, 1, 2, 3)).toBeCloseTo(0.9736454556949781, 12);
    const dx3 = overlap.backward(cosArray(out3.shape));
    expect(total(dx3)).toBeCloseTo(1.776459783415942, 12);
    expect(dx3.get(0, 1, 1, 1)).toBeCloseTo(0.6346928759426339, 12);
  });

  it('names what is wrong, with the shapes', () => {
    expect(() => new Pooling(0, 2)).toThrow(
      'Pooling: invalid poolH; expected an integer ≥ 1, got 0',
    );
    const pool = new Pooling(2, 2, { stride: 2 });
    expect(() => pool.forward(ones([4, 4]))).toThrow(
      'Pooling.forward: x is not a batch of images; expected x of shape [N, C, H, W], got x=[4, 4]',
    );
    expect(() => pool.forward(ones([1, 1, 5, 5]))).toThrow(
      'Pooling.forward: im2col: the stride does not divide; expected (H + 2·pad − FH) / stride + 1 to be a whole number, got (5 + 0 − 2) / 2 + 1 = 2.5 (input [1, 1, 5, 5], filter 2×2, stride 2, pad 0)',
    );
    expect(() => pool.backward(ones([1, 1, 2, 2]))).toThrow(
      'Pooling.backward: called before forward',
    );
    pool.forward(ones([1, 2, 4, 4]));
    expect(() => pool.backward(ones([1, 2, 4, 4]))).toThrow(
      'Pooling.backward: dout shape differs from the forward output; expected [1, 2, 2, 2], got [1, 2, 4, 4]',
    );
  });
});

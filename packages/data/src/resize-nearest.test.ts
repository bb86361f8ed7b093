import { arange, array } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resizeNearest } from './resize-nearest.js';

describe('resizeNearest', () => {
  it('enlarges pixels into blocks', () => {
    expect(
      resizeNearest(
        array([
          [1, 2],
          [3, 4],
        ]),
        [4, 4],
      ).toArray(),
    ).toEqual([
      [1, 1, 2, 2],
      [1, 1, 2, 2],
      [3, 3, 4, 4],
      [3, 3, 4, 4],
    ]);
  });

  it('shrinks by taking the pixel nearest to each new centre', () => {
    // rows and columns floor((i + 0.5) · 4 / 2) = 1, 3
    expect(resizeNearest(arange(16).reshape(4, 4), [2, 2]).toArray()).toEqual([
      [5, 7],
      [13, 15],
    ]);
    expect(resizeNearest(arange(6).reshape(2, 3), [1, 5]).shape).toEqual([1, 5]);
  });

  it('is the identity at the same size (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 }), (h, w) => {
        const img = arange(h * w).reshape(h, w);
        expect(resizeNearest(img, [h, w]).data).toEqual(img.data);
      }),
    );
  });

  it('checks the size', () => {
    expect(() => resizeNearest(arange(4).reshape(2, 2), [0, 3])).toThrow(
      new RangeError(
        'resizeNearest: invalid size; expected [h, w] with positive integers, got [0, 3]',
      ),
    );
  });
});

import { arange, NDArray } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subsample } from './subsample.js';

describe('subsample', () => {
  it('shrinks a 512×512 image to 256×256 with step 2, keeping the even pixels', () => {
    const img = new NDArray(
      Float64Array.from({ length: 512 * 512 }, (_, k) => (Math.floor(k / 512) + (k % 512)) % 256),
      [512, 512],
    );
    const half = subsample(img, 2);
    expect(half.shape).toEqual([256, 256]);
    expect(half.get(10, 20)).toBe(img.get(20, 40));
    expect(half.get(255, 255)).toBe(img.get(510, 510));
  });

  it('keeps every step-th pixel, rounding the size up (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (h, w, step) => {
          const img = arange(h * w).reshape(h, w);
          const s = subsample(img, step);
          expect(s.shape).toEqual([Math.ceil(h / step), Math.ceil(w / step)]);
          for (let i = 0; i < s.shape[0]!; i++) {
            for (let j = 0; j < s.shape[1]!; j++)
              expect(s.get(i, j)).toBe(img.get(i * step, j * step));
          }
        },
      ),
    );
  });

  it('checks the step', () => {
    expect(() => subsample(arange(4).reshape(2, 2), 0)).toThrow(
      new RangeError('subsample: invalid step; expected a positive integer, got 0'),
    );
  });
});

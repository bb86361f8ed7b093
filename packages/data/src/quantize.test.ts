import { array, NDArray } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantize } from './quantize.js';

/** A 16×16 image holding every byte value 0…255 once. */
const ramp = new NDArray(
  Float64Array.from({ length: 256 }, (_, i) => i),
  [16, 16],
);

const distinct = (a: NDArray) => new Set(a.data).size;

describe('quantize', () => {
  it.each([1, 2, 3, 4, 6, 8])('keeps exactly 2^%i levels of a 0…255 ramp', (bits) => {
    const q = quantize(ramp, bits);
    expect(q.shape).toEqual([16, 16]);
    expect(distinct(q)).toBe(2 ** bits);
    expect(Math.min(...q.data)).toBe(0);
    expect(Math.max(...q.data)).toBe(255);
  });

  it.each([1, 2, 3, 4, 6, 8])('keeps exactly 2^%i levels of a 0…1 ramp', (bits) => {
    const unit = new NDArray(
      Float64Array.from(ramp.data, (v) => v / 255),
      [16, 16],
    );
    const q = quantize(unit, bits);
    expect(distinct(q)).toBe(2 ** bits);
    expect(Math.max(...q.data)).toBe(1);
  });

  it('gives evenly spaced levels, rounded for 0…255', () => {
    // numpy: np.rint(np.minimum(np.floor(v / 255 * 8), 7) * 255 / 7) over v = 0…255
    expect([...new Set(quantize(ramp, 3).data)]).toEqual([0, 36, 73, 109, 146, 182, 219, 255]);
    // 1 bit: black below half, white from half up
    expect(quantize(array([[0, 127, 128, 255]]), 1).toArray()).toEqual([[0, 0, 255, 255]]);
    // 8 bits leave bytes as they are
    expect(quantize(ramp, 8).data).toEqual(ramp.data);
  });

  it('takes bytes with a shape, and [1, H, W]', () => {
    const bytes = { data: new Uint8Array([0, 100, 150, 255]), shape: [1, 2, 2] };
    expect(quantize(bytes, 2).toArray()).toEqual([
      [0, 85],
      [170, 255],
    ]);
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        (values, bits) => {
          const img = new NDArray(Float64Array.from(values), [1, values.length]);
          const once = quantize(img, bits, { range: 255 });
          expect(quantize(once, bits, { range: 255 }).data).toEqual(once.data);
        },
      ),
    );
  });

  it('checks bits and shape', () => {
    expect(() => quantize(ramp, 0)).toThrow(
      new RangeError('quantize: invalid bits; expected an integer in [1, 8], got 0'),
    );
    expect(() => quantize(ramp, 2.5)).toThrow(RangeError);
    expect(() => quantize(array([1, 2, 3]), 2)).toThrow(
      'quantize: not a grayscale image; expected shape [H, W] or [1, H, W] with H, W >= 1, got [3]',
    );
    expect(() => quantize({ data: [1, 2, 3], shape: [2, 2] }, 2)).toThrow(
      'quantize: pixel count does not match the shape; expected 4 values for [2, 2], got 3',
    );
    expect(() => quantize(ramp, 2, { range: 100 as 255 })).toThrow(
      'quantize: invalid range; expected 1 or 255, got 100',
    );
    expect(() => quantize('img' as unknown as NDArray, 2)).toThrow(TypeError);
  });
});

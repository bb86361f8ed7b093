import { arange, array, NDArray } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram } from './histogram.js';

describe('histogram', () => {
  it('matches np.histogram over [0, white]', () => {
    // np.histogram(np.arange(256).reshape(16, 16), bins=10, range=(0, 255))
    const h = histogram(arange(256).reshape(16, 16), 10);
    expect(h.counts).toEqual([26, 25, 26, 25, 26, 25, 26, 25, 26, 26]);
    expect(h.edges[1]).toBeCloseTo(25.5, 12);
    expect(h.edges).toHaveLength(11);
    // np.histogram([0, 0.1, 0.5, 0.99, 1.0], bins=4, range=(0, 1))
    const u = histogram(array([[0, 0.1, 0.5, 0.99, 1]]), 4);
    expect(u.counts).toEqual([2, 0, 1, 2]);
    expect(u.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('counts each byte value in its own bin with 256 bins', () => {
    const h = histogram({ data: new Uint8Array([0, 0, 7, 255]), shape: [2, 2] });
    expect(h.counts).toHaveLength(256);
    expect([h.counts[0], h.counts[7], h.counts[255]]).toEqual([2, 1, 1]);
  });

  it('counts every pixel once (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 300 }),
        (values, bins) => {
          const h = histogram(new NDArray(Float64Array.from(values), [1, values.length]), bins, {
            range: 255,
          });
          expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
        },
      ),
    );
  });

  it('checks bins and values', () => {
    expect(() => histogram(arange(4).reshape(2, 2), 0)).toThrow(
      new RangeError('histogram: invalid bins; expected a positive integer, got 0'),
    );
    expect(() => histogram(array([[0, 300]]), 4, { range: 255 })).toThrow(
      'histogram: pixel out of range; expected values in [0, 255], got 300 at index 1',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { allClose, array } from './index.js';

describe('allClose', () => {
  it("uses numpy's rule |a − b| <= atol + rtol·|b|", () => {
    expect(allClose(array([1, 2]), array([1, 2 + 1e-9]))).toBe(true);
    expect(allClose(array([1, 2]), array([1, 2.001]))).toBe(false);
    expect(allClose(array([1, 2]), array([1, 2.001]), { rtol: 1e-3 })).toBe(true);
    expect(allClose(array([0]), array([1e-9]))).toBe(true);
    expect(allClose(array([0]), array([1e-9]), { atol: 0 })).toBe(false);
  });

  it('broadcasts, and says false for shapes that do not broadcast', () => {
    expect(
      allClose(
        array([
          [1, 1],
          [1, 1],
        ]),
        1,
      ),
    ).toBe(true);
    expect(allClose(array([1, 2, 3]), array([1, 2]))).toBe(false);
  });

  it('never calls NaN close; equal infinities are', () => {
    expect(allClose(array([Number.NaN]), array([Number.NaN]))).toBe(false);
    expect(allClose(array([Number.POSITIVE_INFINITY]), array([Number.POSITIVE_INFINITY]))).toBe(
      true,
    );
  });
});

import { array, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { meanSquaredError } from './mean-squared-error.js';

// The lecture's example: the network says 0.5 for class 4, the answer is 4 (one-hot).
const y = [0.01, 0.02, 0.01, 0.01, 0.5, 0, 0, 0, 0, 0];
const t = [0, 0, 0, 0, 1, 0, 0, 0, 0, 0];

describe('meanSquaredError', () => {
  it("gives the lecture's value (0.01² + 0.02² + 0.01² + 0.01² + 0.5²) / 10 = 0.02507", () => {
    // numpy: np.mean((y - t) ** 2) = 0.02507
    expect(meanSquaredError(y, t)).toBeCloseTo(0.02507, 15);
    expect(meanSquaredError(array(y), array(t), { variant: 'mean' })).toBeCloseTo(0.02507, 15);
  });

  it("offers the book's 0.5·Σ(y − t)² as variant 'half-sum'", () => {
    // numpy: 0.5 * np.sum((y - t) ** 2) = 0.12535
    expect(meanSquaredError(y, t, { variant: 'half-sum' })).toBeCloseTo(0.12535, 15);
  });

  it('averages over every element of a batch', () => {
    expect(
      meanSquaredError(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 6],
        ],
      ),
    ).toBe(1); // 2² / 4
  });

  it('rejects shapes that differ and unknown variants', () => {
    expect(() => meanSquaredError([1, 2, 3], [1, 2])).toThrow(
      new ShapeError(
        'meanSquaredError: y and t differ in shape; expected the same shape, got y=[3], t=[2]',
      ),
    );
    expect(() => meanSquaredError([1], [1], { variant: 'sum' as 'mean' })).toThrow(
      new RangeError("meanSquaredError: unknown variant; expected 'mean' or 'half-sum', got sum"),
    );
  });
});

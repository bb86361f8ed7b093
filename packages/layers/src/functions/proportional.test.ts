import { describe, expect, it } from 'vitest';
import { proportional } from './proportional.js';

describe('proportional', () => {
  it("gives each value's share of the total (a_k / Σ a_i)", () => {
    // [0.3, 2.9, 4.0] / 7.2, from numpy: [0.04166666666666667, 0.4027777777777778, 0.5555555555555556]
    const y = proportional([0.3, 2.9, 4.0]);
    [0.04166666666666667, 0.4027777777777778, 0.5555555555555556].forEach((v, i) => {
      expect(y.data[i]).toBeCloseTo(v, 15);
    });
    expect(
      proportional([
        [1, 3],
        [2, 2],
      ]).toArray(),
    ).toEqual([
      [0.25, 0.75],
      [0.5, 0.5],
    ]);
  });

  it('differs from softmax: big values do not get more than their share', () => {
    expect(proportional([1, 2]).toArray()).toEqual([1 / 3, 2 / 3]);
  });

  it('rejects negative values and zero rows, pointing to softmax', () => {
    expect(() => proportional([1, -2])).toThrow(
      new RangeError(
        'proportional: invalid value at flat index 1; expected finite values >= 0 (use softmax for arbitrary scores), got -2',
      ),
    );
    expect(() =>
      proportional([
        [1, 1],
        [0, 0],
      ]),
    ).toThrow('proportional: row 1 sums to 0; expected a positive total, got all zeros');
    expect(() => proportional([])).toThrow(
      'proportional: nothing to normalise; expected a vector [C] or a batch [N, C] with C >= 1, got [0]',
    );
  });
});

import { array } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid } from './sigmoid.js';

describe('sigmoid', () => {
  it('matches numpy 1 / (1 + np.exp(-x)) on [-1, 1, 2]', () => {
    // numpy: [0.2689414213699951, 0.7310585786300049, 0.8807970779778823]
    const y = sigmoid(array([-1, 1, 2]));
    [0.2689414213699951, 0.7310585786300049, 0.8807970779778823].forEach((v, i) => {
      expect(y.data[i]).toBeCloseTo(v, 14);
    });
    expect(sigmoid(0)).toBe(0.5);
  });

  it('stays in [0, 1] without NaN for huge inputs, and σ(−x) = 1 − σ(x)', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        expect(sigmoid(-x)).toBeCloseTo(1 - sigmoid(x), 14);
      }),
    );
  });
});

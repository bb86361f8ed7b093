import { array } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { entropy } from './entropy.js';

describe('entropy', () => {
  it("gives the lecture's 0.6931 for a fair match (coin) and 0.3251 for 0.9 / 0.1", () => {
    // numpy: -(0.5*np.log(0.5)*2) = 0.6931471805599453; -(0.9*log 0.9 + 0.1*log 0.1) = 0.3250829733914482
    expect(entropy([0.5, 0.5])).toBeCloseTo(Math.LN2, 15); // = 0.6931471805599453
    expect(entropy([0.5, 0.5]).toFixed(4)).toBe('0.6931'); // as the lecture prints it
    expect(entropy(array([0.9, 0.1]))).toBeCloseTo(0.3250829733914482, 15);
  });

  it('is 0 for a certain outcome (0·log 0 counts as 0) and log n for n equal chances', () => {
    expect(entropy([1, 0, 0])).toBe(0);
    expect(entropy([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(Math.log(4), 15);
  });

  it('rejects negative probabilities and distributions that do not sum to 1', () => {
    expect(() => entropy([1.5, -0.5])).toThrow(
      new RangeError('entropy: ps[1] is not a probability; expected values >= 0, got -0.5'),
    );
    expect(() => entropy([0.5, 0.4])).toThrow(
      'entropy: probabilities do not sum to 1; expected a sum of 1 (±1e-6), got 0.9',
    );
  });
});

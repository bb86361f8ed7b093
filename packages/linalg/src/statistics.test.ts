import { describe, expect, it } from 'vitest';
import { array, expectation, mean, median, std, variance } from './index.js';

describe('statistics', () => {
  const d = [2, 4, 4, 4, 5, 5, 7, 9];

  it('match numpy: mean, median, variance and standard deviation', () => {
    // numpy: np.mean(d) 5.0, np.median(d) 4.5, np.var(d) 4.0, np.std(d) 2.0,
    //        np.var(d, ddof=1) 4.571428571428571, np.std(d, ddof=1) 2.138089935299395
    expect(mean(array(d))).toBe(5);
    expect(median(d)).toBe(4.5);
    expect(variance(d)).toBe(4);
    expect(std(array(d))).toBe(2);
    expect(variance(d, { ddof: 1 })).toBeCloseTo(4.571428571428571, 14);
    expect(std(d, { ddof: 1 })).toBeCloseTo(2.138089935299395, 14);
  });

  it('median resists an outlier that drags the mean', () => {
    // numpy: np.median([1, 3, 2, 100]) 2.5, np.mean 26.5
    expect(median([1, 3, 2, 100])).toBe(2.5);
    expect(mean(array([1, 3, 2, 100]))).toBe(26.5);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('expectation weights each value by its probability; equal weights give the mean', () => {
    const die = [1, 2, 3, 4, 5, 6];
    expect(
      expectation(
        die,
        die.map(() => 1 / 6),
      ),
    ).toBeCloseTo(3.5, 14);
    expect(expectation([0, 10], [0.9, 0.1])).toBeCloseTo(1, 14);
  });

  it('explains bad input', () => {
    expect(() => median([])).toThrow(
      'median: no data; expected at least one value, got an empty list',
    );
    expect(() => variance([1, 2], { ddof: 2 })).toThrow(
      'variance: invalid ddof; expected an integer in [0, 1], got 2',
    );
    expect(() => expectation([1, 2], [1])).toThrow(
      'expectation: lengths differ; expected one probability per value, got 2 values and 1 probabilities',
    );
    expect(() => expectation([1, 2], [0.5, 0.6])).toThrow(
      /expectation: probabilities do not sum to 1; expected 1, got 1\.1/,
    );
    expect(() => expectation([1, 2], [1.5, -0.5])).toThrow(
      'expectation: invalid probability; expected p >= 0, got p[1]=-0.5',
    );
  });
});

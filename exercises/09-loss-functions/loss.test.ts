import { array, ShapeError, zeros } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { crossEntropyError, entropy, informationContent, meanSquaredError } from './loss.js';

const oneHot = (k: number) => array(Array.from({ length: 10 }, (_, i) => (i === k ? 1 : 0)));
// the book's two predictions for the answer 2: confident and right, confident and wrong (class 7)
const right = array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
const wrong = array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]);

describe('meanSquaredError', () => {
  test("the lecture's y (0.5 at index 4), t = index 4 → 0.02507", () => {
    // (0.01² + 0.02² + 0.01² + 0.01² + (0.5 − 1)²) / 10; numpy np.mean((y - t)**2) = 0.02507
    const y = array([0.01, 0.02, 0.01, 0.01, 0.5, 0, 0, 0, 0, 0]);
    expect(
      meanSquaredError(y, oneHot(4)),
      'MSE is the MEAN of the squares: divide by N = 10 (0.2507 is the plain sum)',
    ).toBeCloseTo(0.02507, 10);
  });

  test('right answer → 0.0195, wrong answer → 0.1195 (numpy)', () => {
    expect(meanSquaredError(right, oneHot(2)), 'y[2] = 0.6 is the right class').toBeCloseTo(
      0.0195,
      10,
    );
    expect(meanSquaredError(wrong, oneHot(2)), 'y[2] = 0.1: a larger loss').toBeCloseTo(0.1195, 10);
  });

  test('a 2-D batch averages over every element: [right; wrong] → 0.0695', () => {
    // numpy: np.mean((Y - T)**2) = 0.0695
    const Y = array([Array.from(right.data), Array.from(wrong.data)]);
    const T = array([Array.from(oneHot(2).data), Array.from(oneHot(2).data)]);
    expect(meanSquaredError(Y, T), 'mean over all 20 numbers').toBeCloseTo(0.0695, 10);
  });

  test('y [10] vs t [9] → ShapeError naming both shapes', () => {
    expect(() => meanSquaredError(zeros([10]), zeros([9])), 'shapes must match').toThrow(
      ShapeError,
    );
    expect(() => meanSquaredError(zeros([10]), zeros([9]))).toThrow('got y=[10], t=[9]');
  });
});

describe('crossEntropyError', () => {
  test('right answer (p = 0.6) → 0.5108, wrong answer (p = 0.1) → 2.3026', () => {
    // numpy: -np.sum(t * np.log(y + 1e-7))
    expect(crossEntropyError(right, oneHot(2)), '−log(0.6 + 1e-7)').toBeCloseTo(
      0.510825457099338,
      9,
    );
    expect(crossEntropyError(wrong, oneHot(2)), '−log(0.1 + 1e-7)').toBeCloseTo(
      2.302584092994546,
      9,
    );
  });

  test('probability 0 for the right class → 16.118, finite (the 1e-7 inside the log)', () => {
    // −log(1e-7) = 16.11809565095832
    const y = crossEntropyError(right, oneHot(3));
    expect(
      Number.isFinite(y),
      `got ${y}: add 1e-7 inside the log so log(0) does not give Infinity`,
    ).toBe(true);
    expect(y).toBeCloseTo(16.11809565095832, 6);
  });

  test('a batch [right; wrong] → the mean per sample, 1.4067', () => {
    // numpy: -np.sum(T * np.log(Y + 1e-7)) / 2 = 1.406704775046942
    const Y = array([Array.from(right.data), Array.from(wrong.data)]);
    const T = array([Array.from(oneHot(2).data), Array.from(oneHot(2).data)]);
    expect(crossEntropyError(Y, T), 'divide the total by the batch size 2').toBeCloseTo(
      1.406704775046942,
      9,
    );
  });

  test('y [2, 10] vs t [10] → ShapeError', () => {
    expect(() => crossEntropyError(zeros([2, 10]), zeros([10])), 'shapes must match').toThrow(
      'crossEntropyError: shapes differ; expected y.shape equal to t.shape, got y=[2, 10], t=[10]',
    );
  });
});

describe('information content and entropy', () => {
  test('−log 0.9 = 0.1054 and −log 0.1 = 2.3026: 21.85 times the surprise, not 9', () => {
    expect(informationContent(0.9), 'the favourite wins: little surprise').toBeCloseTo(
      0.10536051565782628,
      10,
    );
    // −log(0.1) = log 10 = 2.302585…
    expect(informationContent(0.1), 'the underdog wins: −log(0.1)').toBeCloseTo(Math.LN10, 10);
    expect(informationContent(0.1) / informationContent(0.9), 'the ratio of surprises').toBeCloseTo(
      21.854345326782834,
      8,
    );
  });

  test('entropy([0.5, 0.5]) → 0.6931, entropy([0.9, 0.1]) → 0.3251, entropy([1, 0]) → 0', () => {
    // numpy: -(p * np.log(p)).sum()
    expect(entropy(array([0.5, 0.5])), 'a fair match: log 2').toBeCloseTo(Math.LN2, 10);
    expect(entropy(array([0.9, 0.1])), 'a lopsided match is less uncertain').toBeCloseTo(
      0.3250829733914482,
      10,
    );
    expect(
      entropy(array([1, 0])),
      'a certain outcome: 0 (and 0 · log 0 counts as 0, not NaN)',
    ).toBe(0);
  });
});

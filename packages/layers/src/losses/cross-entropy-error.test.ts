import { array, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { crossEntropyError } from './cross-entropy-error.js';

describe('crossEntropyError', () => {
  const y = [0.1, 0.05, 0.6, 0, 0.05, 0.1, 0, 0.1, 0, 0];
  const oneHot = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];

  it('is −log(y[answer] + 1e-7) for one sample, with a one-hot target or a label', () => {
    // numpy: -np.log(0.6 + 1e-7) = 0.510825457099338
    expect(crossEntropyError(y, oneHot)).toBeCloseTo(0.510825457099338, 14);
    expect(crossEntropyError(y, 2)).toBeCloseTo(0.510825457099338, 14);
    expect(crossEntropyError(array(y), array([2]))).toBeCloseTo(0.510825457099338, 14);
  });

  it("uses δ so that a zero probability gives a large finite loss, not Infinity (the lecture's y)", () => {
    // y[3] = 0 → −log(1e-7) = 16.11809565095832
    expect(crossEntropyError(y, 3)).toBeCloseTo(16.11809565095832, 12);
    // the lecture's y = [0.01, …, 0.50 at 7, …], answer 7: −log(0.5 + 1e-7) = 0.6931469805599654
    const lecture = [0.01, 0.02, 0.05, 0.1, 0.12, 0.05, 0.05, 0.5, 0.0, 0.1];
    expect(crossEntropyError(lecture, 7)).toBeCloseTo(0.6931469805599654, 14);
  });

  it('averages over a batch, labels or one-hot alike', () => {
    // numpy: -(log(0.9 + 1e-7) + log(0.8 + 1e-7)) / 2 = 0.1642519154304695
    const Y = array([
      [0.1, 0.9],
      [0.8, 0.2],
    ]);
    expect(crossEntropyError(Y, array([1, 0]))).toBeCloseTo(0.1642519154304695, 14);
    expect(
      crossEntropyError(
        Y,
        array([
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBeCloseTo(0.1642519154304695, 14);
  });

  it('rejects out-of-range labels, mismatched batches and non-probabilities', () => {
    const Y = array([
      [0.1, 0.9],
      [0.8, 0.2],
    ]);
    expect(() => crossEntropyError(Y, array([1, 2]))).toThrow(
      new RangeError(
        'crossEntropyError: label out of range; expected integers in [0, 1] for 2 classes, got t[1]=2',
      ),
    );
    expect(() => crossEntropyError(Y, array([0.5, 1]))).toThrow(
      'crossEntropyError: label out of range; expected integers in [0, 1] for 2 classes, got t[0]=0.5',
    );
    expect(() => crossEntropyError(Y, array([1, 0, 1]))).toThrow(
      new ShapeError(
        'crossEntropyError: targets do not match predictions; expected t of shape [2, 2] (one-hot) or [2] (labels) to match the batch of y, got y=[2, 2], t=[3]',
      ),
    );
    expect(() => crossEntropyError(Y, 1)).toThrow(
      'crossEntropyError: one label for a batch; expected t of shape [2] (labels) or [2, 2] (one-hot), got a single number',
    );
    expect(() => crossEntropyError([2, -1], 0)).toThrow(
      'crossEntropyError: y is not a probability at flat index 1; expected values >= 0 (apply softmax first), got -1',
    );
    expect(() => crossEntropyError(array([[[1]]]), 0)).toThrow(
      'crossEntropyError: y is not one sample or a batch; expected [C] or [N, C] with C >= 1, got [1, 1, 1]',
    );
  });
});

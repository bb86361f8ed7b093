import { array, NDArray } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { softmax } from './softmax.js';

function expectClose(a: NDArray, expected: number[], digits = 14): void {
  expect(a.size).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(a.data[i]).toBeCloseTo(v, digits);
  });
}

describe('softmax', () => {
  it('matches numpy on a vector', () => {
    // numpy: e = np.exp(a - a.max()); e / e.sum() for a = [0.3, 2.9, 4.0]
    expectClose(
      softmax([0.3, 2.9, 4.0]),
      [0.01821127329554753, 0.24519181293507392, 0.7365969137693786],
    );
  });

  it('is overflow-safe: softmax([1010, 1000, 990]) is finite and sums to 1', () => {
    const y = softmax(array([1010, 1000, 990]));
    // numpy (with the max subtracted): [0.999954600070331, 4.539786860886666e-05, 2.061060046209062e-09]
    expectClose(y, [0.999954600070331, 4.539786860886666e-5, 2.061060046209062e-9]);
    expect(y.data.every(Number.isFinite)).toBe(true);
    expect(Array.from(y.data).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 15);
  });

  it('works row by row on a batch [N, C]', () => {
    const y = softmax([
      [0.3, 2.9, 4.0],
      [1, 1, 1],
      [-1, 0, 1],
    ]);
    expect(y.shape).toEqual([3, 3]);
    // numpy, row-wise with axis=-1
    expectClose(y, [
      0.01821127329554753,
      0.24519181293507392,
      0.7365969137693786,
      1 / 3,
      1 / 3,
      1 / 3,
      0.09003057317038046,
      0.24472847105479764,
      0.6652409557748218,
    ]);
  });

  it('is shift-invariant and sums to 1 per row (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        (a, c) => {
          const y = softmax(a);
          const shifted = softmax(a.map((v) => v + c));
          let sum = 0;
          for (let i = 0; i < a.length; i++) {
            sum += y.data[i]!;
            expect(shifted.data[i]!).toBeCloseTo(y.data[i]!, 9);
          }
          expect(sum).toBeCloseTo(1, 12);
        },
      ),
    );
  });

  it('keeps float32 and rejects scalars and non-arrays', () => {
    expect(softmax(new NDArray(new Float32Array([1, 2]), [2])).dtype).toBe('float32');
    expect(() => softmax(new NDArray(new Float64Array([3]), []))).toThrow(
      'softmax: nothing to normalise; expected a vector [C] or a batch [N, C] with C >= 1, got []',
    );
    expect(() => softmax(3 as unknown as number[])).toThrow(
      new TypeError(
        'softmax: a is not an array; expected an NDArray or nested number[], got number',
      ),
    );
  });
});

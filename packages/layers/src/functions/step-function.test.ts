import { array } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { stepFunction } from './step-function.js';

describe('stepFunction', () => {
  it('is 1 for x > 0 and 0 otherwise, on numbers and arrays', () => {
    expect(stepFunction(0.001)).toBe(1);
    expect(stepFunction(0)).toBe(0);
    expect(
      stepFunction(
        array([
          [-1, 0],
          [2, 3],
        ]),
      ).toArray(),
    ).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('keeps the dtype and rejects other kinds', () => {
    expect(stepFunction(array([1], { dtype: 'float32' })).dtype).toBe('float32');
    expect(() => stepFunction([1] as unknown as number)).toThrow(
      'stepFunction: x is not a number or NDArray; expected a number or an NDArray, got an array',
    );
  });
});

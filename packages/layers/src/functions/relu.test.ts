import { array } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { relu } from './relu.js';

describe('relu', () => {
  it('is max(0, x) on numbers and arrays', () => {
    expect(relu(-3)).toBe(0);
    expect(relu(2.5)).toBe(2.5);
    expect(
      relu(
        array([
          [-1, 0.5],
          [0, 2],
        ]),
      ).toArray(),
    ).toEqual([
      [0, 0.5],
      [0, 2],
    ]);
  });

  it('returns a new array and leaves the input alone', () => {
    const x = array([-1, 1]);
    const y = relu(x);
    expect(y).not.toBe(x);
    expect(x.toArray()).toEqual([-1, 1]);
  });
});

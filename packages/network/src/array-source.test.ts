import { array, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { arraySource } from './array-source.js';

describe('arraySource', () => {
  it('copies the chosen rows, repeats allowed', () => {
    const source = arraySource(
      array([
        [0, 1],
        [1, 0],
        [1, 1],
      ]),
      array([1, 0, 1]),
    );
    expect(source.length).toBe(3);
    const { x, t } = source.batch(new Int32Array([2, 0, 2]));
    expect(x.toArray()).toEqual([
      [1, 1],
      [0, 1],
      [1, 1],
    ]);
    expect(t.toArray()).toEqual([1, 1, 1]);
    x.data[0] = 9;
    expect(source.batch([2]).x.toArray()).toEqual([[1, 1]]);
  });

  it('rejects x and t of different lengths', () => {
    expect(() => arraySource(array([[0, 1]]), array([1, 0]))).toThrow(ShapeError);
    expect(() => arraySource(array([[0, 1]]), array([1, 0]))).toThrow(
      'arraySource: x and t differ in rows; expected x.shape[0] === t.shape[0], got x=[1, 2], t=[2]',
    );
  });
});

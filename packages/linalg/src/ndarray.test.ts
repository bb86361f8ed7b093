import { describe, expect, it } from 'vitest';
import { arange, array, NDArray, ShapeError, zeros } from './index.js';

describe('NDArray', () => {
  it('reports shape, size, ndim and dtype', () => {
    const a = zeros([2, 3, 4]);
    expect(a.shape).toEqual([2, 3, 4]);
    expect(a.size).toBe(24);
    expect(a.ndim).toBe(3);
    expect(a.dtype).toBe('float64');
    expect(zeros([2], { dtype: 'float32' }).dtype).toBe('float32');
  });

  it('stores row-major: element [i, j] of a [2, 3] array is data[i * 3 + j]', () => {
    const a = arange(6).reshape(2, 3);
    expect(a.get(1, 2)).toBe(5);
    expect(a.get(-1, -3)).toBe(3);
    a.set(0, 1, 42);
    expect(a.data[1]).toBe(42);
  });

  it('rejects data that does not fit the shape', () => {
    expect(() => new NDArray(new Float64Array(5), [2, 3])).toThrow(
      new ShapeError(
        'NDArray: data length does not match shape; expected 6 elements for shape [2, 3], got 5',
      ),
    );
  });

  it('rejects out-of-range and wrongly counted indices', () => {
    const a = zeros([2, 3]);
    expect(() => a.get(2, 0)).toThrow(
      'get: index out of range; expected an integer in [-2, 1] for axis 0 of shape [2, 3], got 2',
    );
    expect(() => a.get(0)).toThrow(
      'get: wrong number of indices; expected 2 for shape [2, 3], got 1',
    );
    expect(() => a.set(0, 1.5, 1)).toThrow(/set: index out of range/);
  });

  it('reshapes with one -1 inferred, sharing data', () => {
    const a = arange(12);
    const b = a.reshape(3, -1);
    expect(b.shape).toEqual([3, 4]);
    expect(a.reshape([2, 2, 3]).shape).toEqual([2, 2, 3]);
    b.set(0, 0, 99);
    expect(a.get(0)).toBe(99);
  });

  it('explains a reshape to the wrong size', () => {
    expect(() => arange(6).reshape(4, 2)).toThrow(
      new ShapeError('reshape: sizes differ; expected a shape of 6 elements, got [6] to [4, 2]'),
    );
    expect(() => arange(6).reshape(4, -1)).toThrow(
      /reshape: cannot infer -1; expected size 6 divisible by 4/,
    );
    expect(() => arange(6).reshape(-1, -1)).toThrow(/reshape: more than one -1/);
    expect(() => arange(6).reshape(2.5, 2)).toThrow(
      /reshape: invalid shape; expected non-negative integer/,
    );
  });

  it('transposes a matrix, and permutes axes of higher dimensions', () => {
    const a = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.T.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    // np.arange(24).reshape(2,3,4).transpose(1,0,2)[2,1,3] == 23
    const b = arange(24).reshape(2, 3, 4);
    expect(b.transpose(1, 0, 2).get(2, 1, 3)).toBe(23);
    // np.arange(24).reshape(2,3,4).T.shape == (4,3,2); .T[3,2,1] == 23
    expect(b.T.shape).toEqual([4, 3, 2]);
    expect(b.T.get(3, 2, 1)).toBe(23);
    expect(() => b.transpose(0, 0, 1)).toThrow(/transpose: axes are not a permutation/);
  });

  it('flattens, clones and converts without sharing data', () => {
    const a = array([
      [1, 2],
      [3, 4],
    ]);
    const f = a.flatten();
    const c = a.clone();
    const s = a.astype('float32');
    a.set(0, 0, -1);
    expect(f.toArray()).toEqual([1, 2, 3, 4]);
    expect(c.get(0, 0)).toBe(1);
    expect(s.dtype).toBe('float32');
    expect(s.get(0, 0)).toBe(1);
  });

  it('converts to nested arrays and back', () => {
    const nested = [[[1, 2]], [[3, 4]]];
    expect(array(nested).toArray()).toEqual(nested);
    expect(new NDArray(new Float64Array([7]), []).toArray()).toBe(7);
  });

  it('item() gives the single element and refuses more', () => {
    expect(array([[5]]).item()).toBe(5);
    expect(() => zeros([2]).item()).toThrow(
      'item: array is not a single element; expected size 1, got shape [2]',
    );
  });
});

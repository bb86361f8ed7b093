import { describe, expect, it } from 'vitest';
import { arange, array, eye, full, linspace, ones, ShapeError, zeros, zerosLike } from './index.js';

describe('creating arrays', () => {
  it('array() infers the shape of nested lists', () => {
    const a = array([
      [1, 1],
      [2, 3],
    ]);
    expect(a.shape).toEqual([2, 2]);
    expect(Array.from(a.data)).toEqual([1, 1, 2, 3]);
  });

  it('array() takes a typed array with a shape, copying it', () => {
    const src = new Float32Array([1, 2, 3, 4, 5, 6]);
    const a = array(src, [3, 2]);
    src[0] = 9;
    expect(a.get(0, 0)).toBe(1);
    expect(a.dtype).toBe('float32');
    expect(array(src, { shape: [6], dtype: 'float64' }).dtype).toBe('float64');
  });

  it('array() rejects ragged nesting with the index where it breaks', () => {
    expect(() =>
      array([
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow(
      new ShapeError(
        'array: ragged nested sequence; expected length 3 at index [1] (shape [2, 3]), got length 2',
      ),
    );
    expect(() => array([[1, 2], 3] as never)).toThrow(
      /array: ragged nested sequence; expected length 2 at index \[1\]/,
    );
  });

  it('zeros, ones, full, zerosLike and eye', () => {
    expect(zeros(3).toArray()).toEqual([0, 0, 0]);
    expect(ones([2, 1]).toArray()).toEqual([[1], [1]]);
    expect(full([2], 0.5, { dtype: 'float32' }).toArray()).toEqual([0.5, 0.5]);
    expect(zerosLike(ones([2, 2], { dtype: 'float32' })).dtype).toBe('float32');
    expect(eye(3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('rejects negative and fractional sizes', () => {
    expect(() => zeros([2, -1])).toThrow(
      new RangeError('full: invalid shape; expected non-negative integer dimensions, got [2, -1]'),
    );
    expect(() => ones(1.5)).toThrow(
      /invalid shape; expected non-negative integer dimensions, got \[1\.5\]/,
    );
  });

  it('arange and linspace match numpy', () => {
    // np.arange(0, 1, 0.25) -> [0, 0.25, 0.5, 0.75]; np.arange(5, 0, -2) -> [5, 3, 1]
    expect(arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(arange(3).toArray()).toEqual([0, 1, 2]);
    // np.linspace(-1, 1, 5) -> [-1, -0.5, 0, 0.5, 1]
    expect(linspace(-1, 1, 5).toArray()).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(() => arange(0, 1, 0)).toThrow(
      /arange: invalid range; expected finite start\/stop and a non-zero step/,
    );
    expect(() => linspace(0, 1, -1)).toThrow(/linspace: invalid count/);
  });
});

describe('arrays too large to make', () => {
  it('zeros([1e6, 1e6]) says how large it is instead of the engine’s bare message', () => {
    // 10^12 float64 elements = 8 · 10^12 bytes = 7450.6 GiB (8e12 / 2^30)
    expect(() => zeros([1e6, 1e6])).toThrow(RangeError);
    expect(() => zeros([1e6, 1e6])).toThrow(
      /^allocate: array too large; expected an array that fits in memory and under the engine's typed array limit, got 1000000000000 float64 elements \(7450\.6 GiB\): /,
    );
  });
});

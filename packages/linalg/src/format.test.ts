import { describe, expect, it } from 'vitest';
import { arange, array, linspace, NDArray, zeros } from './index.js';

// Every expected string below is `repr(str(np.array(...)))` printed by numpy 2.4 with default print options.
describe('NDArray.toString prints like numpy', () => {
  it.each([
    [
      'a 2×2 matrix with mixed decimals',
      array([
        [1.5, 2.25],
        [3, -4],
      ]),
      '[[ 1.5   2.25]\n [ 3.   -4.  ]]',
    ],
    ['integers as floats', array([1, 2, 3]), '[1. 2. 3.]'],
    ['short decimals padded on the right', array([0.1, 0.25]), '[0.1  0.25]'],
    [
      'scientific when the range is wide',
      array([
        [0.001234, 123.5],
        [1, 2],
      ]),
      '[[1.234e-03 1.235e+02]\n [1.000e+00 2.000e+00]]',
    ],
    ['scientific for tiny values', array([1e-5, 1]), '[1.e-05 1.e+00]'],
    ['scientific for huge values', array([[1e9, 1]]), '[[1.e+09 1.e+00]]'],
    ['nan and inf', array([Number.NaN, Number.POSITIVE_INFINITY, -1.5]), '[ nan  inf -1.5]'],
    [
      'eight digits, wrapped at 75 columns',
      linspace(0, 1, 7),
      '[0.         0.16666667 0.33333333 0.5        0.66666667 0.83333333\n 1.        ]',
    ],
    [
      'a 3-D array with blank lines between blocks',
      arange(12).reshape(2, 3, 2),
      '[[[ 0.  1.]\n  [ 2.  3.]\n  [ 4.  5.]]\n\n [[ 6.  7.]\n  [ 8.  9.]\n  [10. 11.]]]',
    ],
    ['thirds rounded to 8 digits', array([1 / 3, 2 / 3]), '[0.33333333 0.66666667]'],
    ['an empty array', zeros([0]), '[]'],
    ['a 0-d array', new NDArray(new Float64Array([3.5]), []), '3.5'],
  ])('%s', (_name, a, expected) => {
    expect(a.toString()).toBe(expected);
  });

  it('summarises arrays of more than 1000 elements with ...', () => {
    const text = arange(2000).reshape(40, 50).toString();
    expect(text).toBe(
      '[[0.000e+00 1.000e+00 2.000e+00 ... 4.700e+01 4.800e+01 4.900e+01]\n' +
        ' [5.000e+01 5.100e+01 5.200e+01 ... 9.700e+01 9.800e+01 9.900e+01]\n' +
        ' [1.000e+02 1.010e+02 1.020e+02 ... 1.470e+02 1.480e+02 1.490e+02]\n' +
        ' ...\n' +
        ' [1.850e+03 1.851e+03 1.852e+03 ... 1.897e+03 1.898e+03 1.899e+03]\n' +
        ' [1.900e+03 1.901e+03 1.902e+03 ... 1.947e+03 1.948e+03 1.949e+03]\n' +
        ' [1.950e+03 1.951e+03 1.952e+03 ... 1.997e+03 1.998e+03 1.999e+03]]',
    );
  });
});

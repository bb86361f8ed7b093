import { array, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { Relu } from './relu.js';

// Fixed input; expected values from numpy: np.maximum(0, x) and dout * (x > 0).
const x = array([
  [1.0, -2.0, 3.0],
  [-0.5, 0.25, 2.0],
]);
const dout = array([
  [1, 2, 3],
  [4, 5, 6],
]);

describe('Relu', () => {
  it('forward is max(0, x); backward passes dout only where x > 0', () => {
    const layer = new Relu();
    expect(layer.forward(x).toArray()).toEqual([
      [1, 0, 3],
      [0, 0.25, 2],
    ]);
    expect(layer.backward(dout).toArray()).toEqual([
      [1, 0, 3],
      [0, 5, 6],
    ]);
    expect(layer.params).toEqual({});
    expect(layer.grads).toEqual({});
  });

  it('returns new arrays that later calls do not overwrite', () => {
    const layer = new Relu();
    const y1 = layer.forward(x);
    const dx1 = layer.backward(dout);
    layer.forward(
      array([
        [-1, -1, -1],
        [-1, -1, -1],
      ]),
    );
    layer.backward(dout);
    expect(y1.toArray()).toEqual([
      [1, 0, 3],
      [0, 0.25, 2],
    ]);
    expect(dx1.get(1, 2)).toBe(6);
    expect(x.get(0, 1)).toBe(-2); // the input is not modified
  });

  it('reports backward before forward and a dout of the wrong shape', () => {
    expect(() => new Relu().backward(dout)).toThrow(
      'Relu.backward: called before forward; expected forward(x) first, got no cached mask',
    );
    const layer = new Relu();
    layer.forward(x);
    expect(() => layer.backward(array([1, 2, 3]))).toThrow(
      new ShapeError(
        'Relu.backward: dout shape differs from the forward output; expected [2, 3], got [3]',
      ),
    );
    expect(() => layer.forward([1, 2] as never)).toThrow(
      new TypeError('Relu.forward: x is not an NDArray; expected an NDArray, got an array'),
    );
  });
});

describe('Relu with NaN', () => {
  it('lets NaN through forward, as numpy does, so divergence stays visible', () => {
    const y = new Relu().forward(array([Number.NaN, -1]));
    expect(Number.isNaN(y.get(0))).toBe(true);
    expect(y.get(1)).toBe(0);
  });
});

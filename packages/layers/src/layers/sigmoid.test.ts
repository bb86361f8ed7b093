import { array, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { Sigmoid } from './sigmoid.js';

// Fixed input; expected values from numpy: s = 1 / (1 + np.exp(-x)); dx = dout * s * (1 - s).
const x = array([
  [1.0, -2.0, 3.0],
  [-0.5, 0.25, 2.0],
]);
const dout = array([
  [1, 2, 3],
  [4, 5, 6],
]);
const expectedY = [
  0.7310585786300049, 0.11920292202211755, 0.9525741268224334, 0.3775406687981454,
  0.5621765008857981, 0.8807970779778823,
];
const expectedDx = [
  0.19661193324148185, 0.209987170807013, 0.13552997919273602, 0.940014848806378,
  1.2306704136879918, 0.6299615124210397,
];

describe('Sigmoid', () => {
  it('forward is σ(x); backward is dout · y(1 − y) (numpy values)', () => {
    const layer = new Sigmoid();
    const y = layer.forward(x);
    expect(y.shape).toEqual([2, 3]);
    expectedY.forEach((v, i) => {
      expect(y.data[i]).toBeCloseTo(v, 15);
    });
    const dx = layer.backward(dout);
    expectedDx.forEach((v, i) => {
      expect(dx.data[i]).toBeCloseTo(v, 14);
    });
    expect(layer.out).toBe(y);
  });

  it('reports backward before forward and a dout of the wrong shape', () => {
    expect(() => new Sigmoid().backward(dout)).toThrow(
      'Sigmoid.backward: called before forward; expected forward(x) first, got no cached output',
    );
    const layer = new Sigmoid();
    layer.forward(x);
    expect(() =>
      layer.backward(
        array([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow(
      new ShapeError(
        'Sigmoid.backward: dout shape differs from the forward output; expected [2, 3], got [2, 2]',
      ),
    );
  });
});

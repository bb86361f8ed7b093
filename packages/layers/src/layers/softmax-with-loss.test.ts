import { array, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { SoftmaxWithLoss } from './softmax-with-loss.js';

// Fixed scores with labels [2, 0]; expected from numpy: y = softmax(x) row-wise,
// loss = -mean(log(y[range(N), t] + 1e-7)), dx = (y - onehot(t)) / N.
const x = array([
  [1.0, -2.0, 3.0],
  [-0.5, 0.25, 2.0],
]);
const expectedY = [
  0.11849965453500959, 0.005899750401902781, 0.8756005950630876, 0.06536163885437346,
  0.13837059054054027, 0.7962677706050862,
];
const expectedLoss = 1.430331672022728;
const expectedDx = [
  0.059249827267504794, 0.0029498752009513903, -0.062199702468456186, -0.4673191805728133,
  0.06918529527027013, 0.3981338853025431,
];

describe('SoftmaxWithLoss', () => {
  it('forward gives the mean CEE of softmax(x); backward (y − t) / N (labels)', () => {
    const layer = new SoftmaxWithLoss();
    const loss = layer.forward(x, array([2, 0]));
    expect(loss).toBeCloseTo(expectedLoss, 14);
    expect(layer.loss).toBe(loss);
    expectedY.forEach((v, i) => {
      expect(layer.y!.data[i]).toBeCloseTo(v, 15);
    });
    const dx = layer.backward();
    expect(dx.shape).toEqual([2, 3]);
    expectedDx.forEach((v, i) => {
      expect(dx.data[i]).toBeCloseTo(v, 15);
    });
    const dx2 = layer.backward(2); // dout scales the result
    expect(dx2.get(1, 0)).toBeCloseTo(2 * expectedDx[3]!, 15);
  });

  it('gives the same with one-hot targets, and handles a single sample [C]', () => {
    const layer = new SoftmaxWithLoss();
    const oneHot = array([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(layer.forward(x, oneHot)).toBeCloseTo(expectedLoss, 14);
    expect(layer.backward().data[5]).toBeCloseTo(expectedDx[5]!, 15);
    // the lecture's scores [0.3, 2.9, 4.0] with answer 2: −log(0.7365969137693786 + 1e-7)
    const single = new SoftmaxWithLoss();
    expect(single.forward(array([0.3, 2.9, 4.0]), 2)).toBeCloseTo(0.3057143290530003, 14);
    const dx = single.backward();
    expect(dx.shape).toEqual([3]);
    expect(dx.get(2)).toBeCloseTo(0.7365969137693786 - 1, 15);
  });

  it('does not overflow on huge scores', () => {
    const layer = new SoftmaxWithLoss();
    const loss = layer.forward(array([[1010, 1000, 990]]), array([0]));
    expect(loss).toBeCloseTo(4.530095574186408e-5, 12); // −log(0.999954600070331 + 1e-7), numpy
    expect(layer.backward().data.every(Number.isFinite)).toBe(true);
  });

  it('reports labels out of range, batch mismatches, bad dout and backward before forward', () => {
    const layer = new SoftmaxWithLoss();
    expect(() => layer.backward()).toThrow(
      'SoftmaxWithLoss.backward: called before forward; expected forward(x, t) first, got no cached y',
    );
    expect(() => layer.forward(x, array([2, 3]))).toThrow(
      new RangeError(
        'SoftmaxWithLoss.forward: label out of range; expected integers in [0, 2] for 3 classes, got t[1]=3',
      ),
    );
    expect(() => layer.forward(x, array([2, 0, 1]))).toThrow(
      new ShapeError(
        'SoftmaxWithLoss.forward: targets do not match predictions; expected t of shape [2, 3] (one-hot) or [2] (labels) to match the batch of y, got y=[2, 3], t=[3]',
      ),
    );
    expect(() => layer.forward(x, array([[0, 0, 1]]))).toThrow(ShapeError);
    expect(() => layer.forward(array([[[1]]]), array([0]))).toThrow(
      'SoftmaxWithLoss.forward: x is not one sample or a batch; expected [C] or [N, C] with C >= 1, got x=[1, 1, 1]',
    );
    layer.forward(x, array([2, 0]));
    expect(() => layer.backward(Number.NaN)).toThrow(
      new RangeError('SoftmaxWithLoss.backward: invalid dout; expected a finite number, got NaN'),
    );
  });
});

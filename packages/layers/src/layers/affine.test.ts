import { array, NDArray, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { Affine } from './affine.js';

// Fixed values; expected results from numpy: out = x @ W + b, dx = dout @ W.T, dW = x.T @ dout,
// db = dout.sum(axis=0).
const x = () =>
  array([
    [1.0, -2.0, 3.0],
    [-0.5, 0.25, 2.0],
  ]);
const W = () =>
  array([
    [0.1, -0.2],
    [0.3, 0.4],
    [-0.5, 0.6],
  ]);
const b = () => array([0.01, -0.02]);
const dout = array([
  [1.0, -1.0],
  [0.5, 2.0],
]);

function expectClose(a: NDArray, expected: number[], digits = 14): void {
  expect(a.size).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(a.data[i]).toBeCloseTo(v, digits);
  });
}

describe('Affine', () => {
  it('forward x·W + b and backward dx, dW, db match numpy', () => {
    const layer = new Affine(W(), b());
    const out = layer.forward(x());
    expect(out.shape).toEqual([2, 2]);
    expectClose(out, [-1.99, 0.78, -0.965, 1.38]);
    const dx = layer.backward(dout);
    expect(dx.shape).toEqual([2, 3]);
    expectClose(dx, [0.3, -0.1, -1.1, -0.35, 0.95, 0.95]);
    expectClose(layer.dW, [0.75, -2.0, -1.875, 2.5, 4.0, 1.0]);
    expectClose(layer.db, [1.5, 1.0]);
    expect(layer.grads['W']).toBe(layer.dW);
    expect(layer.grads['b']).toBe(layer.db);
  });

  it("takes the lecture's single vector: X (2,) · W (2, 3) + B (3,) = Y (3,)", () => {
    const layer = new Affine(
      array([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      array([0.1, 0.2, 0.3]),
    );
    const y = layer.forward(array([1, 1]));
    expect(y.shape).toEqual([3]);
    expectClose(y, [5.1, 7.2, 9.3]);
    const dx = layer.backward(array([1, 0, 0]));
    expect(dx.toArray()).toEqual([1, 4]);
    expect(layer.dW.toArray()).toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    expect(layer.db.toArray()).toEqual([1, 0, 0]);
  });

  it('flattens an image batch [N, 2, 2] against W [4, M] and reshapes dx back', () => {
    const layer = new Affine(
      array([
        [1, 0],
        [0, 1],
        [1, 1],
        [2, 0],
      ]),
      array([0, 0]),
    );
    const img = new NDArray(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]), [2, 2, 2]);
    expect(layer.forward(img).toArray()).toEqual([
      [12, 5],
      [28, 13],
    ]);
    const dx = layer.backward(
      array([
        [1, 0],
        [0, 1],
      ]),
    );
    expect(dx.shape).toEqual([2, 2, 2]);
    expect(dx.toArray()).toEqual([
      [
        [1, 0],
        [1, 2],
      ],
      [
        [0, 1],
        [1, 0],
      ],
    ]);
  });

  it('shares params with the caller and overwrites grads in place, never the returned arrays', () => {
    const w = W();
    const bias = b();
    const layer = new Affine(w, bias);
    expect(layer.params['W']).toBe(w);
    expect(layer.params['b']).toBe(bias);
    const out1 = layer.forward(x());
    const dx1 = layer.backward(dout);
    const dW = layer.dW;
    w.data[0] = 100; // an optimiser updating W in place: the layer sees it
    const out2 = layer.forward(x());
    layer.backward(dout);
    expect(out2.get(0, 0)).toBeCloseTo(-1.99 + 99.9, 12);
    expectClose(out1, [-1.99, 0.78, -0.965, 1.38]); // earlier results untouched
    expect(dx1.get(0, 0)).toBeCloseTo(0.3, 15);
    expect(layer.dW).toBe(dW); // same gradient object from step to step
    expect(layer.grads['W']).toBe(dW);
  });

  it('reports mismatched shapes, bad dout and backward before forward, naming the layer', () => {
    expect(() => new Affine(array([1, 2]), array([1]))).toThrow(
      new ShapeError('Affine: W is not a matrix; expected W of shape [D, M], got W=[2]'),
    );
    expect(() => new Affine(W(), array([1, 2, 3]))).toThrow(
      new ShapeError('Affine: b does not match W; expected b of shape [2] for W=[3, 2], got b=[3]'),
    );
    const layer = new Affine(W(), b());
    expect(() => layer.backward(dout)).toThrow(
      'Affine.backward: called before forward; expected forward(x) first, got no cached input',
    );
    expect(() => layer.forward(array([[1, 2, 3, 4]]))).toThrow(
      new ShapeError(
        'Affine.forward: x does not match W; expected x of shape [N, 3] (or [3], or [N, …] with 3 elements per sample) for W=[3, 2], got x=[1, 4]',
      ),
    );
    layer.forward(x());
    expect(() => layer.backward(array([[1, 2, 3]]))).toThrow(
      new ShapeError(
        'Affine.backward: dout shape differs from the forward output; expected [2, 2], got [1, 3]',
      ),
    );
    expect(() => new Affine([[1]] as never, b())).toThrow(
      new TypeError('Affine: W is not an NDArray; expected an NDArray, got an array'),
    );
  });

  it('keeps float32 weights float32 in the gradients', () => {
    const layer = new Affine(W().astype('float32'), b().astype('float32'));
    const out = layer.forward(x().astype('float32'));
    expect(out.dtype).toBe('float32');
    layer.backward(dout.astype('float32'));
    expect(layer.dW.dtype).toBe('float32');
    expectClose(layer.dW, [0.75, -2.0, -1.875, 2.5, 4.0, 1.0], 5);
    layer.forward(x()); // float64 x with float32 W: dW is computed in float64 and stored as float32
    layer.backward(dout);
    expect(layer.dW.dtype).toBe('float32');
    expectClose(layer.dW, [0.75, -2.0, -1.875, 2.5, 4.0, 1.0], 5);
  });
});

describe('Affine.backwardParams', () => {
  it('fills the same dW and db as backward, without dx', () => {
    const a = new Affine(W(), b());
    a.forward(x());
    a.backward(dout);
    const c = new Affine(W(), b());
    c.forward(x());
    expect(c.backwardParams(dout)).toBeUndefined();
    expect(Array.from(c.dW.data)).toEqual(Array.from(a.dW.data));
    expect(Array.from(c.db.data)).toEqual(Array.from(a.db.data));
  });

  it('checks its input like backward', () => {
    const layer = new Affine(W(), b());
    expect(() => layer.backwardParams(dout)).toThrow(
      'Affine.backwardParams: called before forward; expected forward(x) first, got no cached input',
    );
    layer.forward(x());
    expect(() => layer.backwardParams(array([1, 2]))).toThrow(
      new ShapeError(
        'Affine.backwardParams: dout shape differs from the forward output; expected [2, 2], got [2]',
      ),
    );
  });
});

import { array, createRng, FormatError, NDArray, randn, ShapeError } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradientCheck } from './gradient-check.js';
import { SimpleNetwork } from './simple-network.js';

/** A 2-3-2 network with hand-set weights, for values checked against numpy. */
function handNet(): SimpleNetwork {
  const net = new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng: createRng(0) });
  net.params['W1']!.data.set([1, -1, 0.5, 0.5, 1, -1]);
  net.params['b1']!.data.set([0.1, 0.2, 0.3]);
  net.params['W2']!.data.set([1, 0, 0, 1, 1, 1]);
  net.params['b2']!.data.set([0, 0.5]);
  return net;
}

describe('SimpleNetwork', () => {
  it("has the lecture's 39,760 parameters for 784-50-10", () => {
    const net = new SimpleNetwork();
    expect(net.paramCount()).toBe(784 * 50 + 50 + 50 * 10 + 10);
    expect(net.paramCount()).toBe(39_760);
    expect(Object.keys(net.params)).toEqual(['W1', 'b1', 'W2', 'b2']);
    expect(net.params['W1']!.shape).toEqual([784, 50]);
    expect(net.params['b2']!.shape).toEqual([10]);
    expect(net.architecture).toEqual({
      type: 'SimpleNetwork',
      inputSize: 784,
      hiddenSize: 50,
      outputSize: 10,
      weightInitStd: 0.01,
    });
  });

  it('draws weights with std weightInitStd and zero biases, the same for the same seed', () => {
    const a = new SimpleNetwork({ rng: createRng(7) });
    const b = new SimpleNetwork({ rng: createRng(7) });
    expect(a.params['W1']!.data).toEqual(b.params['W1']!.data);
    const w = a.params['W1']!.data;
    const sd = Math.sqrt(Array.from(w, (v) => v * v).reduce((s, v) => s + v, 0) / w.length);
    // 39,200 draws of 0.01·N(0,1): the sample std is within a few percent of 0.01.
    expect(sd).toBeGreaterThan(0.0097);
    expect(sd).toBeLessThan(0.0103);
    expect(a.params['b1']!.data.every((v) => v === 0)).toBe(true);
  });

  it('dtype float32 keeps every parameter, gradient and score in float32, close to float64', () => {
    const n64 = new SimpleNetwork({
      inputSize: 6,
      hiddenSize: 5,
      outputSize: 3,
      rng: createRng(3),
    });
    const n32 = new SimpleNetwork({
      inputSize: 6,
      hiddenSize: 5,
      outputSize: 3,
      rng: createRng(3),
      dtype: 'float32',
    });
    expect(n64.dtype).toBe('float64');
    expect(n32.dtype).toBe('float32');
    for (const p of Object.values(n32.params)) expect(p.dtype).toBe('float32');
    // Same draws: W1 agrees to float32 rounding (|w| < 0.1, so 1e-8 is a few float32 ulps).
    const w64 = n64.params['W1']!.data;
    const w32 = n32.params['W1']!.data;
    for (let i = 0; i < w32.length; i++) expect(w32[i]).toBeCloseTo(w64[i]!, 8);
    const x64 = randn([4, 6], createRng(4));
    const x32 = x64.astype('float32');
    const t = array([0, 2, 1, 1]);
    expect(n32.predict(x32).dtype).toBe('float32');
    const g64 = n64.lossAndGradient(x64, t);
    const g32 = n32.lossAndGradient(x32, t.astype('float32'));
    // float32 keeps about 7 significant digits: the loss (≈ log 3) to 1e-5.
    expect(g32.loss).toBeCloseTo(g64.loss, 5);
    for (const name of ['W1', 'b1', 'W2', 'b2']) {
      expect(g32.grads[name]!.dtype).toBe('float32');
      const a = g64.grads[name]!.data;
      const g = g32.grads[name]!.data;
      for (let i = 0; i < g.length; i++) expect(Math.abs(g[i]! - a[i]!)).toBeLessThan(1e-6);
    }
  });

  it('rejects a dtype other than float64 or float32', () => {
    expect(() => new SimpleNetwork({ dtype: 'int32' as never })).toThrow(
      "SimpleNetwork: invalid dtype; expected 'float64' or 'float32', got int32",
    );
  });

  it('predict, loss and accuracy match numpy on hand-set weights', () => {
    const net = handNet();
    const x = array([
      [1, 2],
      [-1, 0.5],
    ]);
    // numpy: np.maximum(0, x@W1 + b1) @ W2 + b2 = [[2.1, 1.7], [0, 2.2]]
    const y = net.predict(x);
    expect(y.shape).toEqual([2, 2]);
    expect([...y.data].map((v) => Number(v.toFixed(12)))).toEqual([2.1, 1.7, 0, 2.2]);
    // numpy: -np.log(softmax(y)[[0, 1], t] + 1e-7).mean() = 1.6090486602426812
    expect(net.loss(x, array([1, 0]))).toBeCloseTo(1.6090486602426812, 10);
    expect(
      net.loss(
        x,
        array([
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBeCloseTo(1.6090486602426812, 10);
    expect(net.accuracy(x, array([0, 1]))).toBe(1);
    expect(net.accuracy(x, array([1, 1]))).toBe(0.5);
    expect(
      net.accuracy(
        x,
        array([
          [0, 1],
          [0, 1],
        ]),
      ),
    ).toBe(0.5);
  });

  it('predicts one image given as a 1-D array', () => {
    const y = handNet().predict(array([1, 2]));
    expect(y.shape).toEqual([2]);
    expect(y.data[0]).toBeCloseTo(2.1, 12);
  });

  it('starts near loss log(10) with tiny weights', () => {
    const rng = createRng(3);
    const net = new SimpleNetwork({ rng });
    const x = randn([20, 784], rng);
    const t = new NDArray(Float64Array.from({ length: 20 }, (_, i) => i % 10));
    // With std 0.01 the scores are nearly equal, so softmax is nearly uniform: −log(0.1) = 2.3026.
    expect(net.loss(x, t)).toBeCloseTo(Math.log(10), 1);
  });

  it('backprop gradient agrees with the numerical gradient on random shapes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1000 }),
        (inputSize, hiddenSize, outputSize, n, seed) => {
          const rng = createRng(seed);
          const net = new SimpleNetwork({
            inputSize,
            hiddenSize,
            outputSize,
            weightInitStd: 0.1,
            rng,
          });
          const x = randn([n, inputSize], rng);
          const t = new NDArray(Float64Array.from({ length: n }, () => rng.int(outputSize)));
          // Skip a ReLU input within 1e-3 of its kink, where h = 1e-4 straddles it.
          fc.pre(net.layers[0]!.forward(x).data.every((v) => Math.abs(v) > 1e-3));
          // The loss is −log(y + δ) with δ = 1e-7 while backprop gives the gradient without δ,
          // so the two differ by about δ / y relative: tiny, unless the right class is unlikely.
          // Weights of std 0.1 keep every softmax output well above δ (std 0.5 let y fall near 1e-3
          // and failed about one run in a thousand); 3,000 runs passed with 0.1.
          // A wrong backward pass differs by O(1).
          const result = gradientCheck(net, x, t);
          expect(result.maxRelDiff).toBeLessThan(1e-2);
          for (const d of Object.values(result.params)) expect(d.maxAbsDiff).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('lossAndGradient returns the loss of the forward pass and gradients shaped like params', () => {
    const net = handNet();
    const x = array([[1, 2]]);
    const { loss, grads } = net.lossAndGradient(x, array([1]));
    expect(loss).toBeCloseTo(net.loss(x, array([1])), 14);
    for (const name of Object.keys(net.params)) {
      expect(grads[name]!.shape).toEqual(net.params[name]!.shape);
    }
  });

  it('rejects inputs of the wrong shape with the shapes in the message', () => {
    const net = handNet();
    expect(() => net.predict(array([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => net.predict(array([[1, 2, 3]]))).toThrow(
      'SimpleNetwork.predict: x has the wrong shape; expected [N, 2] or [2], got x=[1, 3]',
    );
    expect(() => net.loss(array([[1, 2]]), array([1, 0]))).toThrow(
      'SimpleNetwork.loss: t does not match x; expected [1] labels or [1, 2] one-hot, got t=[2]',
    );
    expect(() => net.predict([1, 2] as unknown as NDArray)).toThrow(
      'SimpleNetwork.predict: x is not an array; expected an NDArray, got a JavaScript array',
    );
  });

  it('rejects bad sizes and scales', () => {
    expect(() => new SimpleNetwork({ hiddenSize: 0 })).toThrow(RangeError);
    expect(() => new SimpleNetwork({ hiddenSize: 2.5 })).toThrow(
      'SimpleNetwork: invalid hiddenSize; expected a positive integer, got 2.5',
    );
    expect(() => new SimpleNetwork({ weightInitStd: -1 })).toThrow(
      'SimpleNetwork: invalid weightInitStd; expected a finite number > 0, got -1',
    );
    expect(FormatError).toBeDefined();
  });
});

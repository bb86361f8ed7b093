import { createRng, NDArray, randn, zeros } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { createNetwork } from './create-network.js';
import { decodeModel, encodeModel } from './model-file.js';
import { SimpleConvNet } from './simple-conv-net.js';

/** ‖a − b‖ / (‖a‖ + ‖b‖). */
function relativeError(a: NDArray, b: NDArray): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.size; i++) {
    diff += (a.data[i]! - b.data[i]!) ** 2;
    na += a.data[i]! ** 2;
    nb += b.data[i]! ** 2;
  }
  return Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nb));
}

const small = {
  inputDim: [1, 6, 6] as [number, number, number],
  filterNum: 2,
  filterSize: 3,
  hiddenSize: 5,
  outputSize: 3,
  weightInitStd: 0.3,
};

describe('SimpleConvNet', () => {
  it("has the book's layers and parameter shapes (433,890 parameters for MNIST)", () => {
    const net = new SimpleConvNet();
    const shapes = Object.fromEntries(Object.entries(net.params).map(([k, p]) => [k, p.shape]));
    // conv 30 filters 5×5 → [N, 30, 24, 24] → pool 2×2 → 30·12·12 = 4320 → 100 → 10.
    expect(shapes).toEqual({
      W1: [30, 1, 5, 5],
      b1: [30],
      W2: [4320, 100],
      b2: [100],
      W3: [100, 10],
      b3: [10],
    });
    expect(net.paramCount()).toBe(750 + 30 + 432_000 + 100 + 1000 + 10);
    expect(net.layers.map((l) => l.constructor.name)).toEqual([
      'Convolution',
      'Relu',
      'Pooling',
      'Affine',
      'Relu',
      'Affine',
    ]);
  });

  it('backprop gradients agree with the numerical gradient (float64, relative error < 1e-6)', () => {
    const rng = createRng(3);
    const net = new SimpleConvNet({ ...small, rng });
    const x = randn([3, 36], rng);
    const t = new NDArray(new Float64Array([0, 2, 1]), [3]);
    const numeric = net.numericalGradient(x, t);
    const grads = net.gradient(x, t);
    for (const name of Object.keys(net.params)) {
      expect(relativeError(grads[name]!, numeric[name]!), name).toBeLessThan(1e-6);
    }
  });

  it('reads [N, C, H, W] and flattened [N, C·H·W] images alike, and predicts in chunks', () => {
    const rng = createRng(1);
    const net = new SimpleConvNet({ ...small, rng });
    const x = randn([250, 36], rng);
    const flat = net.predict(x);
    const images = net.predict(x.reshape(250, 1, 6, 6));
    expect(flat.shape).toEqual([250, 3]);
    expect(Array.from(images.data)).toEqual(Array.from(flat.data));
    // Row 220 (third chunk of 100) alone gives the same scores as in the batch.
    const one = net.predict(new NDArray(x.data.slice(220 * 36, 221 * 36), [1, 36]));
    expect(Array.from(one.data)).toEqual(Array.from(flat.data.subarray(660, 663)));
  });

  it('saves to and loads from a model file, float64 and float32', () => {
    for (const dtype of ['float64', 'float32'] as const) {
      const net = new SimpleConvNet({ ...small, dtype, rng: createRng(5) });
      net.params['b1']!.data[0] = 0.25;
      const { network } = decodeModel(encodeModel(net));
      expect(network).toBeInstanceOf(SimpleConvNet);
      expect(network.architecture).toEqual(net.architecture);
      const x = randn([4, 36], createRng(9));
      expect(Array.from(network.predict(x).data)).toEqual(Array.from(net.predict(x).data));
      expect(createNetwork(net.architecture).paramCount()).toBe(net.paramCount());
    }
  });

  it('trains: plain gradient steps on one batch lower its loss', () => {
    const rng = createRng(2);
    const net = new SimpleConvNet({ ...small, weightInitStd: 0.1, rng });
    const x = randn([8, 36], rng);
    const t = new NDArray(
      Float64Array.from({ length: 8 }, (_, i) => i % 3),
      [8],
    );
    const before = net.loss(x, t);
    for (let step = 0; step < 50; step++) {
      const { grads } = net.lossAndGradient(x, t);
      for (const [name, p] of Object.entries(net.params)) {
        const g = grads[name]!;
        for (let i = 0; i < p.size; i++) p.data[i]! -= 0.3 * g.data[i]!;
      }
    }
    expect(net.loss(x, t)).toBeLessThan(before * 0.5);
  });

  it('names what is wrong with the input', () => {
    const net = new SimpleConvNet();
    expect(() => net.predict(zeros([2, 1, 32, 32]))).toThrow(
      'SimpleConvNet.predict: x has the wrong shape; expected [N, 1, 28, 28] or [N, 784], got x=[2, 1, 32, 32]',
    );
    expect(() => net.predict(zeros([2, 1024]))).toThrow(
      'SimpleConvNet.predict: x has the wrong shape; expected [N, 784] or [784], got x=[2, 1024]',
    );
    expect(() => new SimpleConvNet({ inputDim: [1, 4, 4], filterSize: 5 })).toThrow(
      'convOutputSize: filter larger than the padded input',
    );
  });
});

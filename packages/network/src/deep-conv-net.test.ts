import { createRng, NDArray, randn, zeros } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { createNetwork } from './create-network.js';
import { DeepConvNet } from './deep-conv-net.js';
import { decodeModel, encodeModel } from './model-file.js';

/** ‖v‖, the Euclidean norm. */
function norm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

/** ‖a − b‖ / (‖a‖ + ‖b‖). */
function relativeError(a: NDArray, b: NDArray): number {
  const diff = Array.from(a.data, (v, i) => v - b.data[i]!);
  return norm(diff) / (norm(a.data) + norm(b.data));
}

/** A small DeepConvNet for gradient checks: 16×16 images (16 → 8 → 4 → 2), 3–6 filters, every pad 1. */
const tiny = {
  inputDim: [1, 16, 16] as [number, number, number],
  convParams: [3, 3, 4, 4, 6, 6].map((filterNum) => ({
    filterNum,
    filterSize: 3,
    pad: 1,
    stride: 1,
  })),
  hiddenSize: 10,
  outputSize: 3,
};

describe('DeepConvNet', () => {
  it("has the book's layers and parameter shapes (123,552 parameters for MNIST)", () => {
    const net = new DeepConvNet();
    const shapes = Object.fromEntries(Object.entries(net.params).map(([k, p]) => [k, p.shape]));
    // 28 → conv, conv → pool 14 → conv, conv (pad 2) 16 → pool 8 → conv, conv → pool 4: 64·4·4 = 1024.
    expect(shapes).toEqual({
      W1: [16, 1, 3, 3],
      b1: [16],
      W2: [16, 16, 3, 3],
      b2: [16],
      W3: [32, 16, 3, 3],
      b3: [32],
      W4: [32, 32, 3, 3],
      b4: [32],
      W5: [64, 32, 3, 3],
      b5: [64],
      W6: [64, 64, 3, 3],
      b6: [64],
      W7: [1024, 50],
      b7: [50],
      W8: [50, 10],
      b8: [10],
    });
    // By hand: weights 144 + 2304 + 4608 + 9216 + 18432 + 36864 + 51200 + 500 = 123,268,
    // biases 16 + 16 + 32 + 32 + 64 + 64 + 50 + 10 = 284.
    expect(net.paramCount()).toBe(123_552);
    const names = net.layers.map((l) => l.constructor.name);
    const conv = ['Convolution', 'Relu', 'Convolution', 'Relu', 'Pooling'];
    expect(names).toEqual([
      ...conv,
      ...conv,
      ...conv,
      'Affine',
      'Relu',
      'Dropout',
      'Affine',
      'Dropout',
    ]);
  });

  it('draws He-scaled weights: std √(2 / fan-in), the fan-in of a filter C·FH·FW', () => {
    const net = new DeepConvNet({ rng: createRng(4) });
    for (const [name, fanIn] of [
      ['W2', 16 * 9],
      ['W6', 64 * 9],
      ['W7', 1024],
    ] as const) {
      const w = net.params[name]!.data;
      const std = norm(w) / Math.sqrt(w.length);
      expect(std, name).toBeCloseTo(Math.sqrt(2 / fanIn), 2);
    }
    expect(Array.from(net.params['b3']!.data).every((v) => v === 0)).toBe(true);
  });

  it('backprop gradients agree with the numerical gradient, dropout masks replayed (float64, < 1e-6)', () => {
    const rng = createRng(7);
    const net = new DeepConvNet({ ...tiny, rng });
    const x = randn([3, 256], rng);
    const t = new NDArray(new Float64Array([0, 2, 1]), [3]);
    const masks = net.dropoutRng.getState();
    const grads = net.gradient(x, t);
    net.dropoutRng.setState(masks);
    const numeric = net.numericalGradient(x, t);
    expect(Object.keys(grads)).toEqual(Object.keys(net.params));
    for (const name of Object.keys(net.params)) {
      // A dead network (every unit dropped or below zero) would agree trivially: demand a signal.
      expect(norm(grads[name]!.data), name).toBeGreaterThan(1e-6);
      expect(relativeError(grads[name]!, numeric[name]!), name).toBeLessThan(1e-6);
    }
  }, 60_000); // about 3 s alone: two forward passes per each of 1,209 parameters; more on a shared machine

  it('drops units only in training: predict is deterministic, training passes differ', () => {
    const rng = createRng(8);
    const net = new DeepConvNet({ ...tiny, rng });
    const x = randn([4, 256], rng);
    const t = new NDArray(new Float64Array([0, 1, 2, 0]), [4]);
    expect(Array.from(net.predict(x).data)).toEqual(Array.from(net.predict(x).data));
    expect(net.loss(x, t)).toBe(net.loss(x, t));
    expect(net.lossAndGradient(x, t).loss).not.toBe(net.lossAndGradient(x, t).loss);
  });

  it('saves to and loads from a model file, float64 and float32', () => {
    for (const dtype of ['float64', 'float32'] as const) {
      const net = new DeepConvNet({ ...tiny, dtype, rng: createRng(5) });
      net.params['b7']!.data[0] = 0.25;
      const { network } = decodeModel(encodeModel(net));
      expect(network).toBeInstanceOf(DeepConvNet);
      expect(network.architecture).toEqual(net.architecture);
      const x = randn([4, 256], createRng(9));
      expect(Array.from(network.predict(x).data)).toEqual(Array.from(net.predict(x).data));
      expect(createNetwork(net.architecture).paramCount()).toBe(net.paramCount());
    }
  });

  it('names what is wrong with the input and the options', () => {
    const net = new DeepConvNet();
    expect(() => net.predict(zeros([2, 1, 32, 32]))).toThrow(
      'DeepConvNet.predict: x has the wrong shape; expected [N, 1, 28, 28] or [N, 784], got x=[2, 1, 32, 32]',
    );
    expect(() => new DeepConvNet({ convParams: tiny.convParams.slice(0, 5) })).toThrow(
      'DeepConvNet: invalid convParams; expected 6 convolutions, got 5',
    );
    expect(() => new DeepConvNet({ dropoutRatio: 1 })).toThrow(
      'DeepConvNet: invalid dropoutRatio; expected a number in [0, 1), got 1',
    );
    // The book's pads on 8×8 images: 8 → 8 → 4 → 6 (pad 2) → 3, and a 2×2 pool does not divide 3.
    expect(() => new DeepConvNet({ inputDim: [1, 8, 8] })).toThrow(/convOutputSize: .*stride/);
  });
});

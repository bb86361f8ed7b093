import { Affine } from '@dl/layers';
import { array, createRng, NDArray, randn } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradientCheck } from './gradient-check.js';
import { MultiLayerNet } from './multi-layer-net.js';

describe('MultiLayerNet', () => {
  it('names its parameters W1, b1, …, WL, bL with the right shapes', () => {
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizeList: [100, 50], outputSize: 10 });
    expect(Object.keys(net.params)).toEqual(['W1', 'b1', 'W2', 'b2', 'W3', 'b3']);
    expect(net.params['W2']!.shape).toEqual([100, 50]);
    expect(net.paramCount()).toBe(784 * 100 + 100 + 100 * 50 + 50 + 50 * 10 + 10);
    expect(net.layers.length).toBe(5); // Affine, Relu, Affine, Relu, Affine
    expect(net.architecture.weightInit).toBe('he');
    expect(new MultiLayerNet({ activation: 'sigmoid' }).architecture.weightInit).toBe('xavier');
  });

  it('scales He initial weights by √(2/n)', () => {
    const net = new MultiLayerNet({
      inputSize: 400,
      hiddenSizeList: [200],
      outputSize: 10,
      rng: createRng(1),
    });
    const w = net.params['W1']!.data;
    const sd = Math.sqrt(Array.from(w, (v) => v * v).reduce((s, v) => s + v, 0) / w.length);
    // √(2/400) = 0.0707; 80,000 draws put the sample std within 2% of it.
    expect(sd / Math.sqrt(2 / 400)).toBeGreaterThan(0.98);
    expect(sd / Math.sqrt(2 / 400)).toBeLessThan(1.02);
  });

  it('with one hidden ReLU layer and std weights equals SimpleNetwork on the same weights', async () => {
    const { SimpleNetwork } = await import('./simple-network.js');
    const a = new MultiLayerNet({
      inputSize: 3,
      hiddenSizeList: [4],
      outputSize: 2,
      weightInit: 0.5,
      rng: createRng(2),
    });
    const b = new SimpleNetwork({
      inputSize: 3,
      hiddenSize: 4,
      outputSize: 2,
      weightInitStd: 0.5,
      rng: createRng(2),
    });
    expect([...a.params['W1']!.data]).toEqual([...b.params['W1']!.data]);
    const x = array([[0.1, -0.4, 0.7]]);
    expect([...a.predict(x).data]).toEqual([...b.predict(x).data]);
  });

  it('backprop agrees with the numerical gradient for ReLU and sigmoid, any depth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 3 }),
        fc.constantFrom('relu' as const, 'sigmoid' as const),
        fc.integer({ min: 0, max: 1000 }),
        (hiddenSizeList, activation, seed) => {
          const rng = createRng(seed);
          const net = new MultiLayerNet({
            inputSize: 3,
            hiddenSizeList,
            outputSize: 3,
            activation,
            weightInit: 0.1,
            rng,
          });
          // Random biases: with zero biases a dead ReLU layer feeds exactly 0 into the next ReLU,
          // a kink where the central difference sees half a slope and backprop sees none.
          for (const [name, p] of Object.entries(net.params)) {
            if (name.startsWith('b'))
              for (let i = 0; i < p.size; i++) p.data[i] = 0.1 * rng.normal();
          }
          const x = randn([2, 3], rng);
          const t = new NDArray(Float64Array.from([rng.int(3), rng.int(3)]));
          // Skip the rare case of a ReLU input within 1e-3 of its kink: there the central
          // difference (h = 1e-4) straddles the kink and sees half a slope.
          let out = x;
          for (const layer of net.layers) {
            out = layer.forward(out);
            if (layer instanceof Affine && activation === 'relu') {
              fc.pre(out.data.every((v) => Math.abs(v) > 1e-3));
            }
          }
          const result = gradientCheck(net, x, t);
          // Same bounds as SimpleNetwork's test: δ = 1e-7 in the loss's log limits the agreement.
          expect(result.maxRelDiff).toBeLessThan(1e-2);
          for (const d of Object.values(result.params)) expect(d.maxAbsDiff).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rejects unknown options with the value in the message', () => {
    expect(() => new MultiLayerNet({ activation: 'tanh' as 'relu' })).toThrow(
      "MultiLayerNet: unknown activation; expected 'relu' or 'sigmoid', got tanh",
    );
    expect(() => new MultiLayerNet({ weightInit: 'lecun' as 'he' })).toThrow(
      "MultiLayerNet: unknown weightInit; expected a number > 0, 'he' or 'xavier', got lecun",
    );
    expect(() => new MultiLayerNet({ hiddenSizeList: [10, 0] })).toThrow(
      'MultiLayerNet: invalid hiddenSizeList[1]; expected a positive integer, got 0',
    );
    expect(() =>
      new MultiLayerNet({ inputSize: 2 }).accuracy(array([[1, 2]]), array([1, 2])),
    ).toThrow(
      'MultiLayerNet.accuracy: t does not match x; expected [1] labels or [1, 10] one-hot, got t=[2]',
    );
  });
});

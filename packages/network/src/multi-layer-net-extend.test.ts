import { SGD } from '@dl/layers';
import { array, createRng, randn } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { arraySource } from './array-source.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { gradientCheck } from './gradient-check.js';
import { decodeModel, encodeModel } from './model-file.js';
import { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from './multi-layer-net-extend.js';
import type { ParamRecord } from './network.js';
import { Trainer } from './trainer.js';

const x = randn([6, 5], createRng(11));
const t = array([0, 2, 1, 2, 0, 1]);

function small(options: MultiLayerNetExtendOptions = {}): MultiLayerNetExtend {
  return new MultiLayerNetExtend({
    inputSize: 5,
    hiddenSizeList: [7, 6],
    outputSize: 3,
    weightInit: 0.8,
    rng: createRng(3),
    ...options,
  });
}

/** ‖a − b‖ / (‖a‖ + ‖b‖) over all parameters together. */
function relativeError(a: ParamRecord, b: ParamRecord): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (const name of Object.keys(a)) {
    const p = a[name]!.data;
    const q = b[name]!.data;
    for (let i = 0; i < p.length; i++) {
      diff += (p[i]! - q[i]!) ** 2;
      na += p[i]! ** 2;
      nb += q[i]! ** 2;
    }
  }
  return Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nb));
}

/** A Trainer with SGD(lr 0.1) on one data set used for training and testing. */
function trainerFor(
  network: MultiLayerNetExtend,
  data: ReturnType<typeof arraySource>,
  iterations: number,
  batchSize: number,
): Trainer {
  const rng = createRng(1);
  const optimizer = new SGD({ lr: 0.1 });
  return new Trainer({ network, train: data, test: data, rng, optimizer, iterations, batchSize });
}

function cloneAll(g: ParamRecord): ParamRecord {
  return Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.clone()]));
}

describe('MultiLayerNetExtend', () => {
  it('builds Affine → BatchNorm → activation → Dropout per hidden layer, with the book’s names', () => {
    const net = small({ useBatchnorm: true, useDropout: true });
    expect(Object.keys(net.params)).toEqual([
      'W1',
      'b1',
      'gamma1',
      'beta1',
      'W2',
      'b2',
      'gamma2',
      'beta2',
      'W3',
      'b3',
    ]);
    expect(Object.keys(net.buffers)).toEqual([
      'runningMean1',
      'runningVar1',
      'runningMean2',
      'runningVar2',
    ]);
    expect(net.layers.map((l) => l.constructor.name)).toEqual([
      'Affine',
      'BatchNormalization',
      'Relu',
      'Dropout',
      'Affine',
      'BatchNormalization',
      'Relu',
      'Dropout',
      'Affine',
    ]);
    // 5·7 + 7 + 2·7 + 7·6 + 6 + 2·6 + 6·3 + 3
    expect(net.paramCount()).toBe(35 + 7 + 14 + 42 + 6 + 12 + 18 + 3);
  });

  it('draws the same weights whatever the regularisation options', () => {
    const plain = small();
    const full = small({ useBatchnorm: true, useDropout: true, weightDecayLambda: 0.1 });
    for (const k of ['W1', 'W2', 'W3']) {
      expect(Array.from(full.params[k]!.data)).toEqual(Array.from(plain.params[k]!.data));
    }
  });

  it.each([
    ['plain', {}],
    ['weight decay λ = 0.1', { weightDecayLambda: 0.1 }],
    ['batch norm', { useBatchnorm: true }],
    ['batch norm + weight decay', { useBatchnorm: true, weightDecayLambda: 0.05 }],
  ] as [string, MultiLayerNetExtendOptions][])(
    'backprop agrees with the numerical gradient (sigmoid, float64): %s',
    (_name, options) => {
      // Scores stay moderate with weights of std 0.3: the δ = 1e-7 inside SoftmaxWithLoss's log,
      // which the analytic y − t leaves out, then moves the gradient by a few 1e-7 only (with
      // std 0.8 and batch norm it reaches 1.1e-6 whatever h is: a floor of the loss, not of backward).
      const net = small({ activation: 'sigmoid', weightInit: 0.3, ...options });
      const backprop = cloneAll(net.gradient(x, t));
      const numerical = net.numericalGradient(x, t);
      expect(Object.keys(backprop)).toEqual(Object.keys(net.params));
      expect(relativeError(backprop, numerical)).toBeLessThan(1e-6);
      // gradientCheck (the `dl gradcheck` measure, element by element) agrees to 1e-3 at worst,
      // the worst element being one whose gradient is near 0.
      expect(gradientCheck(net, x, t).maxRelDiff).toBeLessThan(1e-3);
    },
  );

  it('backprop agrees with the numerical gradient with dropout, given the same masks', () => {
    for (const activation of ['sigmoid', 'relu'] as const) {
      const net = small({
        activation,
        weightInit: 0.3,
        useDropout: true,
        dropoutRatio: 0.3,
        useBatchnorm: true,
        weightDecayLambda: 0.1,
      });
      const masks = net.dropoutRng.getState();
      const backprop = cloneAll(net.gradient(x, t));
      net.dropoutRng.setState(masks);
      const numerical = net.numericalGradient(x, t);
      expect(relativeError(backprop, numerical)).toBeLessThan(1e-6);
    }
  });

  it('adds ½·λ·ΣW² to the loss and λ·W to each dW (by hand against λ = 0)', () => {
    const lambda = 0.1;
    const a = small();
    const b = small({ weightDecayLambda: lambda });
    let sumSquares = 0;
    for (const k of ['W1', 'W2', 'W3']) for (const w of a.params[k]!.data) sumSquares += w * w;
    expect(b.loss(x, t)).toBeCloseTo(a.loss(x, t) + 0.5 * lambda * sumSquares, 12);
    const ga = cloneAll(a.gradient(x, t));
    const gb = b.gradient(x, t);
    for (const k of ['W1', 'W2', 'W3']) {
      const w = a.params[k]!.data;
      gb[k]!.data.forEach((g, i) => {
        expect(g).toBeCloseTo(ga[k]!.data[i]! + lambda * w[i]!, 12);
      });
    }
    // biases are not decayed
    expect(Array.from(gb['b1']!.data)).toEqual(Array.from(ga['b1']!.data));
  });

  it('predicts in test mode by default: deterministic with dropout, scaled by 1 − ratio', () => {
    const net = small({ useDropout: true, dropoutRatio: 0.5 });
    const first = net.predict(x);
    expect(Array.from(net.predict(x).data)).toEqual(Array.from(first.data));
    const a = net.predict(x, true);
    const b = net.predict(x, true);
    expect(Array.from(a.data)).not.toEqual(Array.from(b.data));
  });

  it('saves and loads its parameters and running statistics, predicting the same', async () => {
    const net = small({ useBatchnorm: true, useDropout: true, dropoutRatio: 0.2 });
    const trainer = trainerFor(net, arraySource(x, t), 5, 4);
    await trainer.run();
    expect(net.buffers['runningVar1']!.data.some((v) => v > 0)).toBe(true);
    const { network } = decodeModel(encodeModel(net));
    expect(network).toBeInstanceOf(MultiLayerNetExtend);
    expect(network.architecture).toEqual(net.architecture);
    const loaded = network as MultiLayerNetExtend;
    for (const [k, v] of Object.entries(net.buffers)) {
      expect(Array.from(loaded.buffers[k]!.data)).toEqual(Array.from(v.data));
    }
    expect(Array.from(loaded.predict(x).data)).toEqual(Array.from(net.predict(x).data));
    const restored = decodeCheckpoint(encodeCheckpoint(net, trainer.getState()));
    const again = restored.network as MultiLayerNetExtend;
    expect(Array.from(again.buffers['runningMean2']!.data)).toEqual(
      Array.from(net.buffers['runningMean2']!.data),
    );
  });

  it('trains with the Trainer: the loss falls on a separable toy set', async () => {
    const rng = createRng(4);
    const xs = randn([60, 5], rng);
    const labels = Float64Array.from({ length: 60 }, (_, i) => (xs.data[i * 5]! > 0 ? 1 : 0));
    const data = arraySource(xs, array(Array.from(labels)));
    const net = new MultiLayerNetExtend({
      inputSize: 5,
      hiddenSizeList: [10],
      outputSize: 2,
      useBatchnorm: true,
      useDropout: true,
      dropoutRatio: 0.1,
      weightDecayLambda: 0.001,
      rng,
    });
    const before = net.loss(xs, data.batch(Array.from({ length: 60 }, (_, i) => i)).t);
    const { epochs } = await trainerFor(net, data, 200, 20).run();
    expect(net.loss(xs, data.batch(Array.from({ length: 60 }, (_, i) => i)).t)).toBeLessThan(
      before / 2,
    );
    expect(epochs.at(-1)!.trainAcc).toBeGreaterThan(0.9);
  });

  it('rejects a negative weight decay, a dropout ratio outside [0, 1) and unknown names', () => {
    expect(() => small({ weightDecayLambda: -0.1 })).toThrow(
      new RangeError(
        'MultiLayerNetExtend: invalid weightDecayLambda; expected a finite number >= 0, got -0.1',
      ),
    );
    expect(() => small({ dropoutRatio: 1 })).toThrow(
      new RangeError(
        'MultiLayerNetExtend: invalid dropoutRatio; expected a number in [0, 1), got 1',
      ),
    );
    expect(() => small({ activation: 'tanh' as never })).toThrow(
      "MultiLayerNetExtend: unknown activation; expected 'relu' or 'sigmoid', got tanh",
    );
    expect(() => small({ weightInit: 'lecun' as never })).toThrow(
      "MultiLayerNetExtend: unknown weightInit; expected a number > 0, 'he' or 'xavier', got lecun",
    );
  });
});

// Behaviour every optimiser shares: in-place updates, checked inputs, state for checkpoints.
import { array, NDArray, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { AdaGrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Momentum } from './momentum.js';
import { Nesterov } from './nesterov.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

const makers: [string, () => Optimizer][] = [
  ['SGD', () => new SGD({ lr: 0.1 })],
  ['Momentum', () => new Momentum({ lr: 0.1, momentum: 0.9 })],
  ['AdaGrad', () => new AdaGrad({ lr: 0.5 })],
  ['Adam', () => new Adam({ lr: 0.1 })],
  ['Nesterov', () => new Nesterov({ lr: 0.1, momentum: 0.9 })],
  ['RMSprop', () => new RMSprop({ lr: 0.1, decayRate: 0.99 })],
];

/** Parameters and the gradient of 0.5·‖W − c‖² + ‖b‖², the toy loss of these tests. */
function problem() {
  const params = { W: array([0, 0, 0]), b: array([[3]]) };
  const c = [1, -2, 0.5];
  const grads = () => ({
    W: new NDArray(
      Float64Array.from(params.W.data, (w, i) => w - c[i]!),
      [3],
    ),
    b: new NDArray(
      Float64Array.from(params.b.data, (v) => 2 * v),
      [1, 1],
    ),
  });
  return { params, grads };
}

describe.each(makers)('%s', (name, make) => {
  it('updates the same NDArray objects in place and moves downhill', () => {
    const { params, grads } = problem();
    const { W, b } = params;
    const opt = make();
    const lossOf = () =>
      0.5 * ((W.get(0) - 1) ** 2 + (W.get(1) + 2) ** 2 + (W.get(2) - 0.5) ** 2) + b.get(0, 0) ** 2;
    const before = lossOf();
    for (let i = 0; i < 3; i++) opt.update(params, grads());
    expect(params.W).toBe(W);
    expect(params.b).toBe(b);
    expect(lossOf()).toBeLessThan(before);
  });

  it('restores a checkpointed state exactly (getState → setState)', () => {
    const a = problem();
    const b = problem();
    const optA = make();
    for (let i = 0; i < 2; i++) optA.update(a.params, a.grads());
    const state = optA.getState();
    expect(state.kind).toBe(name);
    expect(state.iteration).toBe(2);
    // b: same parameters, a fresh optimiser restored from the state
    b.params.W.data.set(a.params.W.data);
    b.params.b.data.set(a.params.b.data);
    const optB = make();
    optB.setState(state);
    optA.update(a.params, a.grads());
    optB.update(b.params, b.grads());
    expect(Array.from(b.params.W.data)).toEqual(Array.from(a.params.W.data));
    expect(Array.from(b.params.b.data)).toEqual(Array.from(a.params.b.data));
  });

  it('returns a deep copy from getState and copies in on setState', () => {
    const { params, grads } = problem();
    const opt = make();
    opt.update(params, grads());
    const state = opt.getState();
    for (const slot of Object.values(state.slots)) for (const a of Object.values(slot)) a.fill(99);
    const again = opt.getState();
    for (const slot of Object.values(again.slots)) {
      for (const a of Object.values(slot)) expect(a.data.includes(99)).toBe(false);
    }
  });

  it('reports a missing gradient, a gradient of the wrong shape and a foreign state', () => {
    const opt = make();
    const W = array([1, 2]);
    expect(() => opt.update({ W }, {})).toThrow(
      new TypeError(
        `${name}.update: no gradient for parameter 'W'; expected grads to have every key of params, got keys []`,
      ),
    );
    expect(() => opt.update({ W }, { W: array([1, 2, 3]) })).toThrow(
      new ShapeError(
        `${name}.update: gradient 'W' does not match its parameter; expected [2], got [3]`,
      ),
    );
    const other = name === 'SGD' ? new Adam() : new SGD();
    expect(() => opt.setState(other.getState())).toThrow(
      `${name}.setState: state is not from ${name}; expected kind '${name}', got '${other.getState().kind}'`,
    );
  });
});

describe('optimiser hyperparameters', () => {
  it('are checked at construction', () => {
    expect(() => new SGD({ lr: 0 })).toThrow(
      new RangeError('SGD: invalid lr; expected a finite number > 0, got 0'),
    );
    expect(() => new Momentum({ momentum: 1 })).toThrow(
      'Momentum: invalid momentum; expected a number in [0, 1), got 1',
    );
    expect(() => new AdaGrad({ lr: Number.NaN })).toThrow(
      'AdaGrad: invalid lr; expected a finite number > 0, got NaN',
    );
    expect(() => new Adam({ beta2: -0.1 })).toThrow(
      'Adam: invalid beta2; expected a number in [0, 1), got -0.1',
    );
    expect(() => new Nesterov({ momentum: -0.5 })).toThrow(
      new RangeError('Nesterov: invalid momentum; expected a number in [0, 1), got -0.5'),
    );
    expect(() => new RMSprop({ decayRate: 1 })).toThrow(
      new RangeError('RMSprop: invalid decayRate; expected a number in [0, 1), got 1'),
    );
  });

  it("default to the book's values", () => {
    expect(new SGD().lr).toBe(0.01);
    expect([new Momentum().lr, new Momentum().momentum]).toEqual([0.01, 0.9]);
    expect(new AdaGrad().lr).toBe(0.01);
    const adam = new Adam();
    expect([adam.lr, adam.beta1, adam.beta2]).toEqual([0.001, 0.9, 0.999]);
    expect([new Nesterov().lr, new Nesterov().momentum]).toEqual([0.01, 0.9]);
    expect([new RMSprop().lr, new RMSprop().decayRate]).toEqual([0.01, 0.99]);
  });
});

/** Three steps on the toy loss, compared with the book's numpy optimisers (common/optimizer.py). */
function threeSteps(opt: Optimizer): { W: number[]; b: number } {
  const { params, grads } = problem();
  for (let i = 0; i < 3; i++) opt.update(params, grads());
  return { W: Array.from(params.W.data), b: params.b.get(0, 0) };
}

describe('three steps against numpy (the book’s optimizer.py on the same toy loss)', () => {
  const cases: [string, Optimizer, number[], number][] = [
    ['SGD', new SGD({ lr: 0.1 }), [0.271, -0.542, 0.1355], 1.536],
    ['Momentum', new Momentum({ lr: 0.1, momentum: 0.9 }), [0.514, -1.028, 0.257], 0.186],
    [
      'AdaGrad',
      new AdaGrad({ lr: 0.5 }),
      [0.8436012205045512, -1.0163654960880493, 0.5],
      1.936198885711326,
    ],
    [
      'Adam',
      new Adam({ lr: 0.1 }),
      [0.2984129851352165, -0.2993762416308668, 0.2951272503831347],
      2.700381644695592,
    ],
    // Nesterov and RMSprop: the book's classes (common/optimizer.py) retyped in numpy, three
    // steps from W = [0, 0, 0], b = [[3]] on the same loss.
    [
      'Nesterov',
      new Nesterov({ lr: 0.1, momentum: 0.9 }),
      [0.7844777110000001, -1.5689554220000002, 0.39223885550000004],
      -0.5061026640000003,
    ],
    [
      'RMSprop',
      new RMSprop({ lr: 0.1, decayRate: 0.99 }),
      [0.9999999999491284, -1.6903121986823246, 0.5763872051788559],
      1.0689951153985988,
    ],
  ];
  it.each(cases)('%s', (_name, opt, W, b) => {
    const got = threeSteps(opt);
    W.forEach((v, i) => {
      expect(got.W[i]).toBeCloseTo(v, 12);
    });
    expect(got.b).toBeCloseTo(b, 12);
  });
});

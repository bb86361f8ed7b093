import { array, createRng, mul, type NDArray, NDIter, randn, sum, zerosLike } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose } from '../runner/testing.js';
import { BatchNormalization } from './batch-norm.js';

// A fixed batch; the expected numbers come from the book's BatchNormalization
// (common/layers.py, eps 10e-7) retyped in numpy, with the same x, γ, β and dout.
const x = () =>
  array([
    [1, 2, -1],
    [3, 0.5, 2],
    [0, -2, 4],
    [2, 1, 0],
  ]);
const dout = () =>
  array([
    [1, -1, 0.5],
    [0.2, 0.3, -0.7],
    [-1, 2, 1],
    [0.4, 0, 0],
  ]);
const make = () => new BatchNormalization(array([1.5, 0.5, -1]), array([0.1, -0.2, 0.3]));

/** Central-difference gradient of L = Σ dout ⊙ layer.forward(x) with respect to `p` (in place). */
function numeric(layer: BatchNormalization, input: NDArray, d: NDArray, p: NDArray): NDArray {
  const g = zerosLike(p);
  const it = new NDIter(p);
  const h = 1e-5;
  while (!it.finished) {
    const tmp = it.value;
    it.value = tmp + h;
    const a = sum(mul(d, layer.forward(input)));
    it.value = tmp - h;
    const c = sum(mul(d, layer.forward(input)));
    it.value = tmp;
    g.data[it.index] = (a - c) / (2 * h);
    it.iternext();
  }
  return g;
}

describe('BatchNormalization.backward on a fixed [4, 3] batch (numpy values)', () => {
  test('dbeta = Σ dout and dgamma = Σ xn ⊙ dout, over the batch', () => {
    const layer = make();
    layer.forward(x());
    layer.backward(dout());
    expectClose(
      layer.dbeta ?? [],
      [0.6, 1.3, 0.8],
      'dbeta sums dout over axis 0 (not the mean)',
      1e-12,
    );
    expectClose(
      layer.dgamma ?? [],
      [1.3416402498438813, -4.300316883476557, 0.5728311306436127],
      'dgamma = Σ xn ⊙ dout with xn the NORMALISED input',
      1e-10,
    );
  });

  test('dx goes through xn, the variance and the mean', () => {
    const layer = make();
    layer.forward(x());
    const dx = layer.backward(dout());
    expectClose(
      dx,
      [
        [1.3416400888471802, -0.0473523044536929, -0.24360766822585783],
        [-0.536655616947449, 0.02245562994705505, 0.49780701472518596],
        [-0.9391486578808204, -0.019526376475555746, -0.3098054632550558],
        [0.13416418598108937, 0.04442305098219357, 0.05560611675572764],
      ],
      'dx = dxc − Σ dxc / N, with dxc = γ·dout/std + (2/N)·xc·dvar',
      1e-10,
    );
  });

  test('every column of dx sums to 0 (moving all of x by a constant changes nothing)', () => {
    const layer = make();
    layer.forward(x());
    const dx = layer.backward(dout());
    const columns = sum(dx, { axis: 0 });
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(columns.data[j]!), `Σ dx[:, ${j}] is 0`).toBeLessThan(1e-12);
    }
  });
});

describe('BatchNormalization.backward against the numerical gradient', () => {
  test('dx, dgamma, dbeta on random batches (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (n, d, seed) => {
          const rng = createRng(seed);
          const input = randn([n, d], rng);
          const layer = new BatchNormalization(randn([d], rng), randn([d], rng));
          const g = randn([n, d], rng);
          layer.forward(input);
          const dx = layer.backward(g);
          const dgamma = layer.dgamma!;
          const dbeta = layer.dbeta!;
          // Well-spread columns only: where a feature barely varies over the batch, central
          // differences lose their digits (the function bends sharply there).
          const spread = sum(mul(layer.xc!, layer.xc!), { axis: 0 });
          fc.pre(spread.data.every((v) => v / n > 0.05));
          expectClose(dx, numeric(layer, input, g, input).toArray(), 'dx vs numerical', 1e-5);
          expectClose(
            dgamma,
            numeric(layer, input, g, layer.gamma).toArray(),
            'dgamma vs numerical',
            1e-5,
          );
          expectClose(
            dbeta,
            numeric(layer, input, g, layer.beta).toArray(),
            'dbeta vs numerical',
            1e-5,
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});

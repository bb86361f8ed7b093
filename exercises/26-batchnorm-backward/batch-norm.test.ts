import { array, createRng, mul, type NDArray, NDIter, randn, sum, zerosLike } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
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

describe(`${m('BatchNormalization.backward on a fixed [4, 3] batch (numpy values)', '고정된 [4, 3] 배치에서 BatchNormalization.backward (numpy 값)')}`, () => {
  test(`${m('dbeta = Σ dout and dgamma = Σ xn ⊙ dout, over the batch', '배치에 걸쳐 dbeta = Σ dout, dgamma = Σ xn ⊙ dout')}`, () => {
    const layer = make();
    layer.forward(x());
    layer.backward(dout());
    expectClose(
      layer.dbeta ?? [],
      [0.6, 1.3, 0.8],
      m(
        'dbeta sums dout over axis 0 (not the mean)',
        'dbeta는 dout을 axis 0으로 더한 것 (평균이 아님)',
      ),
      1e-12,
    );
    expectClose(
      layer.dgamma ?? [],
      [1.3416402498438813, -4.300316883476557, 0.5728311306436127],
      m(
        'dgamma = Σ xn ⊙ dout with xn the NORMALISED input',
        'dgamma = Σ xn ⊙ dout, 여기서 xn은 x가 아니라 정규화한 입력',
      ),
      1e-10,
    );
  });

  test(`${m('dx goes through xn, the variance and the mean', 'dx는 xn, 분산, 평균을 거쳐 옴')}`, () => {
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
      m(
        'dx = dxc − Σ dxc / N, with dxc = γ·dout/std + (2/N)·xc·dvar',
        'dx = dxc − Σ dxc / N, 여기서 dxc = γ·dout/std + (2/N)·xc·dvar',
      ),
      1e-10,
    );
  });

  test(`${m('every column of dx sums to 0 (moving all of x by a constant changes nothing)', 'dx의 열마다 합이 0 (x 전체를 상수만큼 옮겨도 결과는 같음)')}`, () => {
    const layer = make();
    layer.forward(x());
    const dx = layer.backward(dout());
    const columns = sum(dx, { axis: 0 });
    for (let j = 0; j < 3; j++) {
      expect(
        Math.abs(columns.data[j]!),
        m(`Σ dx[:, ${j}] is 0`, `Σ dx[:, ${j}] = 0이어야 합니다`),
      ).toBeLessThan(1e-12);
    }
  });
});

describe(`${m('BatchNormalization.backward against the numerical gradient', 'BatchNormalization.backward와 수치 기울기 비교')}`, () => {
  test(`${m('dx, dgamma, dbeta on random batches (property)', '무작위 배치에서 dx, dgamma, dbeta (속성 테스트)')}`, () => {
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
          expectClose(
            dx,
            numeric(layer, input, g, input).toArray(),
            m('dx vs numerical', 'dx와 수치 기울기 비교'),
            1e-5,
          );
          expectClose(
            dgamma,
            numeric(layer, input, g, layer.gamma).toArray(),
            m('dgamma vs numerical', 'dgamma와 수치 기울기 비교'),
            1e-5,
          );
          expectClose(
            dbeta,
            numeric(layer, input, g, layer.beta).toArray(),
            m('dbeta vs numerical', 'dbeta와 수치 기울기 비교'),
            1e-5,
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});

import { array, createRng, mul, type NDArray, NDIter, randn, sum, zerosLike } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { Affine } from './affine.js';

const W = () =>
  array([
    [1, 2, 3],
    [4, 5, 6],
  ]);
const b = () => array([0.1, 0.2, 0.3]);

/** Central-difference gradient of L = Σ dout ⊙ layer.forward(x) with respect to `p` (in place). */
function numeric(layer: Affine, x: NDArray, dout: NDArray, p: NDArray): NDArray {
  const g = zerosLike(p);
  const it = new NDIter(p);
  const h = 1e-5;
  while (!it.finished) {
    const tmp = it.value;
    it.value = tmp + h;
    const a = sum(mul(dout, layer.forward(x)));
    it.value = tmp - h;
    const c = sum(mul(dout, layer.forward(x)));
    it.value = tmp;
    g.data[it.index] = (a - c) / (2 * h);
    it.iternext();
  }
  return g;
}

describe(`${m('Affine.backward, one sample: x (1, 2) · W (2, 3)', 'Affine.backward, 샘플 하나: x (1, 2) · W (2, 3)')}`, () => {
  test('dout = [[0.1, 0.2, 0.3]] → dx (1, 2) = [[1.4, 3.2]], dW (2, 3), db (3,)', () => {
    const layer = new Affine(W(), b());
    layer.forward(array([[1, 2]]));
    const dx = layer.backward(array([[0.1, 0.2, 0.3]]));
    // dx = dout · Wᵀ = [0.1 + 0.4 + 0.9, 0.4 + 1.0 + 1.8]
    expectClose(
      dx,
      [[1.4, 3.2]],
      m(
        'dx = dout · Wᵀ, shape (1, 3) · (3, 2) = (1, 2)',
        'dx = dout · Wᵀ, 모양 (1, 3) · (3, 2) = (1, 2)',
      ),
      1e-12,
    );
    // dW = xᵀ · dout = [[1], [2]] · [[0.1, 0.2, 0.3]]
    expectClose(
      layer.dW ?? [],
      [
        [0.1, 0.2, 0.3],
        [0.2, 0.4, 0.6],
      ],
      m(
        'dW = xᵀ · dout, shape (2, 1) · (1, 3) = (2, 3), the shape of W (a (3, 2) dW is transposed)',
        'dW = xᵀ · dout, 모양 (2, 1) · (1, 3) = (2, 3), W와 같은 모양 ((3, 2)면 전치된 것)',
      ),
      1e-12,
    );
    expectClose(
      layer.db ?? [],
      [0.1, 0.2, 0.3],
      m(
        'db = dout summed over the batch, shape (3,)',
        'db = dout을 배치에 대해 더한 것, 모양 (3,)',
      ),
      1e-12,
    );
  });
});

describe(`${m('Affine.backward, a batch of N samples', 'Affine.backward, 샘플 N개의 배치')}`, () => {
  test(`${m('x (3, 2), dout = I (3, 3) → dW = xᵀ = [[1, 3, 5], [2, 4, 6]], db = [1, 1, 1], dx = Wᵀ rows', 'x (3, 2), dout = I (3, 3) → dW = xᵀ, db = [1, 1, 1], dx는 Wᵀ의 행들')}`, () => {
    const layer = new Affine(W(), b());
    layer.forward(
      array([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
    const dx = layer.backward(
      array([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    );
    expectClose(
      dx,
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
      m('dx = dout · Wᵀ, shape (3, 2) like x', 'dx = dout · Wᵀ, x처럼 모양 (3, 2)'),
      1e-12,
    );
    expectClose(
      layer.dW ?? [],
      [
        [1, 3, 5],
        [2, 4, 6],
      ],
      m(
        'dW = xᵀ · dout sums every sample, shape (2, 3)',
        'dW = xᵀ · dout은 모든 샘플을 더함, 모양 (2, 3)',
      ),
      1e-12,
    );
    expectClose(
      layer.db ?? [],
      [1, 1, 1],
      m(
        'db sums the rows of dout (not the mean, not (3, 3))',
        'db는 dout의 행을 더한 것 (평균도 (3, 3)도 아님)',
      ),
      1e-12,
    );
  });

  test(`${m('a second backward with the same dout gives the same dx, dW and db; dout is not changed', '같은 dout으로 backward를 다시 불러도 같은 dx, dW, db; dout은 그대로')}`, () => {
    const layer = new Affine(W(), b());
    layer.forward(array([[1, 2]]));
    const dout = array([[0.1, 0.2, 0.3]]);
    expectInputsKept({ dout }, () => layer.backward(dout));
    const dx = layer.backward(dout);
    expectClose(dx, [[1.4, 3.2]], m('dx again', '다시 dx'), 1e-12);
    expectClose(
      layer.dW ?? [],
      [
        [0.1, 0.2, 0.3],
        [0.2, 0.4, 0.6],
      ],
      m(
        'dW is replaced by each backward, not added to the last one',
        'dW는 backward마다 새로 정합니다 (이전 값에 더하지 않습니다)',
      ),
      1e-12,
    );
    expectClose(layer.db ?? [], [0.1, 0.2, 0.3], m('db likewise', 'db도 마찬가지'), 1e-12);
  });

  test(`${m('shapes for N = 4, 5 inputs, 3 outputs: dx [4, 5], dW [5, 3], db [3]', 'N = 4, 입력 5개, 출력 3개일 때 모양: dx [4, 5], dW [5, 3], db [3]')}`, () => {
    const rng = createRng(1);
    const layer = new Affine(randn([5, 3], rng), randn([3], rng));
    layer.forward(randn([4, 5], rng));
    const dx = layer.backward(randn([4, 3], rng));
    expect([...dx.shape], m('dx has the shape of x', 'dx는 x의 모양')).toEqual([4, 5]);
    expect([...(layer.dW?.shape ?? [])], m('dW has the shape of W', 'dW는 W의 모양')).toEqual([
      5, 3,
    ]);
    expect([...(layer.db?.shape ?? [])], m('db has the shape of b', 'db는 b의 모양')).toEqual([3]);
  });

  test(`${m('dx, dW and db match the numerical gradient on random shapes (property)', '무작위 모양에서 dx, dW, db가 수치 기울기와 일치 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (n, inputs, outputs, seed) => {
          const rng = createRng(seed);
          const layer = new Affine(randn([inputs, outputs], rng), randn([outputs], rng));
          const x = randn([n, inputs], rng);
          const dout = randn([n, outputs], rng);
          layer.forward(x);
          const dx = layer.backward(dout);
          const dW = layer.dW!;
          const db = layer.db!;
          expectClose(
            dx,
            numeric(layer, x, dout, x).toArray(),
            m('dx vs numerical', 'dx 대 수치 기울기'),
            1e-6,
          );
          expectClose(
            dW,
            numeric(layer, x, dout, layer.W).toArray(),
            m('dW vs numerical', 'dW 대 수치 기울기'),
            1e-6,
          );
          expectClose(
            db,
            numeric(layer, x, dout, layer.b).toArray(),
            m('db vs numerical', 'db 대 수치 기울기'),
            1e-6,
          );
        },
      ),
      { numRuns: 20 },
    );
  });
});

test(`${m('forward and backward leave x, W and b as they were', 'forward와 backward는 x, W, b를 그대로 둠')}`, () => {
  const x = array([[1, 2]]);
  const layer = new Affine(W(), b());
  const before = { W: layer.W.clone(), b: layer.b.clone() };
  expectInputsKept({ x, W: layer.W, b: layer.b }, () => {
    layer.forward(x);
    return layer.backward(array([[0.1, 0.2, 0.3]]));
  });
  expect(
    Array.from(layer.W.data),
    m('backward computes dW; it does not step W', 'backward는 dW를 구할 뿐 W를 바꾸지 않습니다'),
  ).toEqual(Array.from(before.W.data));
});

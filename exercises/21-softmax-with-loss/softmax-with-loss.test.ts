import {
  array,
  createRng,
  div,
  exp,
  log,
  max,
  mul,
  type NDArray,
  NDIter,
  randn,
  sub,
  sum,
  zeros,
  zerosLike,
} from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { SoftmaxWithLoss } from './softmax-with-loss.js';

/** The exact loss −Σ t log softmax(x) / N (no 1e-7), whose gradient is exactly (y − t) / N. */
function exactLoss(x: NDArray, t: NDArray): number {
  const e = exp(sub(x, max(x, { axis: 1, keepdims: true })));
  const y = div(e, sum(e, { axis: 1, keepdims: true }));
  return -sum(mul(t, log(y))) / (x.shape[0] ?? 1);
}

function numeric(x: NDArray, t: NDArray): NDArray {
  const g = zerosLike(x);
  const it = new NDIter(x);
  const h = 1e-5;
  while (!it.finished) {
    const tmp = it.value;
    it.value = tmp + h;
    const a = exactLoss(x, t);
    it.value = tmp - h;
    const c = exactLoss(x, t);
    it.value = tmp;
    g.data[it.index] = (a - c) / (2 * h);
    it.iternext();
  }
  return g;
}

describe('SoftmaxWithLoss.backward', () => {
  test(`${m('one sample x = [[0.3, 2.9, 4.0]], t = class 2 → y − t = [[0.0182, 0.2452, −0.2634]]', '샘플 하나 x = [[0.3, 2.9, 4.0]], t = 클래스 2 → y − t = [[0.0182, 0.2452, −0.2634]]')}`, () => {
    // numpy: softmax(x) - t
    const layer = new SoftmaxWithLoss();
    layer.forward(array([[0.3, 2.9, 4.0]]), array([[0, 0, 1]]));
    expectClose(
      layer.backward(),
      [[0.01821127329554753, 0.24519181293507392, -0.26340308623062136]],
      m(
        'the gradient is y − t: what the network said minus the answer',
        '기울기는 y − t: 신경망의 답에서 정답을 뺀 것',
      ),
      1e-12,
    );
  });

  test(`${m('a batch of 2 → (y − t) / 2', '샘플 2개의 배치 → (y − t) / 2')}`, () => {
    // numpy: (softmax(X) - T) / 2; the loss is 1.3566595913821025
    const layer = new SoftmaxWithLoss();
    const loss = layer.forward(
      array([
        [0.3, 2.9, 4.0],
        [1, 2, 3],
      ]),
      array([
        [0, 0, 1],
        [1, 0, 0],
      ]),
    );
    expect(
      loss,
      m('forward (given): mean cross-entropy', 'forward (주어짐): 평균 교차 엔트로피'),
    ).toBeCloseTo(1.3566595913821025, 9);
    expectClose(
      layer.backward(),
      [
        [0.009105636647773765, 0.12259590646753696, -0.13170154311531068],
        [-0.4549847134148098, 0.12236423552739882, 0.3326204778874109],
      ],
      m(
        'the loss was averaged over N = 2 samples, so divide the gradient by N too',
        '손실을 N = 2개 샘플로 평균했으니 기울기도 N으로 나누세요',
      ),
      1e-12,
    );
  });

  test(`${m('dout = 2 doubles the gradient', 'dout = 2이면 기울기가 두 배')}`, () => {
    const layer = new SoftmaxWithLoss();
    layer.forward(array([[0.3, 2.9, 4.0]]), array([[0, 0, 1]]));
    expectClose(
      layer.backward(2),
      [[2 * 0.01821127329554753, 2 * 0.24519181293507392, -2 * 0.26340308623062136]],
      m(
        'backward multiplies by the dout that arrives from above',
        'backward는 위에서 들어온 dout을 곱합니다',
      ),
      1e-12,
    );
  });

  test(`${m('two backward calls give the same gradient, and the stored y stays the softmax', 'backward를 두 번 불러도 같은 기울기, 저장된 y는 그대로 소프트맥스 출력')}`, () => {
    const layer = new SoftmaxWithLoss();
    layer.forward(array([[0.3, 2.9, 4.0]]), array([[0, 0, 1]]));
    const want = [[0.01821127329554753, 0.24519181293507392, -0.26340308623062136]];
    layer.backward();
    expectClose(
      layer.backward(),
      want,
      m(
        'backward must not change the y and t that forward kept',
        'backward는 forward가 저장한 y와 t를 바꾸면 안 됩니다',
      ),
      1e-12,
    );
    // numpy: softmax([0.3, 2.9, 4.0])
    expectClose(
      layer.y ?? [],
      [[0.01821127329554753, 0.24519181293507392, 0.7365969137693786]],
      m('layer.y is still the softmax output', 'layer.y는 여전히 소프트맥스 출력'),
      1e-12,
    );
  });

  test(`${m('matches the numerical gradient of the loss for random batches (property)', '무작위 배치에서 손실의 수치 기울기와 일치 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer(),
        (n, classes, seed) => {
          const rng = createRng(seed);
          const x = randn([n, classes], rng);
          const t = zeros([n, classes]);
          for (let i = 0; i < n; i++) t.set(i, rng.int(classes), 1);
          const layer = new SoftmaxWithLoss();
          layer.forward(x, t);
          expectClose(
            layer.backward(),
            numeric(x, t).toArray(),
            m(`N = ${n}, ${classes} classes`, `N = ${n}, 클래스 ${classes}개`),
            1e-6,
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});

test(`${m('forward and backward leave x and t as they were', 'forward와 backward는 x와 t를 그대로 둠')}`, () => {
  const x = array([[0.3, 2.9, 4.0]]);
  const t = array([[0, 0, 1]]);
  const layer = new SoftmaxWithLoss();
  expectInputsKept({ x, t }, () => {
    layer.forward(x, t);
    return layer.backward();
  });
});

import {
  array,
  createRng,
  div,
  dot,
  exp,
  log,
  map,
  max,
  mul,
  randn,
  ShapeError,
  sub,
  sum,
  zeros,
} from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectInputsKept, m } from '../runner/testing.js';
import { checkGradient, relativeError } from './gradient-check.js';

describe('relativeError', () => {
  test('[1, 2] vs [1, 2] → 0; [1, 2] vs [1, 2.02] → 0.02 / 4.02 = 0.004975', () => {
    expect(relativeError(array([1, 2]), array([1, 2])), m('equal gradients', '같은 기울기')).toBe(
      0,
    );
    expect(
      relativeError(array([1, 2]), array([1, 2.02])),
      m(
        '|2 − 2.02| / (2 + 2.02): the difference over the sum of the sizes',
        '|2 − 2.02| / (2 + 2.02): 차이를 두 크기의 합으로 나눔',
      ),
    ).toBeCloseTo(0.02 / 4.02, 12);
  });

  test(`${m('[0, 1e-12] vs [0, 0] → 1e-4 (the 1e-8 floor avoids 0 / 0)', '[0, 1e-12] vs [0, 0] → 1e-4 (하한 1e-8이 0 / 0을 막음)')}`, () => {
    // |1e-12 − 0| / max(1e-12, 1e-8) = 1e-4
    expect(
      relativeError(array([0, 1e-12]), array([0, 0])),
      m('no NaN when both are 0', '둘 다 0이어도 NaN 없음'),
    ).toBeCloseTo(1e-4, 12);
  });

  test(`${m('shapes [2, 3] vs [3, 2] → ShapeError naming both shapes', '모양 [2, 3] vs [3, 2] → 두 모양을 알려 주는 ShapeError')}`, () => {
    const go = () => relativeError(zeros([2, 3]), zeros([3, 2]));
    expect(go, m('a transposed gradient is a bug', '전치된 기울기는 버그입니다')).toThrow(
      ShapeError,
    );
    expect(
      go,
      m(
        "the message should name the analytic gradient's shape",
        '메시지에 해석적 기울기의 모양이 있어야 합니다',
      ),
    ).toThrow('[2, 3]');
    expect(
      go,
      m(
        "the message should name the numerical gradient's shape",
        '메시지에 수치 기울기의 모양이 있어야 합니다',
      ),
    ).toThrow('[3, 2]');
  });

  test(`${m('one bad entry among good ones decides: [1, 1, 1, 1] vs [1, 1, 1, 3] → 0.5', '나머지가 다 맞아도 틀린 원소 하나가 결정: [1, 1, 1, 1] vs [1, 1, 1, 3] → 0.5')}`, () => {
    // |1 − 3| / (1 + 3) = 0.5; the mean over the four entries would be 0.125
    expect(
      relativeError(array([1, 1, 1, 1]), array([1, 1, 1, 3])),
      m('report the WORST element, not the mean', '평균이 아니라 가장 나쁜 원소를 보고하세요'),
    ).toBeCloseTo(0.5, 12);
  });

  test(`${m('a NaN in the gradient never looks like agreement: [NaN, 1] vs [0, 1] is not below 1e-2', '기울기에 NaN이 있으면 일치로 보지 않음: [NaN, 1] vs [0, 1]은 1e-2 미만이 아님')}`, () => {
    const err = relativeError(array([Number.NaN, 1]), array([0, 1]));
    expect(
      err < 1e-2,
      m(
        `got ${err}: NaN > worst is false, so a NaN can slip through as 0`,
        `${err}이(가) 나왔습니다: NaN > worst는 false라서 NaN이 0으로 빠져나갈 수 있습니다`,
      ),
    ).toBe(false);
  });
});

describe('checkGradient', () => {
  test(`${m('f = Σ x³ with the right gradient 3x² → error < 1e-7', 'f = Σ x³, 올바른 기울기 3x² → 오차 < 1e-7')}`, () => {
    const x = array([
      [0.5, -1.2],
      [2, 0.3],
    ]);
    const f = () => sum(map(x, (v) => v ** 3));
    const err = checkGradient(
      f,
      x,
      map(x, (v) => 3 * v * v),
    );
    expect(
      err,
      m('a correct gradient agrees to ~1e-10', '올바른 기울기는 약 1e-10까지 일치'),
    ).toBeLessThan(1e-7);
  });

  test(`${m('f = Σ x³ with a wrong gradient 3x → error > 1e-2 (the check must complain)', 'f = Σ x³, 틀린 기울기 3x → 오차 > 1e-2 (검사가 잡아내야 함)')}`, () => {
    const x = array([
      [0.5, -1.2],
      [2, 0.3],
    ]);
    const f = () => sum(map(x, (v) => v ** 3));
    expect(
      checkGradient(
        f,
        x,
        map(x, (v) => 3 * v),
      ),
      m(
        'a gradient check that never complains is useless: compare with the numerical gradient',
        '불평하지 않는 기울기 확인은 쓸모없습니다: 수치 기울기와 비교하세요',
      ),
    ).toBeGreaterThan(1e-2);
  });

  test(`${m('softmax cross-entropy of x·W: backprop dW = xᵀ(y − t)/N passes, dW without /N fails', 'x·W의 소프트맥스 교차 엔트로피: 역전파 dW = xᵀ(y − t)/N은 통과, /N이 없으면 실패')}`, () => {
    const rng = createRng(7);
    const xin = randn([4, 3], rng);
    const W = randn([3, 5], rng);
    const t = zeros([4, 5]);
    for (let i = 0; i < 4; i++) t.set(i, i % 5, 1);
    const probs = () => {
      const a = dot(xin, W);
      const e = exp(sub(a, max(a, { axis: 1, keepdims: true })));
      return div(e, sum(e, { axis: 1, keepdims: true }));
    };
    const loss = () => -sum(mul(t, log(probs()))) / 4; // exact: its gradient is xᵀ(y − t)/N
    const good = div(dot(xin.T, sub(probs(), t)), 4);
    const bad = dot(xin.T, sub(probs(), t));
    const errGood = expectInputsKept({ W }, () => checkGradient(loss, W, good));
    expect(errGood, m('the correct backward pass', '올바른 역전파')).toBeLessThan(1e-6);
    expect(
      checkGradient(loss, W, bad),
      m('a forgotten / N is caught', '빠뜨린 / N을 잡아내야 합니다'),
    ).toBeGreaterThan(1e-2);
  });
});

test(`${m('relativeError leaves both gradients as they were', 'relativeError는 두 기울기를 그대로 둠')}`, () => {
  const analytic = array([1, 2]);
  const numeric = array([1, 2.02]);
  expectInputsKept({ analytic, numeric }, () => relativeError(analytic, numeric));
});

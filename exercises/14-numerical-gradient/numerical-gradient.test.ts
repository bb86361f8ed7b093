import { add, array, div, dot, exp, log, max, mul, sub, sum } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { numericalGradient } from './numerical-gradient.js';

describe('numericalGradient', () => {
  test(`${m('f = Σ x² on [[1, 2, 3], [4, 5, 6]] → 2x = [[2, 4, 6], [8, 10, 12]]', '[[1, 2, 3], [4, 5, 6]]에서 f = Σ x² → 2x = [[2, 4, 6], [8, 10, 12]]')}`, () => {
    const x = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectClose(
      numericalGradient(() => sum(mul(x, x)), x),
      [
        [2, 4, 6],
        [8, 10, 12],
      ],
      m(
        'd(Σ x²)/dx = 2x, same shape as x (central difference, every element)',
        'd(Σ x²)/dx = 2x, x와 같은 모양 (중앙 차분, 모든 원소)',
      ),
      1e-8,
    );
  });

  test(`${m('x is unchanged afterwards (every x[idx] restored to tmp)', '끝나면 x는 그대로 (모든 x[idx]를 tmp로 되돌림)')}`, () => {
    const x = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    numericalGradient(() => sum(mul(x, x)), x);
    expect(
      Array.from(x.data),
      m(
        'restore x[idx] = tmp before it.iternext()',
        'it.iternext() 전에 x[idx] = tmp로 되돌리세요',
      ),
    ).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test(`${m('f = x00·x11 − x01 on [[2, 5], [7, 3]] → [[3, −1], [0, 2]] (elements interact)', '[[2, 5], [7, 3]]에서 f = x00·x11 − x01 → [[3, −1], [0, 2]] (원소끼리 얽힘)')}`, () => {
    const x = array([
      [2, 5],
      [7, 3],
    ]);
    const f = () => x.get(0, 0) * x.get(1, 1) - x.get(0, 1);
    expectClose(
      numericalGradient(f, x),
      [
        [3, -1],
        [0, 2],
      ],
      m(
        'each partial is taken at the original point; a shifted x gives wrong values here',
        '편미분은 원래 점에서 구합니다; x가 밀려 있으면 여기서 틀립니다',
      ),
      1e-8,
    );
  });

  test(`${m("the book's simpleNet: dL/dW for x = [0.6, 0.9], t = [0, 0, 1]", '책의 simpleNet: x = [0.6, 0.9], t = [0, 0, 1]일 때 dL/dW')}`, () => {
    const W = array([
      [0.47355232, 0.9977393, 0.84668094],
      [0.85557411, 0.03563661, 0.69422093],
    ]);
    const xin = array([[0.6, 0.9]]);
    const t = array([[0, 0, 1]]);
    const loss = () => {
      const a = dot(xin, W);
      const e = exp(sub(a, max(a)));
      const y = div(e, sum(e));
      return -sum(mul(t, log(add(y, 1e-7))));
    };
    // numpy with np.nditer, h = 1e-4 (the lecture's numerical_diff)
    expectClose(
      numericalGradient(loss, W),
      [
        [0.2192475712392561, 0.14356242984070455, -0.3628100010055757],
        [0.3288713569016277, 0.21534364482433954, -0.5442150014745017],
      ],
      m('the gradient of a softmax cross-entropy loss', '소프트맥스 교차 엔트로피 손실의 기울기'),
      1e-6,
    );
  });
});

import { array, mul, type NDArray, sum } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { gradientDescent } from './gradient-descent.js';

const bowl = (x: NDArray) => sum(mul(x, x)); // f(x0, x1) = x0² + x1², minimum at (0, 0)

describe(`${m('gradientDescent on x0² + x1² from (−3, 4)', '경사 하강법: (−3, 4)에서 출발해 x0² + x1²의 최솟값으로')}`, () => {
  test(`${m('lr = 0.1, 100 steps → (0, 0) within 1e-6', 'lr = 0.1, 100걸음 → 1e-6 이내로 (0, 0)')}`, () => {
    // each step multiplies x by (1 − 2·0.1) = 0.8; 0.8^100 · 5 ≈ 1e-9 (the book: [-6.1e-10, 8.1e-10])
    expectClose(
      gradientDescent(bowl, array([-3, 4]), 0.1, 100),
      [0, 0],
      m(
        'x ← x − lr · grad walks down to the minimum; far away means the step went uphill',
        'x ← x − lr · grad는 최솟값으로 내려갑니다; 멀리 있으면 오르막으로 간 것',
      ),
      1e-6,
    );
  });

  test(`${m('one step with lr = 0.1 → (−2.4, 3.2)', 'lr = 0.1로 한 걸음 → (−2.4, 3.2)')}`, () => {
    // grad = (−6, 8); x − 0.1 · grad = (−3 + 0.6, 4 − 0.8)
    expectClose(
      gradientDescent(bowl, array([-3, 4]), 0.1, 1),
      [-2.4, 3.2],
      m('exactly one step: subtract lr times the gradient', '정확히 한 걸음: lr × 기울기를 빼세요'),
      1e-8,
    );
  });

  test(`${m('lr = 10 (too large) → diverges: |x0| > 1e6 after 100 steps', 'lr = 10 (너무 큼) → 발산: 100걸음 뒤 |x0| > 1e6')}`, () => {
    const x = gradientDescent(bowl, array([-3, 4]), 10, 100);
    expect(
      Math.abs(x.get(0)),
      m('each step overshoots: x ← x − 10·2x = −19x', '매 걸음이 지나칩니다: x ← x − 10·2x = −19x'),
    ).toBeGreaterThan(1e6);
  });

  test(`${m('lr = 1e-10 (too small) → barely moves: still (−3, 4) within 1e-6', 'lr = 1e-10 (너무 작음) → 거의 못 움직임: 1e-6 이내로 여전히 (−3, 4)')}`, () => {
    // the book: [-2.99999994, 3.99999992]
    expectClose(
      gradientDescent(bowl, array([-3, 4]), 1e-10, 100),
      [-3, 4],
      m('tiny steps', '아주 작은 걸음'),
      1e-6,
    );
  });

  test(`${m('two steps with lr = 0.1 → (−1.92, 2.56): the gradient is taken again at each step', 'lr = 0.1로 두 걸음 → (−1.92, 2.56): 걸음마다 기울기를 다시 구함')}`, () => {
    // each step multiplies x by 0.8: (−3, 4) · 0.64
    expectClose(
      gradientDescent(bowl, array([-3, 4]), 0.1, 2),
      [-1.92, 2.56],
      m(
        'stepNum steps, each with the gradient at the current x',
        'stepNum번, 매번 현재 x에서의 기울기로',
      ),
      1e-8,
    );
    expectClose(
      gradientDescent(bowl, array([-3, 4]), 0.1, 0),
      [-3, 4],
      m('0 steps: initX unchanged', '0번: initX 그대로'),
      1e-12,
    );
  });

  test(`${m('initX is not modified', 'initX는 바뀌지 않음')}`, () => {
    const init = array([-3, 4]);
    gradientDescent(bowl, init, 0.1, 10);
    expect(
      Array.from(init.data),
      m('work on a clone of initX', 'initX의 복제본에서 계산하세요'),
    ).toEqual([-3, 4]);
  });
});

import { array, createRng, dot, randn } from '@dl/linalg';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { collapse, forward, W1, W2 } from './matmul-chain.js';

describe('forward', () => {
  test('X = [0, 0, 1] → Y = [−3, 0, −2]', () => {
    // numpy: W3 @ (W2 @ (W1 @ X)) = [-3, 0, -2]; via L1 = [-1, 0, -1], L2 = [-1, 1, -4]
    expectClose(
      forward(array([0, 0, 1])),
      [-3, 0, -2],
      m(
        'Y = W3 · (W2 · (W1 · X)); [0, 0, 0] means the order is reversed, [-1, 0, -1] means only W1 ran',
        'Y = W3 · (W2 · (W1 · X)); [0, 0, 0]이면 순서가 거꾸로, [-1, 0, -1]이면 W1만 계산한 것',
      ),
    );
  });

  test(`${m('X = [1, 0, 0] → Y = [18, −6, 16] (the first column of W3 · W2 · W1)', 'X = [1, 0, 0] → Y = [18, −6, 16] (W3 · W2 · W1의 첫 열)')}`, () => {
    // numpy: (W3 @ W2 @ W1)[:, 0] = [18, -6, 16]
    expectClose(
      forward(array([1, 0, 0])),
      [18, -6, 16],
      m('a unit vector picks one column of M', '단위 벡터는 M의 한 열을 골라냅니다'),
    );
  });

  test(`${m('forward is linear: forward(2·X) = 2·forward(X) on random X (property)', 'forward는 선형: 무작위 X에서 forward(2·X) = 2·forward(X) (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const X = randn([3], createRng(seed));
        const twice = forward(array(Array.from(X.data, (v) => 2 * v)));
        expectClose(
          twice,
          Array.from(forward(X).data, (v) => 2 * v),
          m('three matrix products', '행렬곱 세 번'),
          1e-9,
        );
      }),
      { numRuns: 20 },
    );
  });
});

describe('collapse', () => {
  test('M = W3 · W2 · W1 = [[18, 20, −3], [−6, −7, 0], [16, 18, −2]]', () => {
    // numpy: W3 @ W2 @ W1
    expectClose(
      collapse(),
      [
        [18, 20, -3],
        [-6, -7, 0],
        [16, 18, -2],
      ],
      m(
        'the first layer W1 stays next to X, on the right',
        '첫 층 W1은 X 바로 옆, 오른쪽에 둡니다',
      ),
    );
  });

  test(`${m('M · X = forward(X) for random X (associativity, property)', '무작위 X에서 M · X = forward(X) (결합법칙, 속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const X = randn([3], createRng(seed));
        expectClose(
          dot(collapse(), X),
          forward(X).toArray(),
          m('one matrix must do what three do', '행렬 하나가 세 개가 하는 일을 해야 합니다'),
          1e-9,
        );
      }),
      { numRuns: 20 },
    );
  });

  test(`${m('the two-layer part W2 · W1 sits inside M: M = W3 · (W2 · W1)', '두 층 부분 W2 · W1이 M 안에 있음: M = W3 · (W2 · W1)')}`, () => {
    const W3ofM = collapse();
    // M · W1⁻¹ would need an inverse; instead check one column: M · e2 = W3 · (W2 · (W1 · e2))
    const e2 = array([0, 0, 1]);
    expectClose(
      dot(W3ofM, e2),
      forward(e2).toArray(),
      m(
        'M · [0, 0, 1] = forward([0, 0, 1]): one column of M',
        'M · [0, 0, 1] = forward([0, 0, 1]): M의 한 열',
      ),
    );
    expectClose(
      dot(W2, dot(W1, e2)),
      [-1, 1, -4],
      m('L2 for X = [0, 0, 1] (given matrices)', 'X = [0, 0, 1]일 때의 L2 (주어진 행렬)'),
    );
  });
});

test(`${m('forward leaves X as it was', 'forward는 X를 그대로 둠')}`, () => {
  const X = array([1, 2, 3]);
  expectInputsKept({ X }, () => forward(X));
});

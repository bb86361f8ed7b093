import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { partialDerivatives } from './partial-derivatives.js';

const bowl = ([x0 = 0, x1 = 0]: readonly number[]) => x0 ** 2 + x1 ** 2;

describe('partialDerivatives', () => {
  test(`${m("x0² + x1² at (1, 3) → [2, 6] (the lecture's ndiff2)", '(1, 3)에서 x0² + x1² → [2, 6] (강의의 ndiff2)')}`, () => {
    expectClose(
      partialDerivatives(bowl, [1, 3]),
      [2, 6],
      m(
        '∂f/∂x0 = 2·x0, ∂f/∂x1 = 2·x1; [8, 8] means both variables moved together',
        '∂f/∂x0 = 2·x0, ∂f/∂x1 = 2·x1; [8, 8]이면 두 변수를 함께 움직인 것',
      ),
      1e-8,
    );
  });

  test(`${m('x0·x1 + sin(x2) at (2, 3, 0) → [3, 2, 1]', '(2, 3, 0)에서 x0·x1 + sin(x2) → [3, 2, 1]')}`, () => {
    const f = ([a = 0, b = 0, c = 0]: readonly number[]) => a * b + Math.sin(c);
    expectClose(
      partialDerivatives(f, [2, 3, 0]),
      [3, 2, 1],
      m(
        '∂/∂x0 = x1, ∂/∂x1 = x0, ∂/∂x2 = cos x2 (move one variable, keep the others at x)',
        '∂/∂x0 = x1, ∂/∂x1 = x0, ∂/∂x2 = cos x2 (한 변수만 움직이고 나머지는 x 그대로)',
      ),
      1e-8,
    );
  });

  test(`${m('six variables (a game character): Σ (i+1)·x_i² at all ones → [2, 4, 6, 8, 10, 12]', '변수 여섯 개 (게임 캐릭터): 모두 1인 점에서 Σ (i+1)·x_i² → [2, 4, 6, 8, 10, 12]')}`, () => {
    const f = (x: readonly number[]) => x.reduce((s, v, i) => s + (i + 1) * v * v, 0);
    expectClose(
      partialDerivatives(f, [1, 1, 1, 1, 1, 1]),
      [2, 4, 6, 8, 10, 12],
      m(
        '∂/∂x_i = 2(i+1)·x_i: one partial derivative per variable',
        '∂/∂x_i = 2(i+1)·x_i: 변수마다 편미분 하나',
      ),
      1e-7,
    );
  });

  test(`${m("the caller's x is not modified (not even by rounding)", '호출한 쪽의 x는 바뀌지 않음 (반올림 오차조차 없이)')}`, () => {
    // x + h − 2h + h need not give x back exactly in floating point: 0.1 does not, for h = 1e-5
    const x = [0.1, 0.7, 3.3];
    partialDerivatives(bowl, x);
    expect(x, m('work on copies of x', 'x의 복사본에서 계산하세요')).toEqual([0.1, 0.7, 3.3]);
  });

  test(`${m('matches 2·x for x0² + x1² at random points (property)', '무작위 점에서 x0² + x1²의 편미분이 2·x와 일치 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: -50, max: 50, noNaN: true }),
        (a, b) => {
          expectClose(
            partialDerivatives(bowl, [a, b]),
            [2 * a, 2 * b],
            m(`at (${a}, ${b})`, `점 (${a}, ${b})에서`),
            1e-6,
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});

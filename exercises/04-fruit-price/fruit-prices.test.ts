import { add, array, createRng, dot, eye, mul, randn } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { fourFruitSystem, solvePrices, twoFruitSystem } from './fruit-prices.js';

describe('solvePrices', () => {
  test(`${m('2 fruits: [[1, 1], [2, 3]] x = [[1100], [2800]] → tangerine 500, apple 600', '과일 2개: [[1, 1], [2, 3]] x = [[1100], [2800]] → 귤 500, 사과 600')}`, () => {
    // np.dot(inv(A), B) = [[500.], [600.]] (the lecture's 1.2.1)
    const { A, B } = twoFruitSystem();
    expectClose(
      solvePrices(A, B),
      [[500], [600]],
      m('x = A⁻¹ · B, a column like B', 'x = A⁻¹ · B, B처럼 열 벡터'),
      1e-9,
    );
  });

  test(`${m('the prices satisfy A · x = B for random well-conditioned 3×3 systems (property)', '조건이 좋은 무작위 3×3 연립방정식에서 가격이 A · x = B를 만족 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = createRng(seed);
        const A = add(randn([3, 3], rng), mul(eye(3), 5)); // diagonally heavy: invertible
        const B = randn([3, 1], rng);
        expectClose(
          dot(A, solvePrices(A, B)),
          B.toArray(),
          m('A · x must give back B', 'A · x가 다시 B가 되어야 합니다'),
          1e-9,
        );
      }),
      { numRuns: 25 },
    );
  });

  test(`${m('a non-symmetric 2×2: [[2, 1], [0, 1]] x = [[5], [1]] → [[2], [1]]', '대칭이 아닌 2×2: [[2, 1], [0, 1]] x = [[5], [1]] → [[2], [1]]')}`, () => {
    // 2·2 + 1·1 = 5, 0·2 + 1·1 = 1; Aᵀ would give a different answer, so the side of A⁻¹ matters
    expectClose(
      solvePrices(
        array([
          [2, 1],
          [0, 1],
        ]),
        array([[5], [1]]),
      ),
      [[2], [1]],
      m('A⁻¹ goes on the left of B', 'A⁻¹는 B의 왼쪽에 옵니다'),
      1e-9,
    );
  });
});

test(`${m('A and B are not changed by solvePrices', 'solvePrices는 A와 B를 바꾸지 않음')}`, () => {
  const { A, B } = twoFruitSystem();
  expectInputsKept({ A, B }, () => solvePrices(A, B));
});

describe(`${m('fourFruitSystem (exercise 8-1)', 'fourFruitSystem (연습문제 8-1)')}`, () => {
  test(`${m('A holds the four receipts as rows (grapes, tangerines, apples, pears)', 'A의 행은 영수증 네 장 (포도, 귤, 사과, 배)')}`, () => {
    const { A, B } = fourFruitSystem();
    expectClose(
      A,
      [
        [1, 1, 1, 1],
        [5, 2, 4, 7],
        [0, 1, 1, 2],
        [5, 2, 2, 3],
      ],
      m(
        "one row per day, one column per fruit, in the order of the story (see the README's table)",
        '하루가 한 행, 과일이 한 열, 이야기의 순서대로 (README의 표)',
      ),
    );
    expectClose(
      B,
      [[2350], [10600], [2450], [6800]],
      m('B is the column of totals, shape [4, 1]', 'B는 총액의 열, 모양 [4, 1]'),
    );
  });

  test(`${m('4 fruits → grapes 500, tangerines 550, apples 700, pears 600 won', '과일 4개 → 포도 500원, 귤 550원, 사과 700원, 배 600원')}`, () => {
    // numpy: inv(A) @ B = [500., 550., 700., 600.] (to 1e-12)
    const { A, B } = fourFruitSystem();
    const x = solvePrices(A, B);
    expectClose(x, [[500], [550], [700], [600]], m('the four prices', '네 가지 가격'), 1e-9);
    expect(
      x.get(0, 0) + x.get(1, 0) + x.get(2, 0) + x.get(3, 0),
      m('day 1 costs 2,350', '첫날은 2,350원'),
    ).toBeCloseTo(2350, 6);
  });
});

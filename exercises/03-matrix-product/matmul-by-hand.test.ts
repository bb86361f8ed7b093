import { array, createRng, dot, randn, ShapeError, zeros } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { matmulByHand } from './matmul-by-hand.js';

describe('matmulByHand', () => {
  test('[[1, 2], [3, 4]] · [[5, 6], [7, 8]] → [[19, 22], [43, 50]]', () => {
    // 1·5 + 2·7 = 19, 1·6 + 2·8 = 22, 3·5 + 4·7 = 43, 3·6 + 4·8 = 50
    expectClose(
      matmulByHand(
        array([
          [1, 2],
          [3, 4],
        ]),
        array([
          [5, 6],
          [7, 8],
        ]),
      ),
      [
        [19, 22],
        [43, 50],
      ],
      m(
        'each entry is row i · column j; [[5, 12], [21, 32]] would be the element-wise product',
        '각 원소는 i행 · j열; [[5, 12], [21, 32]]는 원소별 곱입니다',
      ),
    );
  });

  test('(2, 3) · (3, 2) → (2, 2) [[58, 64], [139, 154]]', () => {
    expectClose(
      matmulByHand(
        array([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        array([
          [7, 8],
          [9, 10],
          [11, 12],
        ]),
      ),
      [
        [58, 64],
        [139, 154],
      ],
      m('(n, k) · (k, m) gives (n, m)', '(n, k) · (k, m)은 (n, m)'),
    );
  });

  test(`${m('agrees with dot on random (n, k) · (k, m) matrices (property)', '무작위 (n, k) · (k, m) 행렬에서 dot과 같은 결과 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (n, k, cols, seed) => {
          const rng = createRng(seed);
          const A = randn([n, k], rng);
          const B = randn([k, cols], rng);
          expectClose(
            matmulByHand(A, B),
            dot(A, B).toArray(),
            m(`random (${n}, ${k}) · (${k}, ${cols})`, `무작위 (${n}, ${k}) · (${k}, ${cols})`),
            1e-9,
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  test(`${m('(2, 3) · (2, 4) → ShapeError naming both shapes', '(2, 3) · (2, 4) → 두 모양을 알려 주는 ShapeError')}`, () => {
    const go = () => matmulByHand(zeros([2, 3]), zeros([2, 4]));
    expect(
      go,
      m(
        'inner sizes 3 and 2 differ: the product does not exist',
        '안쪽 크기 3과 2가 달라 곱이 없습니다',
      ),
    ).toThrow(ShapeError);
    expect(go, m("the message should name A's shape", '메시지에 A의 모양이 있어야 합니다')).toThrow(
      '[2, 3]',
    );
    expect(go, m("the message should name B's shape", '메시지에 B의 모양이 있어야 합니다')).toThrow(
      '[2, 4]',
    );
  });

  test(`${m('A and B are not changed', 'A와 B는 바뀌지 않음')}`, () => {
    const A = array([
      [1, 2],
      [3, 4],
    ]);
    const B = array([
      [5, 6],
      [7, 8],
    ]);
    expectInputsKept({ A, B }, () => matmulByHand(A, B));
  });
});

import { array, sum } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { identity, proportional, softmax } from './softmax.js';

test(`${m('the scores are not changed by proportional or softmax', 'proportional과 softmax는 점수를 바꾸지 않음')}`, () => {
  const a = array([1, 2, 3]);
  expectInputsKept({ a }, () => proportional(a));
  expectInputsKept({ a }, () => softmax(a));
});

describe('identity', () => {
  test('identity([1, 2, 3]) → [1, 2, 3]', () => {
    expectClose(
      identity(array([1, 2, 3])),
      [1, 2, 3],
      m('f(a) = a: the input comes back unchanged', 'f(a) = a: 입력이 그대로 나옵니다'),
    );
  });
});

describe('proportional', () => {
  test('proportional([1, 2, 3]) → [1/6, 1/3, 1/2]', () => {
    expectClose(
      proportional(array([1, 2, 3])),
      [1 / 6, 1 / 3, 1 / 2],
      m('a_k / (1 + 2 + 3): divide by the total', 'a_k / (1 + 2 + 3): 합으로 나누세요'),
    );
  });

  test(`${m('sums to 1 and keeps the ratios for any positive scores (property)', '양수 점수면 언제나 합이 1이고 비율도 유지 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 2, maxLength: 10 }),
        (values) => {
          const y = proportional(array(values));
          expect(
            sum(y),
            m('proportional outputs must sum to 1', '비례 확률의 합은 1이어야 합니다'),
          ).toBeCloseTo(1, 9);
          expect(y.get(1) / y.get(0), m('ratios are kept', '비율이 유지됩니다')).toBeCloseTo(
            values[1]! / values[0]!,
            6,
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('softmax', () => {
  test('softmax([1, 2, 3]) → [0.0900, 0.2447, 0.6652]', () => {
    // numpy: np.exp(a) / np.exp(a).sum() = [0.09003057, 0.24472847, 0.66524096]
    expectClose(
      softmax(array([1, 2, 3])),
      [0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
      m(
        'exp(a_k) / Σ exp(a_i): the total of the exps',
        'exp(a_k) / Σ exp(a_i): exp들의 합으로 나누세요',
      ),
      1e-9,
    );
  });

  test('softmax([0.3, 2.9, 4.0]) → [0.0182, 0.2452, 0.7366]', () => {
    // numpy, same formula
    expectClose(
      softmax(array([0.3, 2.9, 4.0])),
      [0.01821127329554753, 0.24519181293507392, 0.7365969137693786],
      m('the book example', '책의 예'),
      1e-9,
    );
  });

  test(`${m('softmax favours the largest score more than proportional does: 0.665 > 0.5 for [1, 2, 3]', '소프트맥스는 proportional보다 가장 큰 점수에 더 쏠림: [1, 2, 3]에서 0.665 > 0.5')}`, () => {
    const a = array([1, 2, 3]);
    expect(
      softmax(a).get(2),
      m('exp makes the winner stand out', 'exp는 가장 큰 값을 더 돋보이게 합니다'),
    ).toBeGreaterThan(proportional(a).get(2) + 0.1);
  });

  test(`${m('outputs are positive, sum to 1 and keep the order, even for negative scores (property)', '음수 점수에서도 출력은 양수, 합은 1, 순서 유지 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 2, maxLength: 10 }),
        (values) => {
          const y = softmax(array(values));
          expect(
            sum(y),
            m('softmax outputs must sum to 1', '소프트맥스 출력의 합은 1이어야 합니다'),
          ).toBeCloseTo(1, 9);
          for (let i = 0; i < values.length; i++) {
            expect(
              y.get(i),
              m('every probability is positive', '모든 확률은 양수'),
            ).toBeGreaterThan(0);
          }
          if (values[0]! > values[1]!) expect(y.get(0)).toBeGreaterThanOrEqual(y.get(1));
        },
      ),
      { numRuns: 50 },
    );
  });
});

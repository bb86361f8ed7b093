import * as linalg from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { m } from '../runner/testing.js';
import { expectation, mean, median, std, variance } from './statistics.js';

describe(`${m('mean and expectation', '평균과 기댓값')}`, () => {
  test(`${m('mean([1, 2, 3, 4, 100]) → 22 and mean([2, 4, 4, 4, 5, 5, 7, 9]) → 5', 'mean([1, 2, 3, 4, 100]) → 22, mean([2, 4, 4, 4, 5, 5, 7, 9]) → 5')}`, () => {
    expect(
      mean([1, 2, 3, 4, 100]),
      m('sum 110 divided by the count 5', '합 110을 개수 5로 나눔'),
    ).toBeCloseTo(22, 12);
    expect(mean([2, 4, 4, 4, 5, 5, 7, 9]), m('sum 40 / 8', '합 40 / 개수 8')).toBeCloseTo(5, 12);
  });

  test.each([
    ['mean', mean],
    ['median', median],
    ['variance', variance],
    ['std', std],
  ] as const)(
    `%s([]) → RangeError ${m('(the README: an empty array is rejected)', '(README: 빈 배열은 거부)')}`,
    (_name, fn) => {
      expect(
        () => fn([]),
        m('the statistic of nothing is undefined', '빈 배열의 통계량은 정의되지 않습니다'),
      ).toThrow(RangeError);
    },
  );

  test(`${m('a fair die → 3.5; values [1, 2, 3] with P [0.2, 0.3, 0.5] → 2.3', '공정한 주사위 → 3.5; 값 [1, 2, 3], 확률 P [0.2, 0.3, 0.5] → 2.3')}`, () => {
    expect(
      expectation([1, 2, 3, 4, 5, 6], Array(6).fill(1 / 6)),
      m('equal probabilities: the mean', '확률이 같으면 평균'),
    ).toBeCloseTo(3.5, 12);
    expect(
      expectation([1, 2, 3], [0.2, 0.3, 0.5]),
      m('0.2 + 0.6 + 1.5: weight by probability', '0.2 + 0.6 + 1.5: 확률로 가중'),
    ).toBeCloseTo(2.3, 12);
  });

  test(`${m('values [0, 1] with P [0.9, 0.1] → 0.1 (the rare value counts little)', '값 [0, 1], 확률 P [0.9, 0.1] → 0.1 (드문 값은 조금만 반영됨)')}`, () => {
    expect(
      expectation([0, 1], [0.9, 0.1]),
      m('not the plain mean 0.5', '단순 평균 0.5가 아님'),
    ).toBeCloseTo(0.1, 12);
  });
});

describe('median', () => {
  test(`${m('median([1, 2, 3, 4, 100]) → 3 (the outlier does not move it)', 'median([1, 2, 3, 4, 100]) → 3 (이상치에 흔들리지 않음)')}`, () => {
    expect(
      median([1, 2, 3, 4, 100]),
      m('the middle of the sorted values', '정렬한 값의 가운데'),
    ).toBe(3);
  });

  test(`${m('median([9, 2, 7, 4, 4, 5, 5, 4]) → 4.5 (even count: mean of the two middle values)', 'median([9, 2, 7, 4, 4, 5, 5, 4]) → 4.5 (개수가 짝수: 가운데 두 값의 평균)')}`, () => {
    expect(
      median([9, 2, 7, 4, 4, 5, 5, 4]),
      m(
        'sort first: [2, 4, 4, 4, 5, 5, 7, 9], then the mean of 4 and 5',
        '먼저 정렬: [2, 4, 4, 4, 5, 5, 7, 9], 그리고 4와 5의 평균',
      ),
    ).toBe(4.5);
  });

  test(`${m('median([10, 9, 100]) → 10 and the input keeps its order', 'median([10, 9, 100]) → 10, 입력의 순서는 그대로')}`, () => {
    const x = [10, 9, 100];
    expect(
      median(x),
      m(
        "numeric sort: the default sort would put '100' before '9'",
        "숫자 정렬: 기본 정렬은 '100'을 '9' 앞에 둡니다",
      ),
    ).toBe(10);
    expect(
      x,
      m(
        'median must not sort its input in place',
        'median은 입력 배열을 제자리에서 정렬하면 안 됩니다',
      ),
    ).toEqual([10, 9, 100]);
  });
});

describe(`${m('variance and std', '분산과 표준편차')}`, () => {
  test(`${m('[2, 4, 4, 4, 5, 5, 7, 9] → variance 4, std 2', '[2, 4, 4, 4, 5, 5, 7, 9] → 분산 4, 표준편차 2')}`, () => {
    // numpy: x.var() = 4.0, x.std() = 2.0
    expect(
      variance([2, 4, 4, 4, 5, 5, 7, 9]),
      m(
        'mean of (x − 5)²: divide by n = 8, not n − 1',
        '(x − 5)²의 평균: n − 1이 아니라 n = 8로 나누세요',
      ),
    ).toBeCloseTo(4, 12);
    expect(
      std([2, 4, 4, 4, 5, 5, 7, 9]),
      m('the square root of the variance', '분산의 제곱근'),
    ).toBeCloseTo(2, 12);
  });

  test(`${m('[1, 2, 3, 4, 100] → variance 1522, std 39.0128', '[1, 2, 3, 4, 100] → 분산 1522, 표준편차 39.0128')}`, () => {
    // numpy: x.var() = 1522.0, x.std() = 39.01281840626232
    expect(
      variance([1, 2, 3, 4, 100]),
      m('the outlier dominates the variance', '이상치가 분산을 지배합니다'),
    ).toBeCloseTo(1522, 9);
    expect(std([1, 2, 3, 4, 100])).toBeCloseTo(39.01281840626232, 9);
  });

  test(`${m('agrees with @dl/linalg mean, median, variance, std on random data (property)', '무작위 데이터에서 @dl/linalg의 mean, median, variance, std와 일치 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (x) => {
          const a = linalg.array(x);
          expect(mean(x)).toBeCloseTo(linalg.mean(a), 6);
          expect(median(x)).toBeCloseTo(linalg.median(a), 9);
          expect(variance(x)).toBeCloseTo(linalg.variance(a), 4);
          expect(std(x)).toBeCloseTo(linalg.std(a), 6);
        },
      ),
      { numRuns: 50 },
    );
  });
});

test(`${m('mean, variance and std leave their input as it was', 'mean, variance, std는 입력을 그대로 둠')}`, () => {
  const x = [9, 2, 7, 4];
  mean(x);
  variance(x);
  std(x);
  expectation(x, [0.25, 0.25, 0.25, 0.25]);
  expect(
    x,
    m("work on the values, never on the caller's array", '호출한 쪽의 배열은 그대로 두세요'),
  ).toEqual([9, 2, 7, 4]);
});

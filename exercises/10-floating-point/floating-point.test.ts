import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { m } from '../runner/testing.js';
import { addRepeatedly, isClose } from './floating-point.js';

describe('addRepeatedly', () => {
  test(`${m('0.1 added 100 times → 9.99999999999998, not 10', '0.1을 100번 더하면 → 10이 아니라 9.99999999999998')}`, () => {
    // Python: s = 0.0; for _ in range(100): s += 0.1  →  9.99999999999998
    expect(
      addRepeatedly(0.1, 100),
      m(
        'add in a loop, exactly `times` times: the hundred roundings leave 9.99999999999998 (0.1 * 100 rounds only once)',
        '반복문으로 정확히 times번 더하세요: 백 번의 반올림이 9.99999999999998을 남깁니다 (0.1 * 100은 한 번만 반올림)',
      ),
    ).toBe(9.99999999999998);
  });

  test(`${m('0.1 × 100 is exactly 10, but the repeated sum is not', '0.1 × 100은 정확히 10이지만, 반복해서 더한 합은 아님')}`, () => {
    expect(0.1 * 100, m('one multiplication, one rounding', '곱셈 한 번, 반올림 한 번')).toBe(10);
    expect(
      addRepeatedly(0.1, 100) === 10,
      m('adding 0.1 a hundred times is not === 10', '0.1을 백 번 더하면 === 10이 아닙니다'),
    ).toBe(false);
  });

  test(`${m('0.5 added 100 times → exactly 50 (0.5 is exact in binary)', '0.5를 100번 더하면 → 정확히 50 (0.5는 이진수로 정확함)')}`, () => {
    expect(
      addRepeatedly(0.5, 100),
      m('powers of two have exact binary forms', '2의 거듭제곱은 이진수로 정확히 나타납니다'),
    ).toBe(50);
  });
});

describe('isClose', () => {
  test(`${m('isClose(0.1 + 0.2, 0.3) → true, although 0.1 + 0.2 === 0.3 is false', 'isClose(0.1 + 0.2, 0.3) → true (0.1 + 0.2 === 0.3은 false인데도)')}`, () => {
    expect(0.1 + 0.2 === 0.3, m('the famous one', '유명한 예')).toBe(false);
    expect(
      isClose(0.1 + 0.2, 0.3),
      m('compare with a tolerance, not ===', '=== 대신 허용 오차로 비교하세요'),
    ).toBe(true);
  });

  test('isClose(addRepeatedly(0.1, 100), 10) → true; isClose(1, 1.001) → false', () => {
    expect(
      isClose(addRepeatedly(0.1, 100), 10),
      m('the error 2e-14 is far below 1e-9 · 10', '오차 2e-14는 1e-9 · 10보다 훨씬 작습니다'),
    ).toBe(true);
    expect(
      isClose(1, 1.001),
      m('a difference of 1e-3 is real, not rounding', '1e-3의 차이는 반올림이 아니라 진짜 차이'),
    ).toBe(false);
  });

  test(`${m('isClose(1e-20, 0) → false, but true with atol = 1e-12', 'isClose(1e-20, 0) → false, atol = 1e-12이면 true')}`, () => {
    expect(
      isClose(1e-20, 0),
      m(
        'relative tolerance alone cannot compare with 0',
        '상대 허용 오차만으로는 0과 비교할 수 없습니다',
      ),
    ).toBe(false);
    expect(
      isClose(1e-20, 0, 1e-9, 1e-12),
      m('atol handles numbers near zero', 'atol이 0 근처의 수를 다룹니다'),
    ).toBe(true);
  });

  test(`${m('isClose(2, 1, 0.6) and isClose(1, 2, 0.6) → both true (rtol times the larger size)', 'isClose(2, 1, 0.6), isClose(1, 2, 0.6) → 둘 다 true (rtol에 더 큰 쪽의 크기를 곱함)')}`, () => {
    // |2 − 1| = 1 <= 0.6 · max(|2|, |1|) = 1.2, whichever comes first
    expect(
      isClose(2, 1, 0.6),
      m('rtol · max(|a|, |b|) = 1.2 >= 1', 'rtol · max(|a|, |b|) = 1.2 >= 1'),
    ).toBe(true);
    expect(
      isClose(1, 2, 0.6),
      m(
        'the same pair the other way round: the larger size is still 2',
        '순서를 바꿔도 더 큰 크기는 여전히 2',
      ),
    ).toBe(true);
    expect(
      isClose(1, 2, 0.4),
      m('0.4 · 2 = 0.8 < 1: not close', '0.4 · 2 = 0.8 < 1: 가깝지 않음'),
    ).toBe(false);
  });

  test(`${m('isClose is symmetric and true for equal numbers (property)', 'isClose는 대칭이고 같은 수에는 true (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => {
          expect(
            isClose(a, a),
            m('a number is close to itself', '수는 자기 자신과 가깝습니다'),
          ).toBe(true);
          expect(
            isClose(a, b),
            m(
              'isClose(a, b) === isClose(b, a): the order must not matter',
              'isClose(a, b) === isClose(b, a): 순서를 바꿔도 결과가 같아야 합니다',
            ),
          ).toBe(isClose(b, a));
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { m } from '../runner/testing.js';
import { backwardDiff, centralDiff, forwardDiff } from './numerical-diff.js';

const f = (x: number) => x ** 2 + 2 * x + 1; // f'(x) = 2x + 2, so f'(3) = 8

describe(`${m('difference quotients of f(x) = x² + 2x + 1 at x = 3 (exact slope 8), h = 1e-4', '수치 미분: x = 3에서 f(x) = x² + 2x + 1 (정확한 기울기 8), h = 1e-4')}`, () => {
  test('forwardDiff → 8.0001', () => {
    // Python: (f(3 + 1e-4) - f(3)) / 1e-4 = 8.000100000025157
    const d = forwardDiff(f, 3);
    expect(
      d,
      m(
        `got ${d}: 0 means h is so small that x + h === x; use h = 1e-4`,
        `${d}이(가) 나왔습니다: 0이면 h가 너무 작아 x + h === x; h = 1e-4를 쓰세요`,
      ),
    ).toBeCloseTo(8.0001, 6);
  });

  test('backwardDiff → 7.9999', () => {
    // Python: (f(3) - f(3 - 1e-4)) / 1e-4 = 7.9999000000086085
    expect(
      backwardDiff(f, 3),
      m('step backwards: (f(x) − f(x − h)) / h', '뒤로 한 걸음: (f(x) − f(x − h)) / h'),
    ).toBeCloseTo(7.9999, 6);
  });

  test(`${m('centralDiff → 8.00000000002 (error ~1e-11)', 'centralDiff → 8.00000000002 (오차 ~1e-11)')}`, () => {
    // Python: (f(3 + 1e-4) - f(3 - 1e-4)) / 2e-4 = 8.000000000016882
    expect(
      centralDiff(f, 3),
      m(
        '(f(x + h) − f(x − h)) / (2h): the two points are 2h apart',
        '(f(x + h) − f(x − h)) / (2h): 두 점 사이는 2h',
      ),
    ).toBeCloseTo(8, 8);
  });

  test(`${m('central is more accurate than forward and backward', '중앙 차분이 전방·후방 차분보다 정확함')}`, () => {
    const err = (d: number) => Math.abs(d - 8);
    expect(
      err(centralDiff(f, 3)),
      m('central error (h²) vs forward error (h)', '중앙 차분 오차(h²) 대 전방 차분 오차(h)'),
    ).toBeLessThan(err(forwardDiff(f, 3)) / 100);
    expect(
      err(centralDiff(f, 3)),
      m('central error vs backward error', '중앙 차분 오차 대 후방 차분 오차'),
    ).toBeLessThan(err(backwardDiff(f, 3)) / 100);
  });
});

describe(`${m('other functions', '다른 함수')}`, () => {
  test('centralDiff(exp, 1) → e = 2.718281828', () => {
    // (e^x)' = e^x; Python: (exp(1 + 1e-4) - exp(1 - 1e-4)) / 2e-4 = 2.718281832989611
    expect(
      centralDiff(Math.exp, 1),
      m('the exponential is its own derivative', '지수함수는 자기 자신이 도함수'),
    ).toBeCloseTo(Math.E, 7);
  });

  test(`${m('centralDiff of x³ matches 3x² for x in [−10, 10] (property)', '[−10, 10]의 x에서 x³의 centralDiff가 3x²와 일치 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        expect(
          centralDiff((v) => v ** 3, x),
          m(`(x³)' = 3x² at x = ${x}`, `x = ${x}에서 (x³)' = 3x²`),
        ).toBeCloseTo(3 * x * x, 5);
      }),
      { numRuns: 50 },
    );
  });

  test(`${m('why not h = 1e-50: 3 + 1e-50 === 3, so centralDiff(f, 3, 1e-50) → 0', 'h = 1e-50이 안 되는 이유: 3 + 1e-50 === 3이라서 centralDiff(f, 3, 1e-50) → 0')}`, () => {
    expect(
      3 + 1e-50 === 3,
      m('doubles keep ~16 significant digits', 'double은 유효숫자 약 16자리'),
    ).toBe(true);
    expect(
      centralDiff(f, 3, 1e-50),
      m('the step vanished in rounding', '반올림으로 걸음이 사라졌습니다'),
    ).toBe(0);
  });
});

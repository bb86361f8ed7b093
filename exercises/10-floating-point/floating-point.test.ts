import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addRepeatedly, isClose } from './floating-point.js';

describe('addRepeatedly', () => {
  test('0.1 added 100 times → 9.99999999999998, not 10', () => {
    // Python: s = 0.0; for _ in range(100): s += 0.1  →  9.99999999999998
    expect(
      addRepeatedly(0.1, 100),
      'add in a loop: the hundred roundings leave 9.99999999999998 (0.1 * 100 rounds only once)',
    ).toBe(9.99999999999998);
  });

  test('0.1 × 100 is exactly 10, but the repeated sum is not', () => {
    expect(0.1 * 100, 'one multiplication, one rounding').toBe(10);
    expect(addRepeatedly(0.1, 100) === 10, 'adding 0.1 a hundred times is not === 10').toBe(false);
  });

  test('0.5 added 100 times → exactly 50 (0.5 is exact in binary)', () => {
    expect(addRepeatedly(0.5, 100), 'powers of two have exact binary forms').toBe(50);
  });
});

describe('isClose', () => {
  test('isClose(0.1 + 0.2, 0.3) → true, although 0.1 + 0.2 === 0.3 is false', () => {
    expect(0.1 + 0.2 === 0.3, 'the famous one').toBe(false);
    expect(isClose(0.1 + 0.2, 0.3), 'compare with a tolerance, not ===').toBe(true);
  });

  test('isClose(addRepeatedly(0.1, 100), 10) → true; isClose(1, 1.001) → false', () => {
    expect(isClose(addRepeatedly(0.1, 100), 10), 'the error 2e-14 is far below 1e-9 · 10').toBe(
      true,
    );
    expect(isClose(1, 1.001), 'a difference of 1e-3 is real, not rounding').toBe(false);
  });

  test('isClose(1e-20, 0) → false, but true with atol = 1e-12', () => {
    expect(isClose(1e-20, 0), 'relative tolerance alone cannot compare with 0').toBe(false);
    expect(isClose(1e-20, 0, 1e-9, 1e-12), 'atol handles numbers near zero').toBe(true);
  });

  test('isClose is symmetric and true for equal numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b) => {
          expect(isClose(a, a), 'a number is close to itself').toBe(true);
          expect(isClose(a, b), 'isClose(a, b) === isClose(b, a)').toBe(isClose(b, a));
        },
      ),
    );
  });
});

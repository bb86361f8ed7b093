import { describe, expect, it } from 'vitest';
import { checkValue, compareValue, parseExpected } from '../scripts/example-values.js';

describe('parseExpected', () => {
  it('reads the literal a value comment starts with and leaves the prose', () => {
    expect(parseExpected(' 0.3057 = −log(0.7366 + 1e-7)')?.expected).toEqual({
      kind: 'number',
      value: 0.3057,
      tolerance: expect.closeTo(0.5e-4, 15),
    });
    expect(parseExpected(" [[1, 0], 'a']: rows")?.expected).toEqual({
      kind: 'array',
      items: [
        {
          kind: 'array',
          items: [
            { kind: 'number', value: 1, tolerance: 0.5 },
            { kind: 'number', value: 0, tolerance: 0.5 },
          ],
        },
        { kind: 'exact', value: 'a' },
      ],
    });
    expect(parseExpected(' ≈ true')?.expected).toEqual({ kind: 'exact', value: true });
  });

  it('takes the precision of scientific notation from mantissa and exponent', () => {
    expect(parseExpected(' 9.99954600e-01')?.expected).toMatchObject({
      tolerance: expect.closeTo(0.5e-9, 20),
    });
  });

  it('ignores comments that are prose or code, not a literal', () => {
    expect(parseExpected(' v = −0.1, W = 0.9')).toBeUndefined();
    expect(parseExpected(' continues exactly where opt stands')).toBeUndefined();
    expect(parseExpected(' [1, 2].length')).toBeUndefined();
  });
});

describe('compareValue', () => {
  it('matches numbers to their written precision and typed arrays as arrays', () => {
    const expected = parseExpected(' [0.0182, 0.2452]')?.expected;
    if (!expected) throw new Error('no literal');
    expect(compareValue(new Float64Array([0.018211, 0.245192]), expected)).toBeUndefined();
    expect(compareValue([0.0184, 0.2452], expected)).toBe('expected 0.0182 at [0], got 0.0184');
    expect(compareValue([0.0182], expected)).toBe('expected 2 items, got 1: [0.0182]');
  });
});

describe('checkValue', () => {
  it('returns the value when it matches and names the line when it does not', () => {
    expect(checkValue(10, ' 10', 'a.ts:3', 'sum(a)')).toBe(10);
    expect(() => checkValue(10, ' 11', 'a.ts:3', 'sum(a)')).toThrow(
      'a.ts:3: `sum(a)` does not match its comment (// 11): expected 11, got 10',
    );
  });
});

import { array } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose } from '../runner/testing.js';
import { levels, quantize } from './quantize.js';

describe('levels', () => {
  // the lecture's table: 1 bit = 2, 2 bit = 4, 3 bit = 8, 4 bit = 16, 6 bit = 64, 8 bit = 256
  test.each([
    [1, 2],
    [2, 4],
    [3, 8],
    [4, 16],
    [6, 64],
    [8, 256],
  ])('levels(%i) → %i', (bits, n) => {
    expect(levels(bits), `${bits} bits: every extra bit doubles the number of levels`).toBe(n);
  });

  test('levels(0) and levels(2.5) throw a RangeError naming the rule', () => {
    expect(() => levels(0), 'levels(0) must be rejected').toThrow(RangeError);
    expect(() => levels(2.5), 'levels(2.5) must be rejected').toThrow(
      'levels: bits out of range; expected an integer from 1 to 16, got 2.5',
    );
  });
});

describe('quantize', () => {
  test('quantize([0, 0.49, 0.5, 1], 1 bit) → [0, 0, 1, 1] (black or white)', () => {
    expectClose(quantize(array([0, 0.49, 0.5, 1]), 1), [0, 0, 1, 1], '1 bit: below 0.5 is black');
  });

  test('quantize([0, 0.25, 0.5, 0.75, 1], 2 bits) → [0, 1, 2, 3, 3]', () => {
    expectClose(
      quantize(array([0, 0.25, 0.5, 0.75, 1]), 2),
      [0, 1, 2, 3, 3],
      '2 bits give levels 0…3; 1.0 must be level 3, not 4',
    );
  });

  test('quantize keeps the shape: a [2, 2] image → [[0, 127], [128, 255]] with 8 bits', () => {
    expectClose(
      quantize(
        array([
          [0, 0.499],
          [0.5, 1],
        ]),
        8,
      ),
      [
        [0, 127],
        [128, 255],
      ],
      '8 bits: floor(v · 256), top level 255',
    );
  });

  test('every quantised value is a whole level from 0 to levels(bits) − 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (values, bits) => {
          const q = Array.from(quantize(array(values), bits).data);
          return q.every((v) => Number.isInteger(v) && v >= 0 && v <= 2 ** bits - 1);
        },
      ),
    );
  });
});

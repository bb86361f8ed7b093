import { arange, ShapeError, zeros } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose } from '../runner/testing.js';
import { subsample } from './subsample.js';

describe('subsample', () => {
  test('4×4 arange with step 2 → [[0, 2], [8, 10]]', () => {
    expectClose(
      subsample(arange(16).reshape(4, 4), 2),
      [
        [0, 2],
        [8, 10],
      ],
      'keep rows 0, 2 and columns 0, 2',
    );
  });

  test('512×512 with step 2 → 256×256 whose pixel [i, j] is the original [2i, 2j]', () => {
    const image = arange(512 * 512).reshape(512, 512);
    const small = subsample(image, 2);
    expect([...small.shape], 'the lecture halves 512×512 to 256×256').toEqual([256, 256]);
    expect(small.get(255, 255), 'the last kept pixel is [510, 510]').toBe(image.get(510, 510));
    expect(small.get(3, 7), 'pixel [3, 7] comes from [6, 14]').toBe(image.get(6, 14));
  });

  test('5×5 with step 2 → 3×3 (the last partial block keeps its first pixel)', () => {
    expectClose(
      subsample(arange(25).reshape(5, 5), 2),
      [
        [0, 2, 4],
        [10, 12, 14],
        [20, 22, 24],
      ],
      'ceil(5 / 2) = 3 rows and columns',
    );
  });

  test('step 1 returns the same pixels', () => {
    const image = arange(6).reshape(2, 3);
    expectClose(subsample(image, 1), image.toArray(), 'step 1 keeps everything');
  });

  test('a 1-D array → ShapeError; step 0 → RangeError, both naming the rule', () => {
    expect(() => subsample(zeros([4]), 2), 'a 1-D array is not an image').toThrow(ShapeError);
    expect(() => subsample(zeros([4]), 2)).toThrow('expected [rows, cols], got [4]');
    expect(() => subsample(zeros([4, 4]), 0), 'step 0 would never move').toThrow(RangeError);
  });
});

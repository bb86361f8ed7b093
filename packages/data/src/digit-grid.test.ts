import { arange, array, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { digitGrid } from './digit-grid.js';

describe('digitGrid', () => {
  it('lays images out row by row with gaps', () => {
    // three 2×2 images with values 1…4, 5…8, 9…12
    const grid = digitGrid(arange(1, 13).reshape(3, 2, 2), { cols: 2, gap: 1 });
    expect(grid.toArray()).toEqual([
      [0, 0, 0, 0, 0, 0, 0],
      [0, 1, 2, 0, 5, 6, 0],
      [0, 3, 4, 0, 7, 8, 0],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 9, 10, 0, 0, 0, 0],
      [0, 11, 12, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('reads flattened square rows, [N, 1, H, W] and bytes, with a background value', () => {
    expect(digitGrid(arange(12 * 784).reshape(12, 784)).shape).toEqual([62, 302]);
    expect(digitGrid(arange(8).reshape(2, 1, 2, 2), { gap: 0 }).toArray()).toEqual([
      [0, 1, 4, 5],
      [2, 3, 6, 7],
    ]);
    const bytes = { data: new Uint8Array([9]), shape: [1, 1, 1] };
    expect(digitGrid(bytes, { gap: 1, background: 255 }).toArray()).toEqual([
      [255, 255, 255],
      [255, 9, 255],
      [255, 255, 255],
    ]);
  });

  it('checks shapes and options', () => {
    expect(() => digitGrid(arange(10).reshape(2, 5))).toThrow(
      new ShapeError(
        'digitGrid: not a stack of images; expected [N, H, W], [N, 1, H, W] or [N, H·W] with H·W square, got [2, 5]',
      ),
    );
    expect(() => digitGrid(array([[1]]), { cols: 0 })).toThrow(
      'digitGrid: invalid cols; expected a positive integer, got 0',
    );
    expect(() => digitGrid(array([[1]]), { gap: -1 })).toThrow(RangeError);
  });
});

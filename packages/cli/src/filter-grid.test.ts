import { NDArray, ones } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { filterGrid } from './filter-grid.js';

describe('filterGrid', () => {
  it('scales each filter on its own from black to white, in rows, on mid-grey (by hand)', () => {
    // Two 2×2 filters: [0, 1, 2, 3] and [−10, 10, 0, 0]; one channel.
    const W = new NDArray(new Float64Array([0, 1, 2, 3, -10, 10, 0, 0]), [2, 1, 2, 2]);
    const grid = filterGrid(W);
    // Gaps of 1 around and between: 1 + 2 + 1 + 2 + 1 = 7 wide, 1 + 2 + 1 = 4 high.
    expect(grid.shape).toEqual([4, 7]);
    expect(grid.toArray()).toEqual([
      [128, 128, 128, 128, 128, 128, 128],
      [128, 0, 85, 128, 0, 255, 128],
      [128, 170, 255, 128, 127.5, 127.5, 128],
      [128, 128, 128, 128, 128, 128, 128],
    ]);
  });

  it('draws channel 0 only, and names a wrong shape', () => {
    const W = ones([3, 2, 3, 3]);
    expect(filterGrid(W).shape).toEqual([5, 13]);
    expect(() => filterGrid(ones([3, 3]))).toThrow(
      'filterGrid: not a bank of filters; expected W of shape [FN, C, FH, FW], got [3, 3]',
    );
  });
});

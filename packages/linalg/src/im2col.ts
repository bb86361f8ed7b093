import { convGeometry } from './conv-geometry.js';
import { allocate } from './dtype.js';
import { im2colKernel, unfoldLater } from './kernels/im2col.js';
import { parkedSourceOf, unsharedSourceOf } from './kernels/sparse-rows.js';
import { lazyRowsOf, NDArray } from './ndarray.js';

/**
 * Unfolds a batch of images into a matrix, one row per filter position (the book's `im2col`,
 * §7.4.3): `[N, C, H, W]` → `[N·OH·OW, C·FH·FW]`, with `OH = (H + 2·pad − FH) / stride + 1` (and
 * OW likewise). Row `(n, oy, ox)` holds the `C × FH × FW` window of image n at output position
 * `(oy, ox)`, read channel by channel and row by row; the padding reads 0. A convolution is then
 * one matrix product: `im2col(x) · Wᵀ`, W flattened to `[FN, C·FH·FW]`.
 *
 * @param x - images `[N, C, H, W]`
 * @param FH - filter height
 * @param FW - filter width
 * @param stride - step between windows (default 1)
 * @param pad - zeros around each image (default 0)
 * @returns a new `[N·OH·OW, C·FH·FW]` array of x's dtype
 * @throws ShapeError when x is not 4-D, the filter is larger than the padded input, or the
 * stride does not divide `H + 2·pad − FH`
 * @throws RangeError when a size, the stride or the pad is not an integer of the right sign
 * @example
 * ```ts
 * import { arange, im2col } from '@dl/linalg';
 * const x = arange(9).reshape(1, 1, 3, 3); // [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
 * im2col(x, 2, 2).toArray(); // [[0, 1, 3, 4], [1, 2, 4, 5], [3, 4, 6, 7], [4, 5, 7, 8]]
 * im2col(x, 3, 3, 1, 1).shape; // [9, 9]
 * ```
 */
export function im2col(x: NDArray, FH: number, FW: number, stride = 1, pad = 0): NDArray {
  if (!(x instanceof NDArray)) {
    throw new TypeError(`im2col: x is not an NDArray; expected an NDArray, got ${typeof x}`);
  }
  const g = convGeometry('im2col', x.shape, FH, FW, stride, pad);
  // A convolution's col is made where the product that reads it runs (see unfoldLater); elements
  // kept back by a kernel's new array need no copy to stand on (see kernels/unshared.ts).
  const lazy = lazyRowsOf(x);
  const kept = lazy && unsharedSourceOf(lazy);
  // (A ReLU's output kept in the kernels' memory stays there for a pooling to read.)
  const parked = lazy && parkedSourceOf(lazy);
  const later = kept
    ? unfoldLater(g, kept.x, false)
    : unfoldLater(g, parked ?? x.data, parked === undefined);
  if (later) {
    if (kept) kept.taken = true; // it stands on them now
    return later;
  }
  const rows = g.n * g.oh * g.ow;
  const cols = g.c * FH * FW;
  const col = allocate(x.dtype, rows * cols);
  im2colKernel(g, x.data, col);
  return new NDArray(col, [rows, cols]);
}

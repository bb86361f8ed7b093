import { convGeometry } from './conv-geometry.js';
import { allocate } from './dtype.js';
import { col2imKernel } from './kernels/im2col.js';
import { col2imLater } from './kernels/pool.js';
import { NDArray } from './ndarray.js';
import { formatShape, ShapeError } from './shape-error.js';

/**
 * Folds a matrix of windows back into images, the reverse of {@link im2col} (the book's
 * `col2im`): `[N·OH·OW, C·FH·FW]` → `[N, C, H, W]`. Where windows overlap, their values are ADDED:
 * this is what backpropagation needs, since an input pixel read by several windows receives the
 * gradient of each of them. Values that fell on the padding are dropped.
 *
 * @param col - `[N·OH·OW, C·FH·FW]`, as im2col makes it (or its gradient)
 * @param inputShape - the images' shape `[N, C, H, W]`
 * @param FH - filter height
 * @param FW - filter width
 * @param stride - step between windows (default 1)
 * @param pad - zeros around each image (default 0)
 * @returns a new `[N, C, H, W]` array of col's dtype
 * @throws ShapeError when inputShape is not 4-D, the filter does not fit, the stride does not
 * divide, or col is not `[N·OH·OW, C·FH·FW]`
 * @throws RangeError when a size, the stride or the pad is not an integer of the right sign
 * @example
 * ```ts
 * import { col2im, ones } from '@dl/linalg';
 * // Every 2×2 window of a 3×3 image adds 1: the centre is in four windows, the corners in one.
 * col2im(ones([4, 4]), [1, 1, 3, 3], 2, 2).toArray(); // [[[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]]
 * ```
 */
export function col2im(
  col: NDArray,
  inputShape: readonly number[],
  FH: number,
  FW: number,
  stride = 1,
  pad = 0,
): NDArray {
  if (!(col instanceof NDArray)) {
    throw new TypeError(`col2im: col is not an NDArray; expected an NDArray, got ${typeof col}`);
  }
  const g = convGeometry('col2im', inputShape, FH, FW, stride, pad);
  const rows = g.n * g.oh * g.ow;
  const cols = g.c * FH * FW;
  if (col.ndim !== 2 || col.shape[0] !== rows || col.shape[1] !== cols) {
    throw new ShapeError(
      `col2im: col does not match the input shape; expected col of shape ${formatShape([rows, cols])} (N·OH·OW, C·FH·FW) for input ${formatShape(inputShape)}, filter ${FH}×${FW}, stride ${stride}, pad ${pad}, got col=${formatShape(col.shape)}`,
    );
  }
  // Pooling's dcol, one value per window (scatterRows), is added up where it is read, without
  // being made (see kernels/pool.ts).
  const later = col2imLater(g, col);
  if (later) return new NDArray(later, [...inputShape]);
  const x = allocate(col.dtype, g.n * g.c * g.h * g.w);
  col2imKernel(g, col.data, x);
  return new NDArray(x, [...inputShape]);
}

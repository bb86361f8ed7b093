import { digitGrid } from '@dl/data';
import { formatShape, NDArray, ShapeError } from '@dl/linalg';

/**
 * The first layer's filters as one grey image, as the book draws them (figure 7-24): each
 * `FH × FW` filter of the first channel scaled on its own from its smallest weight (black) to its
 * largest (white), side by side in rows of `cols`, on a mid-grey background.
 *
 * @param W - filters `[FN, C, FH, FW]` (channel 0 is drawn)
 * @param cols - filters per row (default 10)
 * @returns a 2-D array of 0…255 values for `toPng`
 * @throws ShapeError when W is not 4-D
 * @example
 * ```ts
 * import { filterGrid } from '@dl/cli';
 * import { createRng, randn } from '@dl/linalg';
 * filterGrid(randn([30, 1, 5, 5], createRng(0))).shape; // [19, 61]: 3 rows, 10 columns, 1-pixel gaps
 * ```
 */
export function filterGrid(W: NDArray, cols = 10): NDArray {
  if (!(W instanceof NDArray) || W.ndim !== 4) {
    throw new ShapeError(
      `filterGrid: not a bank of filters; expected W of shape [FN, C, FH, FW], got ${W instanceof NDArray ? formatShape(W.shape) : typeof W}`,
    );
  }
  const [fn, c, fh, fw] = W.shape as [number, number, number, number];
  const images = new NDArray(new Float64Array(fn * fh * fw), [fn, fh, fw]);
  for (let f = 0; f < fn; f++) {
    const from = f * c * fh * fw; // channel 0 of filter f
    const values = W.data.subarray(from, from + fh * fw);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const span = hi - lo || 1;
    values.forEach((v, i) => {
      images.data[f * fh * fw + i] = (255 * (v - lo)) / span;
    });
  }
  return digitGrid(images, { cols: Math.min(cols, fn), gap: 1, background: 128 });
}

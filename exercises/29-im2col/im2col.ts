import { NDArray } from '@dl/linalg';

/**
 * Unfolds images into one row per filter window (the book's `im2col`).
 *
 * @param x - images `[N, C, H, W]`
 * @param FH - filter height
 * @param FW - filter width
 * @param stride - step between windows
 * @param pad - zeros around each image
 * @returns `[N·OH·OW, C·FH·FW]`
 */
export function im2col(x: NDArray, FH: number, FW: number, stride = 1, pad = 0): NDArray {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const OH = (H + 2 * pad - FH) / stride + 1;
  const OW = (W + 2 * pad - FW) / stride + 1;
  const cols = C * FH * FW;
  const col = new NDArray(new Float64Array(N * OH * OW * cols), [N * OH * OW, cols]);
  // TODO: for each image n, output row oy and column ox (the row of col), and each channel c,
  // window row ky and column kx (the column of col), copy the image element at
  // (oy·stride + ky − pad, ox·stride + kx − pad) — or leave 0 where that is padding.
  void x.data;
  return col;
}

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
  for (let n = 0; n < N; n++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const row = (n * OH + oy) * OW + ox;
        for (let c = 0; c < C; c++) {
          for (let ky = 0; ky < FH; ky++) {
            for (let kx = 0; kx < FW; kx++) {
              const y = oy * stride + ky - pad; // the window's corner moves by the stride
              const xx = ox * stride + kx - pad;
              if (y < 0 || y >= H || xx < 0 || xx >= W) continue; // padding: stays 0
              col.data[row * cols + (c * FH + ky) * FW + kx] =
                x.data[((n * C + c) * H + y) * W + xx]!;
            }
          }
        }
      }
    }
  }
  return col;
}

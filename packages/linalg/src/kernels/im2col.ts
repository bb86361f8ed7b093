import type { ConvGeometry } from '../conv-geometry.js';
import type { TypedArray } from '../dtype.js';

// Fast im2col and col2im. The readable twins are in im2col-reference.ts; the numbers are the same.
//
// The work is pure data movement, so what counts is touching each element once, in order. Each row
// of col is one window: for a window that lies wholly inside the image (all but a thin border of
// them), its C·FH·FW elements are at fixed offsets from the window's corner, computed once per
// call, so the inner loop is a gather with no bounds tests. Windows that overlap the padding go
// by the checked path, position by position.

/** The offset of each column `(c, ky, kx)` of a row of col from the window's corner in x. */
function windowOffsets(g: ConvGeometry): Int32Array {
  const { c, h, w, fh, fw } = g;
  const offsets = new Int32Array(c * fh * fw);
  let j = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < fh; ky++) {
      for (let kx = 0; kx < fw; kx++) offsets[j++] = (ch * h + ky) * w + kx;
    }
  }
  return offsets;
}

/** Calls `each(row, corner, inside, y0, x0)` for every window, in row order of col. */
function forEachWindow(
  g: ConvGeometry,
  each: (row: number, corner: number, inside: boolean, y0: number, x0: number) => void,
): void {
  const { n, c, h, w, fh, fw, stride, pad, oh, ow } = g;
  let row = 0;
  for (let i = 0; i < n; i++) {
    const image = i * c * h * w;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * stride - pad;
      const rowsInside = y0 >= 0 && y0 + fh <= h;
      for (let ox = 0; ox < ow; ox++) {
        const x0 = ox * stride - pad;
        const inside = rowsInside && x0 >= 0 && x0 + fw <= w;
        each(row++, image + y0 * w + x0, inside, y0, x0);
      }
    }
  }
}

/**
 * For a window that overlaps the padding: calls `visit(j, at)` for each of its elements, j its
 * column in col and `at` its index in x, or −1 on the padding.
 */
function borderWindow(
  g: ConvGeometry,
  corner: number,
  y0: number,
  x0: number,
  visit: (j: number, at: number) => void,
): void {
  const { c, h, w, fh, fw } = g;
  let j = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < fh; ky++) {
      const y = y0 + ky;
      for (let kx = 0; kx < fw; kx++, j++) {
        const xx = x0 + kx;
        const inside = y >= 0 && y < h && xx >= 0 && xx < w;
        visit(j, inside ? corner + ch * h * w + ky * w + kx : -1);
      }
    }
  }
}

/**
 * im2col: `x` `[N, C, H, W]` → `col` `[N·OH·OW, C·FH·FW]`. Inputs are trusted (im2col checks them).
 *
 * @param g - the checked geometry
 * @param x - the input's elements
 * @param col - the output's elements, overwritten
 */
export function im2colKernel(g: ConvGeometry, x: TypedArray, col: TypedArray): void {
  const offsets = windowOffsets(g);
  const cols = offsets.length;
  forEachWindow(g, (row, corner, inside, y0, x0) => {
    const base = row * cols;
    if (inside) {
      for (let j = 0; j < cols; j++) col[base + j] = x[corner + offsets[j]!]!;
      return;
    }
    borderWindow(g, corner, y0, x0, (j, at) => {
      col[base + j] = at < 0 ? 0 : x[at]!;
    });
  });
}

/**
 * col2im: adds each element of `col` `[N·OH·OW, C·FH·FW]` back to where im2col read it in `x`
 * `[N, C, H, W]` (overwritten), dropping the padding. Inputs are trusted (col2im checks them).
 *
 * @param g - the checked geometry
 * @param col - the columns' elements
 * @param x - the output's elements, overwritten
 */
export function col2imKernel(g: ConvGeometry, col: TypedArray, x: TypedArray): void {
  const offsets = windowOffsets(g);
  const cols = offsets.length;
  x.fill(0);
  forEachWindow(g, (row, corner, inside, y0, x0) => {
    const base = row * cols;
    if (inside) {
      for (let j = 0; j < cols; j++) {
        const at = corner + offsets[j]!;
        x[at] = x[at]! + col[base + j]!;
      }
      return;
    }
    borderWindow(g, corner, y0, x0, (j, at) => {
      if (at >= 0) x[at] = x[at]! + col[base + j]!;
    });
  });
}

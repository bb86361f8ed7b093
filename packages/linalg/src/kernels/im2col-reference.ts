import type { ConvGeometry } from '../conv-geometry.js';
import type { TypedArray } from '../dtype.js';

// The readable twins of kernels/im2col.ts: one element at a time, in the order the book draws it
// (figure 7-18). The fast kernels must give the same numbers (property tests in im2col.test.ts).

/**
 * Calls `visit(j, i)` for every element of col, in order: j its index in col, i the index in x it
 * is read from, or −1 when it falls on the padding. Row `(n, oy, ox)` of col holds the window of
 * image n whose top-left corner is at `(oy·stride − pad, ox·stride − pad)`, channel by channel,
 * row by row of the window.
 */
function eachColElement(g: ConvGeometry, visit: (j: number, i: number) => void): void {
  const { n, c, h, w, fh, fw, stride, pad, oh, ow } = g;
  let j = 0;
  for (let image = 0; image < n; image++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let ch = 0; ch < c; ch++) {
          for (let ky = 0; ky < fh; ky++) {
            for (let kx = 0; kx < fw; kx++) {
              const y = oy * stride + ky - pad;
              const x = ox * stride + kx - pad;
              const inside = y >= 0 && y < h && x >= 0 && x < w;
              visit(j++, inside ? ((image * c + ch) * h + y) * w + x : -1);
            }
          }
        }
      }
    }
  }
}

/**
 * im2col, element by element; positions in the padding read 0.
 *
 * @param g - the checked geometry
 * @param x - the input's elements `[N, C, H, W]`
 * @param col - `N·OH·OW × C·FH·FW` elements, overwritten
 */
export function im2colReference(g: ConvGeometry, x: TypedArray, col: TypedArray): void {
  eachColElement(g, (j, i) => {
    col[j] = i < 0 ? 0 : x[i]!;
  });
}

/**
 * col2im, element by element: the reverse of {@link im2colReference}. Every element of `col` is
 * added to the input position it was read from (windows overlap, so a position can receive several
 * values); elements that came from the padding are dropped.
 *
 * @param g - the checked geometry
 * @param col - `N·OH·OW × C·FH·FW` elements
 * @param x - the input's elements `[N, C, H, W]`, overwritten
 */
export function col2imReference(g: ConvGeometry, col: TypedArray, x: TypedArray): void {
  x.fill(0);
  eachColElement(g, (j, i) => {
    if (i >= 0) x[i] = x[i]! + col[j]!;
  });
}

// Max pooling straight from the images, for `max(col, { axis: 1 })` and `argmax(col, { axis: 1 })`
// of the pooling layer when col is `im2col(x, PH, PW, stride, pad).reshape(-1, PH·PW)` not yet
// made: row (i, oy, ox, ch) of that col is the window of channel ch of image i at output position
// (oy, ox), its elements in the order (ky, kx), the padding 0. For each row this writes the index
// of its first largest element (the first NaN wins), as argmaxRows of reduce-rows.ts does, and
// that element, which is what maxRows gives (a NaN wins; of equal elements, ±0 included, the
// first), so the numbers are those of reduce-rows.ts run on col, and col is never written.
//
// As in reduce-rows.ts, four float32 rows (two float64) go through at once, one in each lane,
// with masks instead of branches: each lane gathers its element from its own window.

import { outSize } from './im2col';
import { greater, nan, nanLanes, splat } from './reduce-rows';

/** The elements at `off` bytes past each lane's window corner `a0` … `a3`. */
function gather<T>(a0: usize, a1: usize, a2: usize, a3: usize, off: usize): v128 {
  if (sizeof<T>() === 8) {
    return f64x2.replace_lane(f64x2.splat(load<f64>(a0 + off)), 1, load<f64>(a1 + off));
  }
  let v = f32x4.splat(load<f32>(a0 + off));
  v = f32x4.replace_lane(v, 1, load<f32>(a1 + off));
  v = f32x4.replace_lane(v, 2, load<f32>(a2 + off));
  return f32x4.replace_lane(v, 3, load<f32>(a3 + off));
}

/**
 * The windows' maxima and their indices for the rows of images [i0, i1), into `maxOut` and
 * `argOut` (one element T per row, the index as a T, at the rows' own positions).
 */
function poolMax<T>(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  ph: i32,
  pw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  maxOut: usize,
  argOut: usize,
): void {
  const oh = outSize(h, ph, stride, pad);
  const ow = outSize(w, pw, stride, pad);
  const size = <usize>sizeof<T>();
  const area = h * w;
  const window = ph * pw;
  const r0 = i0 * oh * ow * c;
  const r1 = i1 * oh * ow * c;
  // The next row's image, output position and channel, and the corner of its window.
  let i = i0;
  let oy = 0;
  let ox = 0;
  let ch = 0;
  let r = r0;
  if (pad === 0) {
    const lanes = <i32>(16 / size);
    for (; r + lanes <= r1; r += lanes) {
      // The lanes' window corners (locals: the threads share the memory, so no static scratch).
      let a0: usize = 0;
      let a1: usize = 0;
      let a2: usize = 0;
      let a3: usize = 0;
      for (let l = 0; l < lanes; l++) {
        const corner = x + <usize>((i * c + ch) * area + oy * stride * w + ox * stride) * size;
        if (l === 0) a0 = corner;
        else if (l === 1) a1 = corner;
        else if (l === 2) a2 = corner;
        else a3 = corner;
        // The next row: the channel moves fastest, then ox, oy and the image.
        if (++ch === c) {
          ch = 0;
          if (++ox === ow) {
            ox = 0;
            if (++oy === oh) {
              oy = 0;
              i++;
            }
          }
        }
      }
      let best = gather<T>(a0, a1, a2, a3, 0);
      let bestNan = nanLanes<T>(best);
      let index = splat<T>(0);
      for (let k = 1; k < window; k++) {
        const ky = k / pw;
        const off = <usize>(ky * w + (k - ky * pw)) * size;
        const v = gather<T>(a0, a1, a2, a3, off);
        const vNan = nanLanes<T>(v);
        // Larger, or the first NaN: once the best is NaN nothing replaces it.
        const take = v128.or(greater<T>(v, best), v128.andnot(vNan, bestNan));
        best = v128.bitselect(v, best, take);
        index = v128.bitselect(splat<T>(<f64>k), index, take);
        bestNan = v128.or(bestNan, vNan);
      }
      v128.store(maxOut + <usize>r * size, best);
      v128.store(argOut + <usize>r * size, index);
    }
  }
  // The rows left over (and every row of a padded pooling), one at a time.
  for (; r < r1; r++) {
    const y0 = oy * stride - pad;
    const x0 = ox * stride - pad;
    const plane = x + <usize>((i * c + ch) * area) * size;
    let best: T = <T>0;
    let index = 0;
    for (let k = 0; k < window; k++) {
      const y = y0 + k / pw;
      const xx = x0 + (k % pw);
      const v =
        y >= 0 && y < h && xx >= 0 && xx < w ? load<T>(plane + <usize>(y * w + xx) * size) : <T>0;
      if (k === 0 || v > best || (nan<T>(v) && !nan<T>(best))) {
        best = v;
        index = k;
      }
    }
    store<T>(maxOut + <usize>r * size, best);
    store<T>(argOut + <usize>r * size, <T>index);
    if (++ch === c) {
      ch = 0;
      if (++ox === ow) {
        ox = 0;
        if (++oy === oh) {
          oy = 0;
          i++;
        }
      }
    }
  }
}

/** {@link poolMax} of doubles. */
export function poolMax64(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  ph: i32,
  pw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  maxOut: usize,
  argOut: usize,
): void {
  poolMax<f64>(i0, i1, c, h, w, ph, pw, stride, pad, x, maxOut, argOut);
}

/** {@link poolMax} of floats. */
export function poolMax32(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  ph: i32,
  pw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  maxOut: usize,
  argOut: usize,
): void {
  poolMax<f32>(i0, i1, c, h, w, ph, pw, stride, pad, x, maxOut, argOut);
}

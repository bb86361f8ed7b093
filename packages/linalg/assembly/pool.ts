// Max pooling straight from the images, for `max(col, { axis: 1 })` and `argmax(col, { axis: 1 })`
// of the pooling layer when col is `im2col(x, PH, PW, stride, pad).reshape(-1, PH·PW)` not yet
// made: row (i, oy, ox, ch) of that col is the window of channel ch of image i at output position
// (oy, ox), its elements in the order (ky, kx), the padding 0. For each row this writes the index
// of its first largest element (the first NaN wins), as argmaxRows of reduce-rows.ts does, and
// that element, which is what maxRows gives (a NaN wins; of equal elements, ±0 included, the
// first), so the numbers are those of reduce-rows.ts run on col, and col is never written.
//
// As in reduce-rows.ts, four float32 windows (two float64) go through at once, one in each lane,
// with masks instead of branches: neighbouring windows along a row of the image, each lane
// gathering its element from its own window.

import { countNonzero32, countNonzero64 } from './count-nonzero';
import { outSize } from './im2col';
import { column, greater, nan, nanLanes, splat } from './reduce-rows';
import { zeroMasked32, zeroMasked64 } from './relu';

/**
 * {@link column} for windows two elements apart (a stride of 2, the book's pooling): every other
 * element of the two vectors from `a0 + off`, two loads and a shuffle instead of one load a lane.
 * It reads a few elements past the last lane's; they lie in the module's memory (the images are
 * followed by the outputs) and are not used.
 */
function gather2<T>(a0: usize, off: usize): v128 {
  const at = a0 + off;
  if (sizeof<T>() === 8) return v128.shuffle<i64>(v128.load(at), v128.load(at, 16), 0, 2);
  return v128.shuffle<i32>(v128.load(at), v128.load(at, 16), 0, 2, 4, 6);
}

/** Stores the lanes of `v` at `at`, `at + step`, … (one element T each). */
function scatter<T>(at: usize, step: usize, v: v128): void {
  if (sizeof<T>() === 8) {
    store<f64>(at, f64x2.extract_lane(v, 0));
    store<f64>(at + step, f64x2.extract_lane(v, 1));
    return;
  }
  store<f32>(at, f32x4.extract_lane(v, 0));
  store<f32>(at + step, f32x4.extract_lane(v, 1));
  store<f32>(at + 2 * step, f32x4.extract_lane(v, 2));
  store<f32>(at + 3 * step, f32x4.extract_lane(v, 3));
}

/**
 * The windows' maxima and their indices for the rows of images [i0, i1), into `maxOut` and
 * `argOut` (one element T per row, the index as a T, at the rows' own positions). With `first`
 * (not 0) the maxima go channels first instead, as the planes `[N, C, OH, OW]` (the pooling
 * layer's output after its `transpose(0, 3, 1, 2)`): the maximum of row (i, oy, ox, ch) at
 * ((i·C + ch)·OH + oy)·OW + ox, neighbouring windows side by side.
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
  first: i32,
): void {
  const oh = outSize(h, ph, stride, pad);
  const ow = outSize(w, pw, stride, pad);
  const size = <usize>sizeof<T>();
  const area = h * w;
  const window = ph * pw;
  const lanes = <i32>(16 / size);
  const step = <usize>stride * size; // from one window to the next along a row
  const outStep = <usize>c * size; // from one output row (i, oy, ox, ch) to (i, oy, ox + 1, ch)
  // Image by image, channel by channel, reading each plane of x front to back (one stream the
  // prefetcher follows); the image's block of output rows, OH·OW·C elements, stays in cache while
  // its channels are filled in. Along each row of windows, `lanes` neighbouring windows at a time,
  // each lane gathering its own window.
  const inside = pad === 0; // then every window lies in the image
  const two = stride === 2;
  for (let i = i0; i < i1; i++) {
    for (let ch = 0; ch < c; ch++) {
      const plane = x + <usize>((i * c + ch) * area) * size;
      for (let oy = 0; oy < oh; oy++) {
        const y0 = oy * stride - pad;
        const row0 = (i * oh + oy) * ow * c + ch; // the output row of (i, oy, 0, ch)
        const plane0 = ((i * c + ch) * oh + oy) * ow; // its place channels first
        let ox = 0;
        if (inside) {
          for (; ox + lanes <= ow; ox += lanes) {
            const a0 = plane + <usize>(y0 * w + ox * stride) * size;
            let best = two ? gather2<T>(a0, 0) : column<T>(a0, step);
            let bestNan = nanLanes<T>(best);
            let index = splat<T>(0);
            // Element k = ky·PW + kx of each window (k = 0 is the start), no division in the loop.
            let k = 1;
            let kx = 1;
            let off = size;
            for (; k < window; k++, kx++, off += size) {
              if (kx === pw) {
                kx = 0;
                off += <usize>(w - pw) * size; // the next row of the window
              }
              const v = two ? gather2<T>(a0, off) : column<T>(a0 + off, step);
              const vNan = nanLanes<T>(v);
              // Larger, or the first NaN: once the best is NaN nothing replaces it.
              const take = v128.or(greater<T>(v, best), v128.andnot(vNan, bestNan));
              best = v128.bitselect(v, best, take);
              index = v128.bitselect(splat<T>(<f64>k), index, take);
              bestNan = v128.or(bestNan, vNan);
            }
            const o = <usize>(row0 + ox * c) * size;
            if (first !== 0) v128.store(maxOut + <usize>(plane0 + ox) * size, best);
            else scatter<T>(maxOut + o, outStep, best);
            scatter<T>(argOut + o, outStep, index);
          }
        }
        // The windows left over in the row (and every window of a padded pooling), one at a time.
        for (; ox < ow; ox++) {
          const x0 = ox * stride - pad;
          let best: T = <T>0;
          let index = 0;
          for (let k = 0; k < window; k++) {
            const y = y0 + k / pw;
            const xx = x0 + (k % pw);
            const v =
              y >= 0 && y < h && xx >= 0 && xx < w
                ? load<T>(plane + <usize>(y * w + xx) * size)
                : <T>0;
            if (k === 0 || v > best || (nan<T>(v) && !nan<T>(best))) {
              best = v;
              index = k;
            }
          }
          const o = <usize>(row0 + ox * c) * size;
          store<T>(first !== 0 ? maxOut + <usize>(plane0 + ox) * size : maxOut + o, best);
          store<T>(argOut + o, <T>index);
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
  first: i32,
): void {
  poolMax<f64>(i0, i1, c, h, w, ph, pw, stride, pad, x, maxOut, argOut, first);
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
  first: i32,
): void {
  poolMax<f32>(i0, i1, c, h, w, ph, pw, stride, pad, x, maxOut, argOut, first);
}

// ---- the pooling layer's backward: col2im of one value per window ---------------------------

/**
 * col2im of the `[N·OH·OW, C·PH·PW]` matrix whose row (i, oy, ox), for each channel ch, holds the
 * single value `vals[r]` at window position `at[r]` (r = ((i·OH + oy)·OW + ox)·C + ch, the index
 * stored as a T) and zeros elsewhere: the pooling layer's dcol, each window's gradient at its
 * maximum. With `planes` the values are read as the planes `[N, C, OH, OW]` they were moved from
 * (the layer's dout before `transpose(0, 2, 3, 1)`): the value of row r is then at
 * ((i·C + ch)·OH + oy)·OW + ox. Images [i0, i1) of `x` are cleared, then each value is added where
 * im2col read its window's element, the padding dropped; an element of x gets its terms by
 * increasing (oy, ox), as col2im adds them, so the sums are those of col2im on the dense matrix
 * (its zeros add nothing to sums that start at +0).
 *
 * With `mask` (not 0), each image is then zeroed where its mask bytes (at the images' own
 * positions from `mask` on) are not 0, the ReLU's backward of it (zeroMasked of relu.ts), while the
 * image is still in cache; with `counts` (not 0), image i's nonzero elements are counted into the
 * i32 at `counts + 4·i` (countNonzero of count-nonzero.ts), for the product that reads the images
 * next to choose its kernel.
 */
function col2imScatter<T>(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  ph: i32,
  pw: i32,
  stride: i32,
  pad: i32,
  at: usize,
  vals: usize,
  x: usize,
  planes: i32,
  mask: usize,
  counts: usize,
): void {
  const oh = outSize(h, ph, stride, pad);
  const ow = outSize(w, pw, stride, pad);
  const size = <usize>sizeof<T>();
  const area = h * w;
  memory.fill(x + <usize>(i0 * c * area) * size, 0, <usize>((i1 - i0) * c * area) * size);
  // Channel by channel, so that each plane of x is written front to back (the image's values and
  // positions, read C apart, stay in cache); within a plane by increasing (oy, ox), as col2im adds.
  for (let i = i0; i < i1; i++) {
    for (let ch = 0; ch < c; ch++) {
      const plane = x + <usize>((i * c + ch) * area) * size;
      let r = i * oh * ow * c + ch;
      // where row r's value is: r itself, or in the channel's plane, front to back
      let v = planes !== 0 ? (i * c + ch) * oh * ow : r;
      const vStep = planes !== 0 ? 1 : c;
      for (let oy = 0; oy < oh; oy++) {
        const y0 = oy * stride - pad;
        for (let ox = 0; ox < ow; ox++, r += c, v += vStep) {
          const k = <i32>load<T>(at + <usize>r * size);
          const ky = k / pw;
          const y = y0 + ky;
          const xx = ox * stride - pad + (k - ky * pw);
          if (y < 0 || y >= h || xx < 0 || xx >= w) continue; // fell on the padding
          const p = plane + <usize>(y * w + xx) * size;
          store<T>(p, load<T>(p) + load<T>(vals + <usize>v * size));
        }
      }
    }
    const len = c * area;
    const image = x + <usize>(i * len) * size;
    if (mask !== 0) {
      const m = mask + <usize>(i * len);
      if (sizeof<T>() === 8) zeroMasked64(len, image, m, image);
      else zeroMasked32(len, image, m, image);
    }
    if (counts !== 0) {
      const count = sizeof<T>() === 8 ? countNonzero64(image, len) : countNonzero32(image, len);
      store<i32>(counts + ((<usize>i) << 2), count);
    }
  }
}

/** {@link col2imScatter} of doubles. */
export function col2imScatter64(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  ph: i32,
  pw: i32,
  stride: i32,
  pad: i32,
  at: usize,
  vals: usize,
  x: usize,
  planes: i32,
  mask: usize,
  counts: usize,
): void {
  col2imScatter<f64>(i0, i1, c, h, w, ph, pw, stride, pad, at, vals, x, planes, mask, counts);
}

/** {@link col2imScatter} of floats. */
export function col2imScatter32(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  ph: i32,
  pw: i32,
  stride: i32,
  pad: i32,
  at: usize,
  vals: usize,
  x: usize,
  planes: i32,
  mask: usize,
  counts: usize,
): void {
  col2imScatter<f32>(i0, i1, c, h, w, ph, pw, stride, pad, at, vals, x, planes, mask, counts);
}

/**
 * Whether the `len` positions at `at` (doubles) are whole numbers from 0 to `cols − 1`, as
 * scatterRows asks of them before col2imScatter adds values there (NaN fails every comparison).
 */
export function wholeBelow64(at: usize, len: i32, cols: i32): bool {
  const top = f64x2.splat(<f64>cols);
  let good = i64x2.splat(-1);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const v = v128.load(at + ((<usize>i) << 3));
    const whole = f64x2.eq(f64x2.floor(v), v);
    const inside = v128.and(f64x2.ge(v, f64x2.splat(0)), f64x2.lt(v, top));
    good = v128.and(good, v128.and(whole, inside));
  }
  if (!i64x2.all_true(good)) return false;
  for (; i < len; i++) {
    const v = load<f64>(at + ((<usize>i) << 3));
    if (!(v >= 0 && v < <f64>cols && Math.floor(v) === v)) return false;
  }
  return true;
}

/** {@link wholeBelow64} of floats. */
export function wholeBelow32(at: usize, len: i32, cols: i32): bool {
  const top = f32x4.splat(<f32>cols);
  let good = i32x4.splat(-1);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const v = v128.load(at + ((<usize>i) << 2));
    const whole = f32x4.eq(f32x4.floor(v), v);
    const inside = v128.and(f32x4.ge(v, f32x4.splat(0)), f32x4.lt(v, top));
    good = v128.and(good, v128.and(whole, inside));
  }
  if (!i32x4.all_true(good)) return false;
  for (; i < len; i++) {
    const v = load<f32>(at + ((<usize>i) << 2));
    if (!(v >= 0 && v < <f32>cols && Mathf.floor(v) === v)) return false;
  }
  return true;
}

// im2col and col2im (the book's §7.4.3) for the convolution and pooling layers, the WebAssembly
// twins of src/kernels/im2col-reference.ts: the same numbers, element for element.
//
// Images `[N, C, H, W]`, columns `[N·OH·OW, C·FH·FW]`: row (i, oy, ox) of col holds the window of
// image i at output position (oy, ox), channel by channel, row by row. Both kernels take a range
// of images [i0, i1): each image's rows of col and its part of x belong to that image alone, so
// threads.ts hands ranges to different threads with nothing shared between them.
//
// The work is pure data movement, and the order of the loops is what counts. Long window rows are
// copied (or added) as runs, window by window; short ones (most filters) one filter position at a
// time, as the book's im2col does with its slices, so that the inner loop is one load and one
// store. Where windows overlap, col2im adds each element's terms in the readable loops' order.

/** Output size along one axis: (size + 2·pad − filter) / stride + 1 (the caller checked it divides). */
export function outSize(size: i32, filter: i32, stride: i32, pad: i32): i32 {
  return (size + 2 * pad - filter) / stride + 1;
}

/** Copies `bytes` bytes (a multiple of the element size) from `src` to `dst`, 16 at a time. */
function copyRun(dst: usize, src: usize, bytes: usize): void {
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) v128.store(dst + o, v128.load(src + o));
  if (o + 8 <= bytes) {
    store<u64>(dst + o, load<u64>(src + o));
    o += 8;
  }
  if (o < bytes) store<u32>(dst + o, load<u32>(src + o));
}

/** dst[i] += src[i] for the `bytes` bytes of elements T at each, a vector at a time. */
function addRun<T>(dst: usize, src: usize, bytes: usize): void {
  let o: usize = 0;
  for (; o + 16 <= bytes; o += 16) {
    const sum =
      sizeof<T>() === 8
        ? f64x2.add(v128.load(dst + o), v128.load(src + o))
        : f32x4.add(v128.load(dst + o), v128.load(src + o));
    v128.store(dst + o, sum);
  }
  for (; o < bytes; o += sizeof<T>()) store<T>(dst + o, load<T>(dst + o) + load<T>(src + o));
}

/** The first output column ox whose pixel ox·stride − pad + kx is inside the image (or ow). */
function firstInside(ow: i32, stride: i32, pad: i32, kx: i32): i32 {
  let lo = 0;
  while (lo < ow && lo * stride - pad + kx < 0) lo++;
  return lo;
}

/** One past the last output column from `lo` on whose pixel is inside an image `w` wide. */
function endInside(lo: i32, ow: i32, stride: i32, pad: i32, kx: i32, w: i32): i32 {
  let hi = ow;
  while (hi > lo && (hi - 1) * stride - pad + kx >= w) hi--;
  return hi;
}

function im2col<T>(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  col: usize,
): void {
  const oh = outSize(h, fh, stride, pad);
  const ow = outSize(w, fw, stride, pad);
  const size = <usize>sizeof<T>();
  const area = h * w;
  const cols = c * fh * fw;
  const rowBytes = <usize>cols * size; // from one window (row of col) to the next
  if (fw * <i32>size >= 64) {
    // Long window rows: window by window, each row of the window one run.
    let dst = col + <usize>(i0 * oh * ow) * rowBytes;
    for (let i = i0; i < i1; i++) {
      const image = x + <usize>(i * c * area) * size;
      for (let oy = 0; oy < oh; oy++) {
        const y0 = oy * stride - pad;
        for (let ox = 0; ox < ow; ox++) {
          const x0 = ox * stride - pad;
          const inside = x0 >= 0 && x0 + fw <= w;
          for (let ch = 0; ch < c; ch++) {
            const plane = image + <usize>(ch * area) * size;
            for (let ky = 0; ky < fh; ky++) {
              const y = y0 + ky;
              const src = plane + <usize>(y * w + x0) * size;
              if (y < 0 || y >= h) memory.fill(dst, 0, <usize>fw * size);
              else if (inside) copyRun(dst, src, <usize>fw * size);
              else {
                for (let kx = 0; kx < fw; kx++) {
                  const xx = x0 + kx;
                  const v = xx >= 0 && xx < w ? load<T>(src + <usize>kx * size) : <T>0;
                  store<T>(dst + <usize>kx * size, v);
                }
              }
              dst += <usize>fw * size;
            }
          }
        }
      }
    }
    return;
  }
  // Short window rows (pooling's 2, a 3 × 3 or 5 × 5 filter): the book's order, one filter
  // position (ch, ky, kx) at a time, reading x along a row and writing one column of col, so that
  // the inner loop is a load and a store. The columns outside the image (padding) are zeros.
  for (let i = i0; i < i1; i++) {
    const image = x + <usize>(i * c * area) * size;
    const block = col + <usize>(i * oh * ow) * rowBytes;
    for (let ch = 0; ch < c; ch++) {
      const plane = image + <usize>(ch * area) * size;
      for (let ky = 0; ky < fh; ky++) {
        for (let kx = 0; kx < fw; kx++) {
          const j = (ch * fh + ky) * fw + kx;
          // The output columns whose pixel lies in the image: [lo, hi).
          const lo = firstInside(ow, stride, pad, kx);
          const hi = endInside(lo, ow, stride, pad, kx, w);
          let dst = block + <usize>j * size;
          for (let oy = 0; oy < oh; oy++) {
            const y = oy * stride - pad + ky;
            if (y < 0 || y >= h) {
              for (let ox = 0; ox < ow; ox++, dst += rowBytes) store<T>(dst, <T>0);
              continue;
            }
            let ox = 0;
            for (; ox < lo; ox++, dst += rowBytes) store<T>(dst, <T>0);
            let src = plane + <usize>(y * w + lo * stride - pad + kx) * size;
            const step = <usize>stride * size;
            for (; ox < hi; ox++, dst += rowBytes, src += step) store<T>(dst, load<T>(src));
            for (; ox < ow; ox++, dst += rowBytes) store<T>(dst, <T>0);
          }
        }
      }
    }
  }
}

function col2im<T>(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  col: usize,
  x: usize,
): void {
  const oh = outSize(h, fh, stride, pad);
  const ow = outSize(w, fw, stride, pad);
  const size = <usize>sizeof<T>();
  const area = h * w;
  const cols = c * fh * fw;
  // This range's images start at zero; each window then adds its values where im2col read them.
  memory.fill(x + <usize>(i0 * c * area) * size, 0, <usize>((i1 - i0) * c * area) * size);
  const rowBytes = <usize>cols * size;
  if (fw * <i32>size < 64) {
    // Short window rows: one filter position at a time, as in im2col, but with ky and kx going
    // down. An element of x then receives the terms of the windows that read it by increasing
    // (oy, ox), the order in which the window-by-window loop below (and the readable one) adds
    // them, so the sums are the same bit for bit.
    for (let i = i0; i < i1; i++) {
      const image = x + <usize>(i * c * area) * size;
      const block = col + <usize>(i * oh * ow) * rowBytes;
      for (let ch = 0; ch < c; ch++) {
        const plane = image + <usize>(ch * area) * size;
        for (let ky = fh - 1; ky >= 0; ky--) {
          for (let kx = fw - 1; kx >= 0; kx--) {
            const j = (ch * fh + ky) * fw + kx;
            const lo = firstInside(ow, stride, pad, kx);
            const hi = endInside(lo, ow, stride, pad, kx, w);
            const step = <usize>stride * size;
            for (let oy = 0; oy < oh; oy++) {
              const y = oy * stride - pad + ky;
              if (y < 0 || y >= h) continue; // values that fell on the padding are dropped
              let src = block + <usize>(oy * ow + lo) * rowBytes + <usize>j * size;
              let dst = plane + <usize>(y * w + lo * stride - pad + kx) * size;
              for (let ox = lo; ox < hi; ox++, src += rowBytes, dst += step) {
                store<T>(dst, load<T>(dst) + load<T>(src));
              }
            }
          }
        }
      }
    }
    return;
  }
  let src = col + <usize>(i0 * oh * ow) * <usize>cols * size;
  for (let i = i0; i < i1; i++) {
    const image = x + <usize>(i * c * area) * size;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * stride - pad;
      for (let ox = 0; ox < ow; ox++) {
        const x0 = ox * stride - pad;
        const inside = x0 >= 0 && x0 + fw <= w;
        for (let ch = 0; ch < c; ch++) {
          const plane = image + <usize>(ch * area) * size;
          for (let ky = 0; ky < fh; ky++) {
            const y = y0 + ky;
            if (y < 0 || y >= h) {
              src += <usize>fw * size; // values that fell on the padding are dropped
              continue;
            }
            const dst = plane + <usize>(y * w + x0) * size;
            if (inside) {
              addRun<T>(dst, src, <usize>fw * size);
              src += <usize>fw * size;
              continue;
            }
            for (let kx = 0; kx < fw; kx++) {
              const xx = x0 + kx;
              if (xx >= 0 && xx < w) {
                const at = dst + <usize>kx * size;
                store<T>(at, load<T>(at) + load<T>(src));
              }
              src += size;
            }
          }
        }
      }
    }
  }
}

/** im2col of images [i0, i1) of the doubles at `x` into their rows of `col`. */
export function im2col64(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  col: usize,
): void {
  im2col<f64>(i0, i1, c, h, w, fh, fw, stride, pad, x, col);
}

/** {@link im2col64} for floats. */
export function im2col32(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  col: usize,
): void {
  im2col<f32>(i0, i1, c, h, w, fh, fw, stride, pad, x, col);
}

/** col2im of the rows of images [i0, i1) of the doubles at `col` into those images of `x`. */
export function col2im64(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  col: usize,
  x: usize,
): void {
  col2im<f64>(i0, i1, c, h, w, fh, fw, stride, pad, col, x);
}

/** {@link col2im64} for floats. */
export function col2im32(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  col: usize,
  x: usize,
): void {
  col2im<f32>(i0, i1, c, h, w, fh, fw, stride, pad, col, x);
}

// ---- im2col straight into compressed rows (a convolution of mostly-zero images) ---------------

/**
 * The rows of col for images [i0, i1) as compressed rows, without writing col: row (i, oy, ox)
 * lists the nonzero elements of its window in col's order (channel, then filter row, then filter
 * column), as compressRows of assembly/gemm.ts would list them from col. Branch-free within a run
 * of the window: each element is written at the row's cursor and the cursor moves on only past a
 * nonzero (−0 is a zero, NaN is not), and each row ends with one spare slot; a run of FW elements
 * whose bits are all zero (the blank background of a digit) is passed over with one test, and the
 * padding is never read. Starts are relative to this range's first entry, at `starts` on (one per
 * row, then the count); entries at `cols` and `vals` on.
 *
 * @returns the number of entries written, spare slots included
 */
export function compressUnfold<T>(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  const oh = outSize(h, fh, stride, pad);
  const ow = outSize(w, fw, stride, pad);
  const size = <usize>sizeof<T>();
  const area = h * w;
  let nnz = 0;
  let r = 0;
  for (let i = i0; i < i1; i++) {
    const image = x + <usize>(i * c * area) * size;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * stride - pad;
      for (let ox = 0; ox < ow; ox++, r++) {
        store<i32>(starts + ((<usize>r) << 2), nnz);
        const x0 = ox * stride - pad;
        // The filter columns inside the image: [k0, k1).
        const k0 = max(0, -x0);
        const k1 = min(fw, w - x0);
        let j = 0; // the column of col of (ch, ky, 0)
        for (let ch = 0; ch < c; ch++) {
          const plane = image + <usize>(ch * area) * size;
          for (let ky = 0; ky < fh; ky++, j += fw) {
            const y = y0 + ky;
            if (y < 0 || y >= h) continue;
            const run = plane + <usize>(y * w + x0) * size;
            // Any nonzero bit in the run? (Most runs of a digit's background are all zeros.)
            let bits: u64 = 0;
            for (let kx = k0; kx < k1; kx++) {
              bits |=
                sizeof<T>() === 8
                  ? load<u64>(run + <usize>kx * size)
                  : <u64>load<u32>(run + <usize>kx * size);
            }
            if (bits === 0) continue;
            for (let kx = k0; kx < k1; kx++) {
              const v = load<T>(run + <usize>kx * size);
              store<i32>(cols + ((<usize>nnz) << 2), j + kx);
              store<T>(vals + <usize>nnz * size, v);
              nnz += i32(v !== 0);
            }
          }
        }
        nnz++; // the spare slot
      }
    }
  }
  store<i32>(starts + ((<usize>r) << 2), nnz);
  return nnz;
}

/** {@link compressUnfold} of doubles. */
export function compressUnfold64(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressUnfold<f64>(i0, i1, c, h, w, fh, fw, stride, pad, x, starts, cols, vals);
}

/** {@link compressUnfold} of floats. */
export function compressUnfold32(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressUnfold<f32>(i0, i1, c, h, w, fh, fw, stride, pad, x, starts, cols, vals);
}

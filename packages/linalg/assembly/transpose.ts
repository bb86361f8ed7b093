// The batched transpose behind `NDArray.transpose` for the permutations the convolution layers use
// ([N, OH·OW, FN] ↔ [N, FN, OH·OW]): out[b][j][i] = src[b][i][j] for each of a range of batches
// of `rows × cols` matrices, the WebAssembly twin of the loop in src/kernels/transpose.ts.
//
// The work is pure data movement, so what counts is how few instructions move each element and
// how kindly the memory is walked. Elements go in 4 × 4 blocks: four vector loads (four rows of
// the source), a handful of lane shuffles, four vector stores (four rows of the output), where a
// scalar loop spends a load and a store on every element. Loads, shuffles and stores only move
// bits, so every value arrives unchanged, NaN payloads and −0 included.
//
// The convolution layers' matrices are long and thin (576 × 30, 30 × 576 at batch 100). The
// blocks are walked in strips STRIP elements across the short side, and along the long side in
// bands of BAND: the inner loop crosses the strip, the next one walks along the long side. So the
// side of the copy with short rows (the source's or the output's) moves through memory in order,
// four short rows at a time, while the other keeps STRIP long rows going, each written or read
// four elements at a time, so the few lines in play stay in cache until they are used up. On the
// layers' shapes this took 1.15–1.4 times as long as a plain copy of the same bytes, both dtypes
// and directions, where square tiles (16 × 16, 32 × 32, either order) were 40–60% slower than it
// in float64 in one direction or the other.
//
// With a mask address (not 0), the output also goes through the ReLU on its way: out = x ≤ 0 ? 0 : x
// and a mask byte 1 where x ≤ 0, in the output's order (the convolution's product moved channels
// first, then its ReLU, in one pass instead of two). The rule is reluMask's in gemm.ts, lane for
// lane: NaN is not ≤ 0 and passes, −0 becomes +0.
//
// A side that is not a multiple of 4 ends with a block moved back to end exactly at the edge: it
// overlaps the block before it, whose elements it writes again with the same values, so there is
// no scalar remainder loop. Matrices with a side below 4 have no whole block and take the scalar
// loop.

import { maskBytes } from './mask-bytes';

/** Elements across the short side in one strip: 64 bytes of float32, a cache line. */
const STRIP: i32 = 16;

/** Elements along the long side in one band. */
const BAND: i32 = 256;

// The block moves are inlined into the loops (a call per block costs as much as the block's own
// work); AssemblyScript inlines a method marked `@inline`, and a decorated function is not
// TypeScript, hence the class.
// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript inlines `@inline` methods; a decorated function is not TypeScript.
class Blocks {
  /**
   * Moves the 4 × 4 block of floats at `s` (rows `rs` bytes apart) to `d` transposed (rows `ds`
   * bytes apart): lanes are interleaved pairwise, then the pairs' halves are joined. With `m` (not
   * 0) through the ReLU, the mask bytes at `m` (rows `ms` bytes apart).
   */
  @inline
  static move32(s: usize, rs: usize, d: usize, ds: usize, m: usize, ms: usize): void {
    const r0 = v128.load(s);
    const r1 = v128.load(s + rs);
    const r2 = v128.load(s + 2 * rs);
    const r3 = v128.load(s + 3 * rs);
    // t0 = r0[0] r1[0] r0[1] r1[1], t1 = r0[2] r1[2] r0[3] r1[3]; t2, t3 the same of rows 2, 3.
    const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5);
    const t1 = i32x4.shuffle(r0, r1, 2, 6, 3, 7);
    const t2 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
    const t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
    // Output row k is column k of the block: a pair of t0 or t1 joined with the same pair of t2
    // or t3.
    const o0 = i64x2.shuffle(t0, t2, 0, 2);
    const o1 = i64x2.shuffle(t0, t2, 1, 3);
    const o2 = i64x2.shuffle(t1, t3, 0, 2);
    const o3 = i64x2.shuffle(t1, t3, 1, 3);
    if (m === 0) {
      v128.store(d, o0);
      v128.store(d + ds, o1);
      v128.store(d + 2 * ds, o2);
      v128.store(d + 3 * ds, o3);
      return;
    }
    const zero = f32x4.splat(0);
    const l0 = f32x4.le(o0, zero);
    const l1 = f32x4.le(o1, zero);
    const l2 = f32x4.le(o2, zero);
    const l3 = f32x4.le(o3, zero);
    v128.store(d, v128.andnot(o0, l0));
    v128.store(d + ds, v128.andnot(o1, l1));
    v128.store(d + 2 * ds, v128.andnot(o2, l2));
    v128.store(d + 3 * ds, v128.andnot(o3, l3));
    Blocks.maskRows(l0, l1, l2, l3, m, ms);
  }

  /**
   * Four output rows' lane masks (all ones where x ≤ 0) as four bytes 1 or 0 each, at `m`, `m + ms`,
   * `m + 2·ms`, `m + 3·ms`: the sixteen bytes of {@link maskBytes}, a row's four at a time.
   */
  @inline
  static maskRows(l0: v128, l1: v128, l2: v128, l3: v128, m: usize, ms: usize): void {
    const b = maskBytes(l0, l1, l2, l3);
    store<u32>(m, i32x4.extract_lane(b, 0));
    store<u32>(m + ms, i32x4.extract_lane(b, 1));
    store<u32>(m + 2 * ms, i32x4.extract_lane(b, 2));
    store<u32>(m + 3 * ms, i32x4.extract_lane(b, 3));
  }

  /** {@link move32} for doubles: two vectors per row of four, moved as four 2 × 2 blocks. */
  @inline
  static move64(s: usize, rs: usize, d: usize, ds: usize, m: usize, ms: usize): void {
    const a0 = v128.load(s);
    const a1 = v128.load(s, 16);
    const b0 = v128.load(s + rs);
    const b1 = v128.load(s + rs, 16);
    const c0 = v128.load(s + 2 * rs);
    const c1 = v128.load(s + 2 * rs, 16);
    const e0 = v128.load(s + 3 * rs);
    const e1 = v128.load(s + 3 * rs, 16);
    const o0 = i64x2.shuffle(a0, b0, 0, 2);
    const p0 = i64x2.shuffle(c0, e0, 0, 2);
    const o1 = i64x2.shuffle(a0, b0, 1, 3);
    const p1 = i64x2.shuffle(c0, e0, 1, 3);
    const o2 = i64x2.shuffle(a1, b1, 0, 2);
    const p2 = i64x2.shuffle(c1, e1, 0, 2);
    const o3 = i64x2.shuffle(a1, b1, 1, 3);
    const p3 = i64x2.shuffle(c1, e1, 1, 3);
    if (m === 0) {
      v128.store(d, o0);
      v128.store(d, p0, 16);
      v128.store(d + ds, o1);
      v128.store(d + ds, p1, 16);
      v128.store(d + 2 * ds, o2);
      v128.store(d + 2 * ds, p2, 16);
      v128.store(d + 3 * ds, o3);
      v128.store(d + 3 * ds, p3, 16);
      return;
    }
    const zero = f64x2.splat(0);
    const lo0 = f64x2.le(o0, zero);
    const hi0 = f64x2.le(p0, zero);
    const lo1 = f64x2.le(o1, zero);
    const hi1 = f64x2.le(p1, zero);
    const lo2 = f64x2.le(o2, zero);
    const hi2 = f64x2.le(p2, zero);
    const lo3 = f64x2.le(o3, zero);
    const hi3 = f64x2.le(p3, zero);
    v128.store(d, v128.andnot(o0, lo0));
    v128.store(d, v128.andnot(p0, hi0), 16);
    v128.store(d + ds, v128.andnot(o1, lo1));
    v128.store(d + ds, v128.andnot(p1, hi1), 16);
    v128.store(d + 2 * ds, v128.andnot(o2, lo2));
    v128.store(d + 2 * ds, v128.andnot(p2, hi2), 16);
    v128.store(d + 3 * ds, v128.andnot(o3, lo3));
    v128.store(d + 3 * ds, v128.andnot(p3, hi3), 16);
    // A 64-bit lane mask's low half is a 32-bit lane mask: a row's four, side by side.
    Blocks.maskRows(
      i32x4.shuffle(lo0, hi0, 0, 2, 4, 6),
      i32x4.shuffle(lo1, hi1, 0, 2, 4, 6),
      i32x4.shuffle(lo2, hi2, 0, 2, 4, 6),
      i32x4.shuffle(lo3, hi3, 0, 2, 4, 6),
      m,
      ms,
    );
  }

  /**
   * The block at row i, column j of the source `s` moved to row j, column i of `d` (and through
   * the ReLU, its mask bytes at the same place of `m`, when `m` is not 0).
   */
  @inline
  static at<T>(s: usize, d: usize, m: usize, rows: i32, cols: i32, i: i32, j: i32): void {
    const size = <usize>sizeof<T>();
    const from = s + <usize>(i * cols + j) * size;
    const k = <usize>(j * rows + i);
    const to = d + k * size;
    const mk = m === 0 ? 0 : m + k;
    if (sizeof<T>() === 4) Blocks.move32(from, <usize>cols * 4, to, <usize>rows * 4, mk, rows);
    else Blocks.move64(from, <usize>cols * 8, to, <usize>rows * 8, mk, rows);
  }
}

/** One matrix with both sides at least 4, in blocks (see the top of the file). */
function transposeBlocks<T>(s: usize, d: usize, m: usize, rows: i32, cols: i32): void {
  // The last block along each side starts at most at side − 4, so that it ends at the edge.
  const iLast = rows - 4;
  const jLast = cols - 4;
  if (cols <= rows) {
    // Short rows: strips of columns, the inner loop across them, bands of rows.
    for (let i0 = 0; i0 < rows; i0 += BAND) {
      const i1 = min(rows, i0 + BAND);
      for (let j0 = 0; j0 < cols; j0 += STRIP) {
        const j1 = min(cols, j0 + STRIP);
        for (let i = i0; i < i1; i += 4) {
          const ii = min(i, iLast);
          for (let j = j0; j < j1; j += 4) Blocks.at<T>(s, d, m, rows, cols, ii, min(j, jLast));
        }
      }
    }
  } else {
    // Short columns of the source (short rows of the output): strips of rows, bands of columns.
    for (let j0 = 0; j0 < cols; j0 += BAND) {
      const j1 = min(cols, j0 + BAND);
      for (let i0 = 0; i0 < rows; i0 += STRIP) {
        const i1 = min(rows, i0 + STRIP);
        for (let j = j0; j < j1; j += 4) {
          const jj = min(j, jLast);
          for (let i = i0; i < i1; i += 4) Blocks.at<T>(s, d, m, rows, cols, min(i, iLast), jj);
        }
      }
    }
  }
}

/** One matrix with a side below 4, element by element, the output written in order. */
function transposeThin<T>(s: usize, d: usize, m: usize, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  const step = <usize>cols * size;
  let to = d;
  let k: usize = 0;
  for (let j = 0; j < cols; j++) {
    let from = s + <usize>j * size;
    for (let i = 0; i < rows; i++, from += step, to += size, k++) {
      const v = load<T>(from);
      if (m === 0) {
        store<T>(to, v);
        continue;
      }
      store<T>(to, v <= 0 ? <T>0 : v);
      store<u8>(m + k, <u8>(v <= 0));
    }
  }
}

/**
 * Transposes batches [b0, b1) of the `rows × cols` matrices of T at `src` into `dst` (see
 * {@link transposeBatches64}).
 */
export function transposeBatches<T>(
  b0: i32,
  b1: i32,
  rows: i32,
  cols: i32,
  src: usize,
  dst: usize,
  mask: usize,
): void {
  const count = <usize>(rows * cols);
  const matrix = count * sizeof<T>();
  const thin = rows < 4 || cols < 4;
  for (let b = b0; b < b1; b++) {
    const s = src + <usize>b * matrix;
    const d = dst + <usize>b * matrix;
    const m = mask === 0 ? 0 : mask + <usize>b * count;
    if (thin) transposeThin<T>(s, d, m, rows, cols);
    else transposeBlocks<T>(s, d, m, rows, cols);
  }
}

/**
 * Transposes batches [b0, b1) of the `rows × cols` matrices of doubles at `src` into `dst`; with a
 * `mask` address (not 0), through the ReLU, the mask bytes written there in the output's order.
 */
export function transposeBatches64(
  b0: i32,
  b1: i32,
  rows: i32,
  cols: i32,
  src: usize,
  dst: usize,
  mask: usize,
): void {
  transposeBatches<f64>(b0, b1, rows, cols, src, dst, mask);
}

/** {@link transposeBatches64} for floats. */
export function transposeBatches32(
  b0: i32,
  b1: i32,
  rows: i32,
  cols: i32,
  src: usize,
  dst: usize,
  mask: usize,
): void {
  transposeBatches<f32>(b0, b1, rows, cols, src, dst, mask);
}

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
// A side that is not a multiple of 4 ends with a block moved back to end exactly at the edge: it
// overlaps the block before it, whose elements it writes again with the same values, so there is
// no scalar remainder loop. Matrices with a side below 4 have no whole block and take the scalar
// loop.

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
   * bytes apart): lanes are interleaved pairwise, then the pairs' halves are joined.
   */
  @inline
  static move32(s: usize, rs: usize, d: usize, ds: usize): void {
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
    v128.store(d, i64x2.shuffle(t0, t2, 0, 2));
    v128.store(d + ds, i64x2.shuffle(t0, t2, 1, 3));
    v128.store(d + 2 * ds, i64x2.shuffle(t1, t3, 0, 2));
    v128.store(d + 3 * ds, i64x2.shuffle(t1, t3, 1, 3));
  }

  /** {@link move32} for doubles: two vectors per row of four, moved as four 2 × 2 blocks. */
  @inline
  static move64(s: usize, rs: usize, d: usize, ds: usize): void {
    const a0 = v128.load(s);
    const a1 = v128.load(s, 16);
    const b0 = v128.load(s + rs);
    const b1 = v128.load(s + rs, 16);
    const c0 = v128.load(s + 2 * rs);
    const c1 = v128.load(s + 2 * rs, 16);
    const e0 = v128.load(s + 3 * rs);
    const e1 = v128.load(s + 3 * rs, 16);
    v128.store(d, i64x2.shuffle(a0, b0, 0, 2));
    v128.store(d, i64x2.shuffle(c0, e0, 0, 2), 16);
    v128.store(d + ds, i64x2.shuffle(a0, b0, 1, 3));
    v128.store(d + ds, i64x2.shuffle(c0, e0, 1, 3), 16);
    v128.store(d + 2 * ds, i64x2.shuffle(a1, b1, 0, 2));
    v128.store(d + 2 * ds, i64x2.shuffle(c1, e1, 0, 2), 16);
    v128.store(d + 3 * ds, i64x2.shuffle(a1, b1, 1, 3));
    v128.store(d + 3 * ds, i64x2.shuffle(c1, e1, 1, 3), 16);
  }

  /** The block at row i, column j of the source `s` moved to row j, column i of `d`. */
  @inline
  static at<T>(s: usize, d: usize, rows: i32, cols: i32, i: i32, j: i32): void {
    const size = <usize>sizeof<T>();
    const from = s + <usize>(i * cols + j) * size;
    const to = d + <usize>(j * rows + i) * size;
    if (sizeof<T>() === 4) Blocks.move32(from, <usize>cols * 4, to, <usize>rows * 4);
    else Blocks.move64(from, <usize>cols * 8, to, <usize>rows * 8);
  }
}

/** One matrix with both sides at least 4, in blocks (see the top of the file). */
function transposeBlocks<T>(s: usize, d: usize, rows: i32, cols: i32): void {
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
          for (let j = j0; j < j1; j += 4) Blocks.at<T>(s, d, rows, cols, ii, min(j, jLast));
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
          for (let i = i0; i < i1; i += 4) Blocks.at<T>(s, d, rows, cols, min(i, iLast), jj);
        }
      }
    }
  }
}

/** One matrix with a side below 4, element by element, the output written in order. */
function transposeThin<T>(s: usize, d: usize, rows: i32, cols: i32): void {
  const size = <usize>sizeof<T>();
  const step = <usize>cols * size;
  let to = d;
  for (let j = 0; j < cols; j++) {
    let from = s + <usize>j * size;
    for (let i = 0; i < rows; i++, from += step, to += size) store<T>(to, load<T>(from));
  }
}

function transposeBatches<T>(b0: i32, b1: i32, rows: i32, cols: i32, src: usize, dst: usize): void {
  const matrix = <usize>(rows * cols) * sizeof<T>();
  const thin = rows < 4 || cols < 4;
  for (let b = b0; b < b1; b++) {
    const s = src + <usize>b * matrix;
    const d = dst + <usize>b * matrix;
    if (thin) transposeThin<T>(s, d, rows, cols);
    else transposeBlocks<T>(s, d, rows, cols);
  }
}

/** Transposes batches [b0, b1) of the `rows × cols` matrices of doubles at `src` into `dst`. */
export function transposeBatches64(
  b0: i32,
  b1: i32,
  rows: i32,
  cols: i32,
  src: usize,
  dst: usize,
): void {
  transposeBatches<f64>(b0, b1, rows, cols, src, dst);
}

/** {@link transposeBatches64} for floats. */
export function transposeBatches32(
  b0: i32,
  b1: i32,
  rows: i32,
  cols: i32,
  src: usize,
  dst: usize,
): void {
  transposeBatches<f32>(b0, b1, rows, cols, src, dst);
}

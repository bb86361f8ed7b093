// The batched transpose behind `NDArray.transpose` for the permutations the convolution layers use
// ([N, OH·OW, FN] ↔ [N, FN, OH·OW]): out[b][j][i] = src[b][i][j] for each of a range of batches
// of `rows × cols` matrices. Square tiles keep both the reads and the writes of a tile in cache.

const TILE: i32 = 16;

function transposeBatches<T>(b0: i32, b1: i32, rows: i32, cols: i32, src: usize, dst: usize): void {
  const size = <usize>sizeof<T>();
  const matrix = <usize>(rows * cols) * size;
  for (let b = b0; b < b1; b++) {
    const s = src + <usize>b * matrix;
    const d = dst + <usize>b * matrix;
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = min(rows, i0 + TILE);
      for (let j0 = 0; j0 < cols; j0 += TILE) {
        const j1 = min(cols, j0 + TILE);
        for (let i = i0; i < i1; i++) {
          let from = s + <usize>(i * cols + j0) * size;
          let to = d + <usize>(j0 * rows + i) * size;
          const step = <usize>rows * size;
          for (let j = j0; j < j1; j++, from += size, to += step) store<T>(to, load<T>(from));
        }
      }
    }
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

// np.sum(a, axis=0) of a contiguous rows × m array, for `reductions.ts` (a bias's gradient, db =
// Σ dout over the batch): each column is added from the first row down into a double, as the
// loop of reductions.ts adds it, so the numbers are the same bit for bit. Two columns go through
// at once in a SIMD vector; float32 elements are widened to doubles first and rounded once at
// the end, as the loop does.

/** Two elements of a row from `at`, as doubles. */
function pair<T>(at: usize): v128 {
  if (sizeof<T>() === 8) return v128.load(at);
  return f64x2.promote_low_f32x4(v128.load64_zero(at));
}

function sumColumns<T>(rows: i32, m: i32, src: usize, acc: usize, out: usize): void {
  const bytes = <usize>sizeof<T>();
  const pairs = m & ~1;
  memory.fill(acc, 0, <usize>m * 8);
  for (let r = 0; r < rows; r++) {
    const row = src + <usize>r * <usize>m * bytes;
    for (let j = 0; j < pairs; j += 2) {
      const a = acc + <usize>j * 8;
      v128.store(a, f64x2.add(v128.load(a), pair<T>(row + <usize>j * bytes)));
    }
    if (pairs < m) {
      const a = acc + <usize>pairs * 8;
      store<f64>(a, load<f64>(a) + <f64>load<T>(row + <usize>pairs * bytes));
    }
  }
  for (let j = 0; j < m; j++) store<T>(out + <usize>j * bytes, <T>load<f64>(acc + <usize>j * 8));
}

/**
 * out[j] = Σ over the rows of column j of the `rows × m` float32 array at `src`, added in the
 * doubles at `acc` (m of them, 16-byte aligned) and rounded to float32 once.
 */
export function sumColumns32(rows: i32, m: i32, src: usize, acc: usize, out: usize): void {
  sumColumns<f32>(rows, m, src, acc, out);
}

/** {@link sumColumns32} for doubles. */
export function sumColumns64(rows: i32, m: i32, src: usize, acc: usize, out: usize): void {
  sumColumns<f64>(rows, m, src, acc, out);
}

// np.max and np.argmax along the last axis, row by row, for `reductions.ts` (the pooling layer's
// `max(col, { axis: 1 })` and `argmax(col, { axis: 1 })`): the same rules as its loops, NaN
// included, so the same numbers.

/** Whether v is NaN. */
function nan<T>(v: T): bool {
  // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's isNaN<T> is a typed builtin, not JavaScript's global
  return isNaN<T>(v);
}

function maxRows<T>(rows: i32, size: i32, src: usize, out: usize): void {
  const bytes = <usize>sizeof<T>();
  let at = src;
  for (let r = 0; r < rows; r++) {
    // A NaN wins (numpy): once the best is NaN the rest of the row cannot change it.
    let m: T = <T>-Infinity;
    for (let k = 0; k < size; k++) {
      const v = load<T>(at + <usize>k * bytes);
      if (v > m || nan<T>(v)) m = v;
      if (nan<T>(m)) break;
    }
    store<T>(out + <usize>r * bytes, m);
    at += <usize>size * bytes;
  }
}

function argmaxRows<T>(rows: i32, size: i32, src: usize, out: usize): void {
  const bytes = <usize>sizeof<T>();
  let at = src;
  for (let r = 0; r < rows; r++) {
    // The first largest element; the first NaN when there is one (numpy).
    let best = load<T>(at);
    let index = 0;
    for (let k = 1; k < size; k++) {
      const v = load<T>(at + <usize>k * bytes);
      if (v > best || (nan<T>(v) && !nan<T>(best))) {
        best = v;
        index = k;
      }
    }
    store<T>(out + <usize>r * bytes, <T>index);
    at += <usize>size * bytes;
  }
}

/** out[r] = the largest of the `size` doubles of row r at `src` (NaN wins). */
export function maxRows64(rows: i32, size: i32, src: usize, out: usize): void {
  maxRows<f64>(rows, size, src, out);
}

/** {@link maxRows64} for floats. */
export function maxRows32(rows: i32, size: i32, src: usize, out: usize): void {
  maxRows<f32>(rows, size, src, out);
}

/** out[r] = the index of the first largest of the `size` doubles of row r (the first NaN wins). */
export function argmaxRows64(rows: i32, size: i32, src: usize, out: usize): void {
  argmaxRows<f64>(rows, size, src, out);
}

/** {@link argmaxRows64} for floats. */
export function argmaxRows32(rows: i32, size: i32, src: usize, out: usize): void {
  argmaxRows<f32>(rows, size, src, out);
}

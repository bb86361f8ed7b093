// np.max and np.argmax along the last axis, row by row, for `reductions.ts` (the pooling layer's
// `max(col, { axis: 1 })` and `argmax(col, { axis: 1 })`): the same rules as its loops, NaN
// included, so the same numbers. Pooling's rows are short (4 elements), and V8 compiles a float
// comparison, select or max to a branch, which random data mispredicts; so four rows of float32
// (two of float64) go through at once, one in each lane of a SIMD vector, where the comparisons
// are masks and nothing branches. The rows left over take the scalar loop.

/** Whether v is NaN. */
export function nan<T>(v: T): bool {
  // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's isNaN<T> is a typed builtin, not JavaScript's global
  return isNaN<T>(v);
}

/** The largest of each of rows r0 … rows − 1 (a NaN wins), one at a time. */
function maxRowsFrom<T>(r0: i32, rows: i32, size: i32, src: usize, out: usize): void {
  const bytes = <usize>sizeof<T>();
  for (let r = r0; r < rows; r++) {
    const at = src + <usize>r * <usize>size * bytes;
    // Once the best is NaN the rest of the row cannot change it.
    let m: T = <T>-Infinity;
    for (let k = 0; k < size; k++) {
      const v = load<T>(at + <usize>k * bytes);
      if (v > m || nan<T>(v)) m = v;
      if (nan<T>(m)) break;
    }
    store<T>(out + <usize>r * bytes, m);
  }
}

/** The index of the first largest element of each of rows r0 … rows − 1 (the first NaN wins). */
function argmaxRowsFrom<T>(r0: i32, rows: i32, size: i32, src: usize, out: usize): void {
  const bytes = <usize>sizeof<T>();
  for (let r = r0; r < rows; r++) {
    const at = src + <usize>r * <usize>size * bytes;
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
  }
}

/**
 * Element k of the rows from `at`, `step` bytes apart, one row in each lane: four float32 rows,
 * or two float64.
 */
export function column<T>(at: usize, step: usize): v128 {
  if (sizeof<T>() === 8) {
    return f64x2.replace_lane(f64x2.splat(load<f64>(at)), 1, load<f64>(at + step));
  }
  let v = f32x4.splat(load<f32>(at));
  v = f32x4.replace_lane(v, 1, load<f32>(at + step));
  v = f32x4.replace_lane(v, 2, load<f32>(at + 2 * step));
  return f32x4.replace_lane(v, 3, load<f32>(at + 3 * step));
}

/** Every lane `x`. */
export function splat<T>(x: f64): v128 {
  return sizeof<T>() === 8 ? f64x2.splat(x) : f32x4.splat(<f32>x);
}

/** All ones in the lanes where a > b. */
export function greater<T>(a: v128, b: v128): v128 {
  return sizeof<T>() === 8 ? f64x2.gt(a, b) : f32x4.gt(a, b);
}

/** All ones in the lanes that hold NaN. */
export function nanLanes<T>(v: v128): v128 {
  return sizeof<T>() === 8 ? f64x2.ne(v, v) : f32x4.ne(v, v);
}

/** maxRows a vector of rows at a time (see the top of this file). */
function maxRows<T>(rows: i32, size: i32, src: usize, out: usize): void {
  const bytes = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  const step = <usize>size * bytes;
  const whole = rows - (rows % lanes);
  for (let r = 0; r < whole; r += lanes) {
    const at = src + <usize>r * step;
    let m = splat<T>(-Infinity);
    let seen = splat<T>(0); // all ones in the lanes where a NaN was met
    for (let k = 0; k < size; k++) {
      const v = column<T>(at + <usize>k * bytes, step);
      m = v128.bitselect(v, m, greater<T>(v, m));
      seen = v128.or(seen, nanLanes<T>(v));
    }
    v128.store(out + <usize>r * bytes, v128.bitselect(splat<T>(NaN), m, seen));
  }
  maxRowsFrom<T>(whole, rows, size, src, out);
}

/** argmaxRows a vector of rows at a time (see the top of this file). */
function argmaxRows<T>(rows: i32, size: i32, src: usize, out: usize): void {
  const bytes = <usize>sizeof<T>();
  const lanes = 16 / sizeof<T>();
  const step = <usize>size * bytes;
  const whole = rows - (rows % lanes);
  for (let r = 0; r < whole; r += lanes) {
    const at = src + <usize>r * step;
    let best = column<T>(at, step);
    let bestNan = nanLanes<T>(best);
    let index = splat<T>(0);
    for (let k = 1; k < size; k++) {
      const v = column<T>(at + <usize>k * bytes, step);
      const vNan = nanLanes<T>(v);
      // Larger, or the first NaN: once the best is NaN nothing replaces it.
      const take = v128.or(greater<T>(v, best), v128.andnot(vNan, bestNan));
      best = v128.bitselect(v, best, take);
      index = v128.bitselect(splat<T>(<f64>k), index, take);
      bestNan = v128.or(bestNan, vNan);
    }
    v128.store(out + <usize>r * bytes, index);
  }
  argmaxRowsFrom<T>(whole, rows, size, src, out);
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

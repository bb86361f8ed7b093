// Nonzero elements counted, to tell a mostly-zero operand (MNIST digits, a pooling's gradient)
// from a dense one: the product then takes the sparse kernel.

/** Number of nonzero elements among `len` doubles at `a`. */
export function countNonzero64(a: usize, len: i32): i32 {
  let acc = i64x2.splat(0);
  let acc1 = i64x2.splat(0);
  let acc2 = i64x2.splat(0);
  let acc3 = i64x2.splat(0);
  const zero = f64x2.splat(0);
  let i = 0;
  // Four independent counters, 8 doubles a step (one chain of subtractions would hold it back).
  for (; i + 8 <= len; i += 8) {
    const p = a + ((<usize>i) << 3);
    acc = i64x2.sub(acc, f64x2.ne(v128.load(p), zero));
    acc1 = i64x2.sub(acc1, f64x2.ne(v128.load(p, 16), zero));
    acc2 = i64x2.sub(acc2, f64x2.ne(v128.load(p, 32), zero));
    acc3 = i64x2.sub(acc3, f64x2.ne(v128.load(p, 48), zero));
  }
  acc = i64x2.add(i64x2.add(acc, acc1), i64x2.add(acc2, acc3));
  for (; i + 2 <= len; i += 2) {
    // ne gives all-ones (−1) per nonzero lane: subtracting counts them.
    acc = i64x2.sub(acc, f64x2.ne(v128.load(a + ((<usize>i) << 3)), zero));
  }
  let count = <i32>(i64x2.extract_lane(acc, 0) + i64x2.extract_lane(acc, 1));
  if (i < len && load<f64>(a + ((<usize>i) << 3)) !== 0) count++;
  return count;
}

/** Number of nonzero elements among `len` floats at `a`. */
export function countNonzero32(a: usize, len: i32): i32 {
  let acc = i32x4.splat(0);
  let acc1 = i32x4.splat(0);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    acc = i32x4.sub(acc, f32x4.ne(v128.load(a + ((<usize>i) << 2)), zero));
    acc1 = i32x4.sub(acc1, f32x4.ne(v128.load(a + ((<usize>i) << 2), 16), zero));
  }
  acc = i32x4.add(acc, acc1);
  for (; i + 4 <= len; i += 4) {
    acc = i32x4.sub(acc, f32x4.ne(v128.load(a + ((<usize>i) << 2)), zero));
  }
  let count =
    i32x4.extract_lane(acc, 0) +
    i32x4.extract_lane(acc, 1) +
    i32x4.extract_lane(acc, 2) +
    i32x4.extract_lane(acc, 3);
  for (; i < len; i++) if (load<f32>(a + ((<usize>i) << 2)) !== 0) count++;
  return count;
}

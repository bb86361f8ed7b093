// The ReLU layer's kernels, forward (the output and its mask) and backward (dout zeroed where the
// mask says), for the ReLU layers and for the kernels that apply it on their way (the pooling's
// backward, assembly/pool.ts).

import { maskBytes } from './mask-bytes';

/** The ReLU of the two doubles at `x + o` stored at `out + o`; returns their lane mask (x ≤ 0). */
function relu64(x: usize, out: usize, o: usize, zero: v128): v128 {
  const v = v128.load(x + o);
  const m = f64x2.le(v, zero);
  v128.store(out + o, v128.andnot(v, m));
  return m;
}

/** {@link relu64} of four floats. */
function relu32(x: usize, out: usize, o: usize, zero: v128): v128 {
  const v = v128.load(x + o);
  const m = f32x4.le(v, zero);
  v128.store(out + o, v128.andnot(v, m));
  return m;
}

/**
 * out[i] = x[i] ≤ 0 ? 0 : x[i] and mask[i] = (x[i] ≤ 0), for `len` doubles: the ReLU layer's
 * forward. Branch-free, with lane masks (x ≤ 0 gives all ones, and out is x AND NOT that): about
 * half of a layer's inputs are negative in no pattern a predictor could learn, and V8 compiles a
 * scalar `select` of floats into a branch. NaN is not ≤ 0, so it passes through, as in numpy.
 */
export function reluMask64(len: i32, x: usize, out: usize, mask: usize): void {
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    const at = x + ((<usize>i) << 3);
    const to = out + ((<usize>i) << 3);
    const m0 = relu64(at, to, 0, zero);
    const m1 = relu64(at, to, 16, zero);
    const m2 = relu64(at, to, 32, zero);
    const m3 = relu64(at, to, 48, zero);
    const m4 = relu64(at, to, 64, zero);
    const m5 = relu64(at, to, 80, zero);
    const m6 = relu64(at, to, 96, zero);
    const m7 = relu64(at, to, 112, zero);
    // The 64-bit lane masks' low halves side by side make 32-bit lane masks.
    const lo = maskBytes(
      i32x4.shuffle(m0, m1, 0, 2, 4, 6),
      i32x4.shuffle(m2, m3, 0, 2, 4, 6),
      i32x4.shuffle(m4, m5, 0, 2, 4, 6),
      i32x4.shuffle(m6, m7, 0, 2, 4, 6),
    );
    v128.store(mask + <usize>i, lo);
  }
  for (; i + 2 <= len; i += 2) {
    const v = v128.load(x + ((<usize>i) << 3));
    const m = f64x2.le(v, zero);
    v128.store(out + ((<usize>i) << 3), v128.andnot(v, m));
    store<u8>(mask + <usize>i, <u8>(i64x2.extract_lane(m, 0) & 1));
    store<u8>(mask + <usize>i, <u8>(i64x2.extract_lane(m, 1) & 1), 1);
  }
  for (; i < len; i++) {
    const v = load<f64>(x + ((<usize>i) << 3));
    // biome-ignore lint/complexity/useMathMinMax: the lanes' rule (x ≤ 0 gives 0) written out, as the mask says it
    store<f64>(out + ((<usize>i) << 3), v <= 0 ? 0 : v);
    store<u8>(mask + <usize>i, <u8>(v <= 0));
  }
}

/** {@link reluMask64} for `len` floats, four lanes at a time. */
export function reluMask32(len: i32, x: usize, out: usize, mask: usize): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    const at = x + ((<usize>i) << 2);
    const to = out + ((<usize>i) << 2);
    const m0 = relu32(at, to, 0, zero);
    const m1 = relu32(at, to, 16, zero);
    const m2 = relu32(at, to, 32, zero);
    const m3 = relu32(at, to, 48, zero);
    v128.store(mask + <usize>i, maskBytes(m0, m1, m2, m3));
  }
  for (; i + 4 <= len; i += 4) {
    const v = v128.load(x + ((<usize>i) << 2));
    const m = f32x4.le(v, zero);
    v128.store(out + ((<usize>i) << 2), v128.andnot(v, m));
    store<u8>(mask + <usize>i, <u8>(i32x4.extract_lane(m, 0) & 1));
    store<u8>(mask + <usize>i, <u8>(i32x4.extract_lane(m, 1) & 1), 1);
    store<u8>(mask + <usize>i, <u8>(i32x4.extract_lane(m, 2) & 1), 2);
    store<u8>(mask + <usize>i, <u8>(i32x4.extract_lane(m, 3) & 1), 3);
  }
  for (; i < len; i++) {
    const v = load<f32>(x + ((<usize>i) << 2));
    // biome-ignore lint/complexity/useMathMinMax: the lanes' rule (x ≤ 0 gives 0) written out, as the mask says it
    store<f32>(out + ((<usize>i) << 2), v <= 0 ? 0 : v);
    store<u8>(mask + <usize>i, <u8>(v <= 0));
  }
}

/** dx[i] = mask[i] ? 0 : dout[i] for `len` doubles: the ReLU layer's backward, with lane masks. */
export function zeroMasked64(len: i32, dout: usize, mask: usize, dx: usize): void {
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    // The two mask bytes as 64-bit lanes, then any nonzero byte made all ones.
    const bytes = i64x2.replace_lane(
      i64x2.splat(<i64>load<u8>(mask + <usize>i)),
      1,
      <i64>load<u8>(mask + <usize>i, 1),
    );
    const m = i64x2.ne(bytes, i64x2.splat(0));
    v128.store(dx + ((<usize>i) << 3), v128.andnot(v128.load(dout + ((<usize>i) << 3)), m));
  }
  for (; i < len; i++) {
    const v = load<f64>(dout + ((<usize>i) << 3));
    store<f64>(dx + ((<usize>i) << 3), load<u8>(mask + <usize>i) !== 0 ? 0 : v);
  }
}

/** {@link zeroMasked64} for `len` floats, four lanes at a time. */
export function zeroMasked32(len: i32, dout: usize, mask: usize, dx: usize): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    // The 4 mask bytes, each widened to a 32-bit lane, then any nonzero byte made all ones.
    const bytes = v128.load32_zero(mask + <usize>i);
    const lanes = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes));
    const m = i32x4.ne(lanes, i32x4.splat(0));
    v128.store(dx + ((<usize>i) << 2), v128.andnot(v128.load(dout + ((<usize>i) << 2)), m));
  }
  for (; i < len; i++) {
    const v = load<f32>(dout + ((<usize>i) << 2));
    store<f32>(dx + ((<usize>i) << 2), load<u8>(mask + <usize>i) !== 0 ? 0 : v);
  }
}

// The ReLU's mask bytes from lane masks, shared by the ReLU kernel (reluMask in gemm.ts) and the
// transpose that applies the ReLU on its way (transpose.ts).

/**
 * Sixteen 32-bit lane masks (all ones or zero) as sixteen bytes 1 or 0, in lane order: narrowed
 * twice with saturation (−1 stays −1, 0 stays 0), then ANDed with 1. One vector where lane
 * extraction spent an extract and a byte store on each element.
 */
export function maskBytes(m0: v128, m1: v128, m2: v128, m3: v128): v128 {
  const bytes = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
  return v128.and(bytes, i8x16.splat(1));
}

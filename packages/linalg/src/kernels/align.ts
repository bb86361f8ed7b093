/**
 * `x` rounded up to a multiple of 16 (SIMD loads want 16-byte aligned addresses).
 *
 * Arithmetic, not `(x + 15) & ~15`: the bitwise form wraps to a negative number past 2^31.
 */
export function align16(x: number): number {
  return Math.ceil(x / 16) * 16;
}

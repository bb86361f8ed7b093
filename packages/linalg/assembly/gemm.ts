// The WebAssembly SIMD matrix-product kernels behind `gemm` in `@dl/linalg`.
//
// AssemblyScript, compiled by `pnpm --filter @dl/linalg build:wasm` into
// src/kernels/wasm-bytes.ts (the bytes as base64, committed, so tests need no build step).
//
// C (m × n) += op(A) (m × k) · op(B) (k × n), all row-major, where op(A) = Aᵀ when transA
// (A stored k × m) and op(B) = Bᵀ when transB (B stored n × k). The caller (JavaScript) places
// A, B and C in this module's memory and passes byte addresses; C is added to, or with `over`
// overwritten (then it need not be cleared first).
//
// The layout is the classic one of GotoBLAS/BLIS: for each block of KC steps along k, a block of
// op(B) is packed into column panels NR wide (kc × NR contiguous), a block of op(A) into row panels
// MR tall (kc × MR contiguous), and a register-blocked micro-kernel computes one MR × NR tile of C
// with MR·NR/lanes SIMD accumulators. Packing is where the transposes disappear: whatever the
// stored layout, the micro-kernel always reads both panels front to back. Panels are padded with
// zeros to whole tiles; the tile's store writes only the elements inside C.

import { compressUnfold, outSize } from './im2col';
import { Runs } from './planes';
import { transposeBatches } from './transpose';

// Block sizes: a packed A panel (MR × KC) and B panel (KC × NR) stay in L1, a packed A block
// (MC × KC) in L2.
const KC: i32 = 256;
const MC: i32 = 96;
// A partial tile's scratch at the start of the packing space: 4 × 4 doubles or 4 × 8 floats.
const SPILL_BYTES: usize = 128;

// a·b + c per lane. With relaxed SIMD (`asc --enable relaxed-simd`, the second build) this is one
// fused multiply-add where the hardware has it, twice the arithmetic per instruction; otherwise a
// multiply then an add. Small enough that the optimiser inlines it.
function madd64(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

function madd32(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

// ---- float64: f64x2 lanes, 4 × 4 tiles (8 accumulators) --------------------------------------

const MR64: i32 = 4;
const NR64: i32 = 4;

/**
 * Packs op(B)[pc .. pc+kc, j0 .. j1] into ⌈(j1 − j0) / NR⌉ panels of kc × NR doubles (j0 a multiple
 * of NR; j1 one too, or n).
 */
function packB64(
  b: usize,
  n: i32,
  k: i32,
  transB: bool,
  pc: i32,
  kc: i32,
  dst: usize,
  j0: i32,
  j1: i32,
): void {
  for (let jp = j0; jp < j1; jp += NR64) {
    const w = min(NR64, n - jp);
    if (!transB && w === NR64) {
      // Row p of the panel is 4 consecutive elements of row pc+p of B: two vector copies.
      let src = b + ((<usize>(pc * n + jp)) << 3);
      const step = (<usize>n) << 3;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += 32;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      for (let jj = 0; jj < NR64; jj++) {
        let v: f64 = 0;
        if (jj < w) {
          const j = jp + jj;
          v = transB
            ? load<f64>(b + ((<usize>(j * k + pc + p)) << 3))
            : load<f64>(b + ((<usize>((pc + p) * n + j)) << 3));
        }
        store<f64>(dst, v);
        dst += 8;
      }
    }
  }
}

/** Packs op(A)[ic .. ic+mc, pc .. pc+kc] into ⌈mc / MR⌉ panels of kc × MR doubles. */
function packA64(
  a: usize,
  m: i32,
  k: i32,
  transA: bool,
  ic: i32,
  mc: i32,
  pc: i32,
  kc: i32,
  dst: usize,
): void {
  for (let ip = 0; ip < mc; ip += MR64) {
    const h = min(MR64, mc - ip);
    if (transA && h === MR64) {
      // A is stored k × m: the 4 rows of the panel at step p are 4 consecutive elements.
      let src = a + ((<usize>(pc * m + ic + ip)) << 3);
      const step = (<usize>m) << 3;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += 32;
      }
      continue;
    }
    if (!transA && h === MR64) {
      // A is stored m × k: walk the 4 rows side by side.
      const r0 = a + ((<usize>((ic + ip) * k + pc)) << 3);
      const ld = (<usize>k) << 3;
      for (let p = 0; p < kc; p++) {
        const o = (<usize>p) << 3;
        store<f64>(dst, load<f64>(r0 + o));
        store<f64>(dst, load<f64>(r0 + ld + o), 8);
        store<f64>(dst, load<f64>(r0 + 2 * ld + o), 16);
        store<f64>(dst, load<f64>(r0 + 3 * ld + o), 24);
        dst += 32;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      for (let r = 0; r < MR64; r++) {
        let v: f64 = 0;
        if (r < h) {
          const i = ic + ip + r;
          v = transA
            ? load<f64>(a + ((<usize>((pc + p) * m + i)) << 3))
            : load<f64>(a + ((<usize>(i * k + pc + p)) << 3));
        }
        store<f64>(dst, v);
        dst += 8;
      }
    }
  }
}

/**
 * One vector of a tile's sums into C at `r`: added to what C holds, or with `over` (the first block
 * of k of a product that does not accumulate) stored in its place, so that C need not be cleared
 * first. The same bits: a sum starts at +0 and never becomes −0 (x + (−x) and +0 + (−0) round to
 * +0), so +0 + sum is the sum itself, NaN included.
 */
function put64(r: usize, sum: v128, over: bool): void {
  v128.store(r, over ? sum : f64x2.add(v128.load(r), sum));
}

/** {@link put64} of four floats. */
function put32(r: usize, sum: v128, over: bool): void {
  v128.store(r, over ? sum : f32x4.add(v128.load(r), sum));
}

/**
 * C[0..h, 0..w] += (packed A panel) · (packed B panel), one 4 × 4 tile; ldc in bytes. With `over`,
 * C[0..h, 0..w] = the product instead (see put64).
 */
function tile64(
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: usize,
  h: i32,
  w: i32,
  t: usize,
  over: bool,
): void {
  let c00 = f64x2.splat(0),
    c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0),
    c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0),
    c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0),
    c31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load64_splat(ap);
    c00 = madd64(a, b0, c00);
    c01 = madd64(a, b1, c01);
    a = v128.load64_splat(ap, 8);
    c10 = madd64(a, b0, c10);
    c11 = madd64(a, b1, c11);
    a = v128.load64_splat(ap, 16);
    c20 = madd64(a, b0, c20);
    c21 = madd64(a, b1, c21);
    a = v128.load64_splat(ap, 24);
    c30 = madd64(a, b0, c30);
    c31 = madd64(a, b1, c31);
    ap += 32;
    bp += 32;
  }
  if (h === MR64 && w === NR64) {
    let r = c;
    put64(r, c00, over);
    put64(r + 16, c01, over);
    r += ldc;
    put64(r, c10, over);
    put64(r + 16, c11, over);
    r += ldc;
    put64(r, c20, over);
    put64(r + 16, c21, over);
    r += ldc;
    put64(r, c30, over);
    put64(r + 16, c31, over);
    return;
  }
  // A partial tile at the bottom or right edge of C: spill to the scratch tile `t` (the caller's
  // own, so that threads working on other rows do not share it), add what fits.
  v128.store(t, c00);
  v128.store(t, c01, 16);
  v128.store(t, c10, 32);
  v128.store(t, c11, 48);
  v128.store(t, c20, 64);
  v128.store(t, c21, 80);
  v128.store(t, c30, 96);
  v128.store(t, c31, 112);
  for (let r = 0; r < h; r++) {
    const row = c + <usize>r * ldc;
    for (let j = 0; j < w; j++) {
      const q = row + ((<usize>j) << 3);
      const v = load<f64>(t + ((<usize>(r * NR64 + j)) << 3));
      store<f64>(q, over ? v : load<f64>(q) + v);
    }
  }
}

/**
 * C += op(A) · op(B) in float64 (with `over`, C = op(A) · op(B): C's old elements never read).
 * `work` must hold KC·⌈n/4⌉·4 + MC·KC doubles, 16-byte aligned; see {@link workBytes64}.
 */
export function gemm64(
  m: i32,
  n: i32,
  k: i32,
  transA: bool,
  transB: bool,
  a: usize,
  b: usize,
  c: usize,
  work: usize,
  over: bool,
): void {
  gemmBlock64(m, n, k, transA, transB, a, b, c, work, 0, m, 0, n, over);
}

/**
 * Rows r0 .. r1 and columns c0 .. c1 of {@link gemm64}'s C alone (c0 a multiple of NR64, c1 one
 * too or n): threads.ts gives row ranges, or a wide product's column ranges, to different threads,
 * each with its own `work` (a column range packs only its own columns of op(B)). Each element of
 * C is computed from the same panels in the same order whichever block holds it: the same bits
 * as one call.
 */
export function gemmBlock64(
  m: i32,
  n: i32,
  k: i32,
  transA: bool,
  transB: bool,
  a: usize,
  b: usize,
  c: usize,
  work: usize,
  r0: i32,
  r1: i32,
  c0: i32,
  c1: i32,
  over: bool,
): void {
  const np = (c1 - c0 + NR64 - 1) / NR64;
  const spill = work; // one MR × NR tile
  const packedB = work + SPILL_BYTES;
  const packedA = packedB + ((<usize>(KC * np * NR64)) << 3);
  const ldc = (<usize>n) << 3;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    packB64(b, n, k, transB, pc, kc, packedB, c0, c1);
    for (let ic = r0; ic < r1; ic += MC) {
      const mc = min(MC, r1 - ic);
      packA64(a, m, k, transA, ic, mc, pc, kc, packedA);
      for (let jp = c0; jp < c1; jp += NR64) {
        const w = min(NR64, c1 - jp);
        const bp = packedB + ((<usize>((jp - c0) * kc)) << 3);
        for (let ip = 0; ip < mc; ip += MR64) {
          const h = min(MR64, mc - ip);
          const ap = packedA + ((<usize>(ip * kc)) << 3);
          const at = c + <usize>(ic + ip) * ldc + ((<usize>jp) << 3);
          tile64(kc, ap, bp, at, ldc, h, w, spill, over && pc === 0);
        }
      }
    }
  }
}

/** Bytes of scratch space that {@link gemm64} needs for an n-column product. */
export function workBytes64(n: i32): i32 {
  return SPILL_BYTES + ((KC * ((n + NR64 - 1) / NR64) * NR64 + MC * KC) << 3);
}

// ---- float32: f32x4 lanes, 4 × 8 tiles (8 accumulators) --------------------------------------

const MR32: i32 = 4;
const NR32: i32 = 8;

/**
 * Packs op(B)[pc .. pc+kc, j0 .. j1] into ⌈(j1 − j0) / NR⌉ panels of kc × NR floats (j0 a multiple
 * of NR; j1 one too, or n).
 */
function packB32(
  b: usize,
  n: i32,
  k: i32,
  transB: bool,
  pc: i32,
  kc: i32,
  dst: usize,
  j0: i32,
  j1: i32,
): void {
  for (let jp = j0; jp < j1; jp += NR32) {
    const w = min(NR32, n - jp);
    if (!transB && w === NR32) {
      let src = b + ((<usize>(pc * n + jp)) << 2);
      const step = (<usize>n) << 2;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += step;
        dst += 32;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      for (let jj = 0; jj < NR32; jj++) {
        let v: f32 = 0;
        if (jj < w) {
          const j = jp + jj;
          v = transB
            ? load<f32>(b + ((<usize>(j * k + pc + p)) << 2))
            : load<f32>(b + ((<usize>((pc + p) * n + j)) << 2));
        }
        store<f32>(dst, v);
        dst += 4;
      }
    }
  }
}

/** Packs op(A)[ic .. ic+mc, pc .. pc+kc] into ⌈mc / MR⌉ panels of kc × MR floats. */
function packA32(
  a: usize,
  m: i32,
  k: i32,
  transA: bool,
  ic: i32,
  mc: i32,
  pc: i32,
  kc: i32,
  dst: usize,
): void {
  for (let ip = 0; ip < mc; ip += MR32) {
    const h = min(MR32, mc - ip);
    if (transA && h === MR32) {
      let src = a + ((<usize>(pc * m + ic + ip)) << 2);
      const step = (<usize>m) << 2;
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(src));
        src += step;
        dst += 16;
      }
      continue;
    }
    if (!transA && h === MR32) {
      const r0 = a + ((<usize>((ic + ip) * k + pc)) << 2);
      const ld = (<usize>k) << 2;
      for (let p = 0; p < kc; p++) {
        const o = (<usize>p) << 2;
        store<f32>(dst, load<f32>(r0 + o));
        store<f32>(dst, load<f32>(r0 + ld + o), 4);
        store<f32>(dst, load<f32>(r0 + 2 * ld + o), 8);
        store<f32>(dst, load<f32>(r0 + 3 * ld + o), 12);
        dst += 16;
      }
      continue;
    }
    for (let p = 0; p < kc; p++) {
      for (let r = 0; r < MR32; r++) {
        let v: f32 = 0;
        if (r < h) {
          const i = ic + ip + r;
          v = transA
            ? load<f32>(a + ((<usize>((pc + p) * m + i)) << 2))
            : load<f32>(a + ((<usize>(i * k + pc + p)) << 2));
        }
        store<f32>(dst, v);
        dst += 4;
      }
    }
  }
}

/** C[0..h, 0..w] += (packed A panel) · (packed B panel), one 4 × 8 tile; ldc in bytes. */
function tile32(
  kc: i32,
  ap: usize,
  bp: usize,
  c: usize,
  ldc: usize,
  h: i32,
  w: i32,
  t: usize,
  over: bool,
): void {
  let c00 = f32x4.splat(0),
    c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0),
    c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0),
    c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0),
    c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd32(a, b0, c00);
    c01 = madd32(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd32(a, b0, c10);
    c11 = madd32(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd32(a, b0, c20);
    c21 = madd32(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd32(a, b0, c30);
    c31 = madd32(a, b1, c31);
    ap += 16;
    bp += 32;
  }
  if (h === MR32 && w === NR32) {
    let r = c;
    put32(r, c00, over);
    put32(r + 16, c01, over);
    r += ldc;
    put32(r, c10, over);
    put32(r + 16, c11, over);
    r += ldc;
    put32(r, c20, over);
    put32(r + 16, c21, over);
    r += ldc;
    put32(r, c30, over);
    put32(r + 16, c31, over);
    return;
  }

  v128.store(t, c00);
  v128.store(t, c01, 16);
  v128.store(t, c10, 32);
  v128.store(t, c11, 48);
  v128.store(t, c20, 64);
  v128.store(t, c21, 80);
  v128.store(t, c30, 96);
  v128.store(t, c31, 112);
  for (let r = 0; r < h; r++) {
    const row = c + <usize>r * ldc;
    for (let j = 0; j < w; j++) {
      const q = row + ((<usize>j) << 2);
      const v = load<f32>(t + ((<usize>(r * NR32 + j)) << 2));
      store<f32>(q, over ? v : load<f32>(q) + v);
    }
  }
}

/**
 * C += op(A) · op(B) in float32 (with `over`, C = op(A) · op(B)). `work` must hold
 * {@link workBytes32} bytes, 16-byte aligned.
 */
export function gemm32(
  m: i32,
  n: i32,
  k: i32,
  transA: bool,
  transB: bool,
  a: usize,
  b: usize,
  c: usize,
  work: usize,
  over: bool,
): void {
  gemmBlock32(m, n, k, transA, transB, a, b, c, work, 0, m, 0, n, over);
}

/**
 * Rows r0 .. r1 and columns c0 .. c1 of {@link gemm32}'s C alone (c0 a multiple of NR32, c1 one
 * too or n): threads.ts gives row ranges, or a wide product's column ranges, to different threads,
 * each with its own `work` (a column range packs only its own columns of op(B)). Each element of
 * C is computed from the same panels in the same order whichever block holds it: the same bits
 * as one call.
 */
export function gemmBlock32(
  m: i32,
  n: i32,
  k: i32,
  transA: bool,
  transB: bool,
  a: usize,
  b: usize,
  c: usize,
  work: usize,
  r0: i32,
  r1: i32,
  c0: i32,
  c1: i32,
  over: bool,
): void {
  const np = (c1 - c0 + NR32 - 1) / NR32;
  const spill = work; // one MR × NR tile
  const packedB = work + SPILL_BYTES;
  const packedA = packedB + ((<usize>(KC * np * NR32)) << 2);
  const ldc = (<usize>n) << 2;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    packB32(b, n, k, transB, pc, kc, packedB, c0, c1);
    for (let ic = r0; ic < r1; ic += MC) {
      const mc = min(MC, r1 - ic);
      packA32(a, m, k, transA, ic, mc, pc, kc, packedA);
      for (let jp = c0; jp < c1; jp += NR32) {
        const w = min(NR32, c1 - jp);
        const bp = packedB + ((<usize>((jp - c0) * kc)) << 2);
        for (let ip = 0; ip < mc; ip += MR32) {
          const h = min(MR32, mc - ip);
          const ap = packedA + ((<usize>(ip * kc)) << 2);
          const at = c + <usize>(ic + ip) * ldc + ((<usize>jp) << 2);
          tile32(kc, ap, bp, at, ldc, h, w, spill, over && pc === 0);
        }
      }
    }
  }
}

/** Bytes of scratch space that {@link gemm32} needs for an n-column product. */
export function workBytes32(n: i32): i32 {
  return SPILL_BYTES + ((KC * ((n + NR32 - 1) / NR32) * NR32 + MC * KC) << 2);
}

/** The first free byte of memory after the module's static data, where the caller may place arrays. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

// ---- a sparse left operand: MNIST pixels and ReLU outputs are mostly zeros -------------------
//
// When most elements of op(A) are zero, C += op(A)·B is cheaper as a sum over op(A)'s nonzeros:
// row r of C gains a·(row p of B) for each nonzero a = op(A)[r][p]. The rows of op(A) are first
// gathered into compressed-row lists (CSR: row starts, column indices, values); then each row of C
// is built in SIMD registers, 16 (float64) or 32 (float32) columns at a time, from those rows of B.
// Skipping a zero skips `0 · B[p][j]`, which only differs from adding it when B holds an infinity or
// NaN, so the caller checks B with allFinite first.

export { countNonzero32, countNonzero64 } from './count-nonzero';

/** Whether all `len` doubles at `a` are finite (x − x is 0 exactly for finite x, NaN otherwise). */
export function allFinite64(a: usize, len: i32): bool {
  // Four independent accumulators, 8 doubles a step: the loop is not held back by one chain of ORs.
  let bad = f64x2.splat(0);
  let bad1 = f64x2.splat(0);
  let bad2 = f64x2.splat(0);
  let bad3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const p = a + ((<usize>i) << 3);
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    const v2 = v128.load(p, 32);
    const v3 = v128.load(p, 48);
    bad = v128.or(bad, f64x2.ne(f64x2.sub(v0, v0), f64x2.splat(0)));
    bad1 = v128.or(bad1, f64x2.ne(f64x2.sub(v1, v1), f64x2.splat(0)));
    bad2 = v128.or(bad2, f64x2.ne(f64x2.sub(v2, v2), f64x2.splat(0)));
    bad3 = v128.or(bad3, f64x2.ne(f64x2.sub(v3, v3), f64x2.splat(0)));
  }
  bad = v128.or(v128.or(bad, bad1), v128.or(bad2, bad3));
  for (; i + 2 <= len; i += 2) {
    const v = v128.load(a + ((<usize>i) << 3));
    bad = v128.or(bad, f64x2.ne(f64x2.sub(v, v), f64x2.splat(0)));
  }
  if (v128.any_true(bad)) return false;
  for (; i < len; i++) if (!Number.isFinite(load<f64>(a + ((<usize>i) << 3)))) return false;
  return true;
}

/** Whether all `len` floats at `a` are finite. */
export function allFinite32(a: usize, len: i32): bool {
  let bad = f32x4.splat(0);
  let bad1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const v0 = v128.load(a + ((<usize>i) << 2));
    const v1 = v128.load(a + ((<usize>i) << 2), 16);
    bad = v128.or(bad, f32x4.ne(f32x4.sub(v0, v0), f32x4.splat(0)));
    bad1 = v128.or(bad1, f32x4.ne(f32x4.sub(v1, v1), f32x4.splat(0)));
  }
  bad = v128.or(bad, bad1);
  for (; i + 4 <= len; i += 4) {
    const v = v128.load(a + ((<usize>i) << 2));
    bad = v128.or(bad, f32x4.ne(f32x4.sub(v, v), f32x4.splat(0)));
  }
  if (v128.any_true(bad)) return false;
  for (; i < len; i++) if (!Number.isFinite(load<f32>(a + ((<usize>i) << 2)))) return false;
  return true;
}

/** Rows of A that compressRows with transA fills at a time. */
const FILL_BLOCK: i32 = 32;

/**
 * Gathers the nonzeros of op(A) (m × k; A stored k × m when transA) into compressed rows:
 * row r's column indices and values are `cols[starts[r] .. starts[r + 1] − 1]` and the same range
 * of `vals`. Branch-free: every element is written at the row's cursor and the cursor moves on
 * only past a nonzero, so zeros cost no mispredicted branch; each row ends with one spare slot for
 * the last such write (hence the `− 1`). T is f64 or f32, fixed at compile time.
 */
function compressRows<T>(
  m: i32,
  k: i32,
  transA: bool,
  a: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): void {
  const sz = <usize>sizeof<T>();
  if (!transA) {
    // 64 bytes (8 doubles or 16 floats) at a time: a block whose bits are all 0 holds no nonzero
    // and is skipped with one test (MNIST rows have long runs of blank pixels); any other block,
    // -0.0 and NaN included, goes through the branch-free loop, which decides element by element.
    let nnz = 0;
    for (let r = 0; r < m; r++) {
      store<i32>(starts + ((<usize>r) << 2), nnz);
      nnz = Runs.compressRun<T>(a + <usize>(r * k) * sz, k, 0, cols, vals, nnz);
      nnz++; // the spare slot
    }
    store<i32>(starts + ((<usize>m) << 2), nnz);
    return;
  }
  // Rows of op(A) are columns of A: count each column's nonzeros (4 columns per step, SIMD), lay
  // the rows out (each with its spare slot), then fill them in order of p. `starts[r + 1]` first
  // counts, then is the cursor of row r.
  const counts = starts + 4;
  memory.fill(starts, 0, (<usize>(m + 1)) << 2);
  for (let p = 0; p < k; p++) {
    const row = a + <usize>(p * m) * sz;
    let r = 0;
    for (; r + 4 <= m; r += 4) {
      let nz: v128;
      if (sizeof<T>() === 8) {
        const lo = f64x2.ne(v128.load(row + ((<usize>r) << 3)), f64x2.splat(0));
        const hi = f64x2.ne(v128.load(row + ((<usize>r) << 3), 16), f64x2.splat(0));
        nz = i32x4.shuffle(lo, hi, 0, 2, 4, 6); // the 64-bit masks narrowed to 32 bits
      } else {
        nz = f32x4.ne(v128.load(row + ((<usize>r) << 2)), f32x4.splat(0));
      }
      const q = counts + ((<usize>r) << 2);
      v128.store(q, i32x4.sub(v128.load(q), nz)); // a mask lane is −1
    }
    for (; r < m; r++) {
      const q = counts + ((<usize>r) << 2);
      store<i32>(q, load<i32>(q) + i32(load<T>(row + <usize>r * sz) !== 0));
    }
  }
  let at = 0;
  for (let r = 0; r < m; r++) {
    const q = starts + ((<usize>(r + 1)) << 2);
    const count = load<i32>(q);
    store<i32>(q, at); // the cursor of row r starts at the row's start
    at += count + 1;
  }
  // Filled a block of FILL_BLOCK rows of A at a time (they stay in L1), row of op(A) by row: each
  // row's cursor is read and written once a block rather than once an element.
  for (let p0 = 0; p0 < k; p0 += FILL_BLOCK) {
    const p1 = min(k, p0 + FILL_BLOCK);
    const block = a + <usize>(p0 * m) * sz;
    const ld = <usize>m * sz;
    for (let r = 0; r < m; r++) {
      const q = starts + ((<usize>(r + 1)) << 2);
      let pos = load<i32>(q);
      let at = block + <usize>r * sz;
      for (let p = p0; p < p1; p++) {
        const v = load<T>(at);
        store<i32>(cols + ((<usize>pos) << 2), p);
        store<T>(vals + <usize>pos * sz, v);
        pos += i32(v !== 0);
        at += ld;
      }
      store<i32>(q, pos);
    }
  }
  // Row r's cursor sits on its spare slot; row r + 1 starts one after it (and row 0 at 0).
  for (let r = m; r > 0; r--) {
    store<i32>(starts + ((<usize>r) << 2), load<i32>(starts + ((<usize>r) << 2)) + 1);
  }
}

/**
 * The compressed rows of op(A)ᵀ from those of op(A), without reading A again: given the rows of
 * the m × k op(A) at `src` (laid out by compressRows, spare slots included), writes the rows of
 * its k × m transpose at `dst` in the same layout. A counting sort by column, O(nnz + m + k), where
 * compressRows with transA passes four times over all m·k elements. Source rows are visited in
 * order, so each new row lists its entries by increasing column, exactly as compressRows(transA)
 * lists them: the products that follow add the same terms in the same order, bit for bit.
 * Backpropagation needs this: the forward pass gathers the rows of x for x·W, and the backward
 * pass's dW = xᵀ·dout needs the rows of xᵀ. T is f64 or f32, fixed at compile time.
 */
function transposeRows<T>(m: i32, k: i32, src: usize, dst: usize): void {
  const sCols = (src + ((<usize>(m + 1)) << 2) + 15) & ~15;
  const sVals = (sCols + ((<usize>(m * k + m)) << 2) + 15) & ~15;
  const dCols = (dst + ((<usize>(k + 1)) << 2) + 15) & ~15;
  const dVals = (dCols + ((<usize>(k * m + k)) << 2) + 15) & ~15;
  transposeCsr<T>(m, k, src, sCols, sVals, dst, dCols, dVals);
}

/**
 * {@link transposeRows} with each array's address given: the rows of the m × k matrix at
 * (`src`, `sCols`, `sVals`) → the rows of its k × m transpose at (`dst`, `dCols`, `dVals`), which
 * need room for k + 1 starts and nnz + k entries (nnz + m of the source, spare slots included).
 */
function transposeCsr<T>(
  m: i32,
  k: i32,
  src: usize,
  sCols: usize,
  sVals: usize,
  dst: usize,
  dCols: usize,
  dVals: usize,
): void {
  const sz = <usize>sizeof<T>();
  // `dst[p + 1]` first counts row p's entries, then is row p's cursor (as in compressRows).
  memory.fill(dst, 0, (<usize>(k + 1)) << 2);
  for (let r = 0; r < m; r++) {
    const e = load<i32>(src + ((<usize>(r + 1)) << 2)) - 1;
    for (let q = load<i32>(src + ((<usize>r) << 2)); q < e; q++) {
      const at = dst + ((<usize>(load<i32>(sCols + ((<usize>q) << 2)) + 1)) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
  }
  let at = 0;
  for (let p = 0; p < k; p++) {
    const q = dst + ((<usize>(p + 1)) << 2);
    const count = load<i32>(q);
    store<i32>(q, at);
    at += count + 1; // each row keeps its spare slot
  }
  for (let r = 0; r < m; r++) {
    const e = load<i32>(src + ((<usize>(r + 1)) << 2)) - 1;
    for (let q = load<i32>(src + ((<usize>r) << 2)); q < e; q++) {
      const cur = dst + ((<usize>(load<i32>(sCols + ((<usize>q) << 2)) + 1)) << 2);
      const pos = load<i32>(cur);
      store<i32>(dCols + ((<usize>pos) << 2), r);
      store<T>(dVals + <usize>pos * sz, load<T>(sVals + <usize>q * sz));
      store<i32>(cur, pos + 1);
    }
  }
  for (let p = k; p > 0; p--) {
    store<i32>(dst + ((<usize>p) << 2), load<i32>(dst + ((<usize>p) << 2)) + 1);
  }
}

/** {@link transposeRows} for float64 rows: the gathered rows of the m × k op(A) at `src` → op(A)ᵀ's at `dst`. */
export function transposeRows64(m: i32, k: i32, src: usize, dst: usize): void {
  transposeRows<f64>(m, k, src, dst);
}

/** {@link transposeRows} for float32 rows. */
export function transposeRows32(m: i32, k: i32, src: usize, dst: usize): void {
  transposeRows<f32>(m, k, src, dst);
}

/** {@link transposeCsr} for float64 rows. */
export function transposeCsr64(
  m: i32,
  k: i32,
  src: usize,
  sCols: usize,
  sVals: usize,
  dst: usize,
  dCols: usize,
  dVals: usize,
): void {
  transposeCsr<f64>(m, k, src, sCols, sVals, dst, dCols, dVals);
}

/** {@link transposeCsr} for float32 rows. */
export function transposeCsr32(
  m: i32,
  k: i32,
  src: usize,
  sCols: usize,
  sVals: usize,
  dst: usize,
  dCols: usize,
  dVals: usize,
): void {
  transposeCsr<f32>(m, k, src, sCols, sVals, dst, dCols, dVals);
}

/**
 * The compressed rows of a batch of byte rows (MNIST images) turned into floats through `table`
 * (256 values: byte b becomes table[b]), without the dense floats: `n` rows of `len` bytes at
 * `src` → row starts at `starts` (n + 1), column indices at `cols` and values at `vals` (room for
 * n·len + n), in the layout of compressRows (each row ends with a spare slot). A byte 0 is left
 * out (the caller uses this only when table[0] is +0). Returns the number of entries, spare slots included. T is f64 or f32.
 */
function compressBytes<T>(
  n: i32,
  len: i32,
  src: usize,
  table: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  const sz = <usize>sizeof<T>();
  const zero = i8x16.splat(0);
  let nnz = 0;
  for (let r = 0; r < n; r++) {
    store<i32>(starts + ((<usize>r) << 2), nnz);
    const row = src + <usize>(r * len);
    let p = 0;
    // 64 bytes a step: one bit per nonzero byte (four 16-lane masks), then one pass per set bit,
    // lowest first, so that a mostly blank block costs its few nonzeros and no per-byte branch.
    for (; p + 64 <= len; p += 64) {
      const q = row + <usize>p;
      let bits =
        <u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q), zero))) |
        ((<u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q, 16), zero)))) << 16) |
        ((<u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q, 32), zero)))) << 32) |
        ((<u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q, 48), zero)))) << 48);
      while (bits !== 0) {
        const j = p + <i32>ctz(bits);
        store<i32>(cols + ((<usize>nnz) << 2), j);
        store<T>(vals + <usize>nnz * sz, load<T>(table + <usize>load<u8>(row + <usize>j) * sz));
        nnz++;
        bits &= bits - 1;
      }
    }
    for (; p < len; p++) {
      const byte = load<u8>(row + <usize>p);
      store<i32>(cols + ((<usize>nnz) << 2), p);
      store<T>(vals + <usize>nnz * sz, load<T>(table + <usize>byte * sz));
      nnz += i32(byte !== 0);
    }
    nnz++; // the spare slot
  }
  store<i32>(starts + ((<usize>n) << 2), nnz);
  return nnz;
}

/**
 * {@link compressBytes} for rows picked from a larger set in place: row r is row `picks[r]` of the
 * rows of `len` bytes at `src` (MNIST's training images, kept in this memory), so that a batch is
 * compressed without its bytes being gathered first.
 */
function compressPicked<T>(
  n: i32,
  len: i32,
  src: usize,
  picks: usize,
  table: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  const sz = <usize>sizeof<T>();
  const zero = i8x16.splat(0);
  let nnz = 0;
  // The picked rows lie anywhere in a large set (47 MB for MNIST), mostly out of cache. A first
  // pass loads one byte of every cache line of every row: those loads are independent, so many are
  // in flight at once, where the compression itself would wait for each row in turn (WebAssembly
  // has no prefetch instruction). Measured: 100 random MNIST rows, 59 → 35 µs.
  let touched: u32 = 0;
  for (let r = 0; r < n; r++) {
    const row = src + <usize>load<i32>(picks + ((<usize>r) << 2)) * <usize>len;
    for (let o = 0; o < len; o += 64) touched += load<u8>(row + <usize>o);
    touched += load<u8>(row + <usize>(len - 1));
  }
  for (let r = 0; r < n; r++) {
    store<i32>(starts + ((<usize>r) << 2), nnz);
    const row = src + <usize>load<i32>(picks + ((<usize>r) << 2)) * <usize>len;
    let p = 0;
    // 64 bytes a step: one bit per nonzero byte (four 16-lane masks), then one pass per set bit,
    // lowest first, so that a mostly blank block costs its few nonzeros and no per-byte branch.
    for (; p + 64 <= len; p += 64) {
      const q = row + <usize>p;
      let bits =
        <u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q), zero))) |
        ((<u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q, 16), zero)))) << 16) |
        ((<u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q, 32), zero)))) << 32) |
        ((<u64>(<u32>i8x16.bitmask(i8x16.ne(v128.load(q, 48), zero)))) << 48);
      while (bits !== 0) {
        const j = p + <i32>ctz(bits);
        store<i32>(cols + ((<usize>nnz) << 2), j);
        store<T>(vals + <usize>nnz * sz, load<T>(table + <usize>load<u8>(row + <usize>j) * sz));
        nnz++;
        bits &= bits - 1;
      }
    }
    for (; p < len; p++) {
      const byte = load<u8>(row + <usize>p);
      store<i32>(cols + ((<usize>nnz) << 2), p);
      store<T>(vals + <usize>nnz * sz, load<T>(table + <usize>byte * sz));
      nnz += i32(byte !== 0);
    }
    nnz++; // the spare slot
  }
  store<i32>(starts + ((<usize>n) << 2), nnz);
  // The touched bytes' sum is stored where it harms nothing (the spare slot's column), so that
  // the loads are not optimised away.
  store<i32>(cols + ((<usize>(nnz - 1)) << 2), <i32>(touched & 0));
  return nnz;
}

/** {@link compressPicked} into float64 values. */
export function compressPicked64(
  n: i32,
  len: i32,
  src: usize,
  picks: usize,
  table: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressPicked<f64>(n, len, src, picks, table, starts, cols, vals);
}

/** {@link compressPicked} into float32 values. */
export function compressPicked32(
  n: i32,
  len: i32,
  src: usize,
  picks: usize,
  table: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressPicked<f32>(n, len, src, picks, table, starts, cols, vals);
}

/** {@link compressBytes} into float64 values. */
export function compressBytes64(
  n: i32,
  len: i32,
  src: usize,
  table: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressBytes<f64>(n, len, src, table, starts, cols, vals);
}

/** {@link compressBytes} into float32 values. */
export function compressBytes32(
  n: i32,
  len: i32,
  src: usize,
  table: usize,
  starts: usize,
  cols: usize,
  vals: usize,
): i32 {
  return compressBytes<f32>(n, len, src, table, starts, cols, vals);
}

// The transpose of compressed rows in parallel (threads.ts): the source rows are cut into
// chunks; each chunk counts its entries per column (countCols), the caller lays the columns out
// with each chunk's share in row order (prefixCols), and each chunk writes its entries at its
// cursors (scatterCols). Every column then lists its entries by increasing row, exactly as
// transposeCsr lists them.

/** counts[p] = entries in column p among rows r0 .. r1 − 1 of the rows at (src, sCols); q columns. */
export function countCols(r0: i32, r1: i32, q: i32, src: usize, sCols: usize, counts: usize): void {
  memory.fill(counts, 0, (<usize>q) << 2);
  for (let r = r0; r < r1; r++) {
    const e = load<i32>(src + ((<usize>(r + 1)) << 2)) - 1;
    for (let k = load<i32>(src + ((<usize>r) << 2)); k < e; k++) {
      const at = counts + ((<usize>load<i32>(sCols + ((<usize>k) << 2))) << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
  }
}

/**
 * The starts of the transposed rows (q + 1 of them, each row with a spare slot) from `chunks`
 * count arrays of q columns one after another at `counts`, and each chunk's cursor per column
 * (the same layout at `cursors`): chunk c's entries of column p go after chunks 0 .. c − 1's.
 */
export function prefixCols(q: i32, chunks: i32, counts: usize, dst: usize, cursors: usize): void {
  let at = 0;
  for (let p = 0; p < q; p++) {
    store<i32>(dst + ((<usize>p) << 2), at);
    for (let c = 0; c < chunks; c++) {
      const o = (<usize>(c * q + p)) << 2;
      store<i32>(cursors + o, at);
      at += load<i32>(counts + o);
    }
    at++; // the spare slot
  }
  store<i32>(dst + ((<usize>q) << 2), at);
}

/** Writes the entries of rows r0 .. r1 − 1 into their columns at the chunk's `cursors`. */
function scatterCols<T>(
  r0: i32,
  r1: i32,
  src: usize,
  sCols: usize,
  sVals: usize,
  cursors: usize,
  dCols: usize,
  dVals: usize,
): void {
  const sz = <usize>sizeof<T>();
  for (let r = r0; r < r1; r++) {
    const e = load<i32>(src + ((<usize>(r + 1)) << 2)) - 1;
    for (let k = load<i32>(src + ((<usize>r) << 2)); k < e; k++) {
      const cur = cursors + ((<usize>load<i32>(sCols + ((<usize>k) << 2))) << 2);
      const pos = load<i32>(cur);
      store<i32>(dCols + ((<usize>pos) << 2), r);
      store<T>(dVals + <usize>pos * sz, load<T>(sVals + <usize>k * sz));
      store<i32>(cur, pos + 1);
    }
  }
}

/** {@link scatterCols} for float64 values. */
export function scatterCols64(
  r0: i32,
  r1: i32,
  src: usize,
  sCols: usize,
  sVals: usize,
  cursors: usize,
  dCols: usize,
  dVals: usize,
): void {
  scatterCols<f64>(r0, r1, src, sCols, sVals, cursors, dCols, dVals);
}

/** {@link scatterCols} for float32 values. */
export function scatterCols32(
  r0: i32,
  r1: i32,
  src: usize,
  sCols: usize,
  sVals: usize,
  cursors: usize,
  dCols: usize,
  dVals: usize,
): void {
  scatterCols<f32>(r0, r1, src, sCols, sVals, cursors, dCols, dVals);
}

/** Bytes of scratch space {@link compressRows64} / {@link compressRows32} need at most. */
export function sparseWorkBytes(m: i32, k: i32, size: i32): i32 {
  const slots = m * k + m;
  return ((((m + 1) << 2) + 15) & ~15) + (((slots << 2) + 15) & ~15) + slots * size;
}

/** Copies `bytes` bytes from `src` to `dst`; the ranges may overlap. */
export function moveBytes(dst: usize, src: usize, bytes: i32): void {
  memory.copy(dst, src, <usize>bytes);
}

/** Whether the `bytes` bytes at `a` and at `b` are equal (16 at a time). */
export function bytesEqual(a: usize, b: usize, bytes: i32): bool {
  let i = 0;
  // 64 bytes a step, one test of the XORs ORed together (A is usually all equal or differs early).
  for (; i + 64 <= bytes; i += 64) {
    const pa = a + <usize>i;
    const pb = b + <usize>i;
    const d = v128.or(
      v128.or(
        v128.xor(v128.load(pa), v128.load(pb)),
        v128.xor(v128.load(pa, 16), v128.load(pb, 16)),
      ),
      v128.or(
        v128.xor(v128.load(pa, 32), v128.load(pb, 32)),
        v128.xor(v128.load(pa, 48), v128.load(pb, 48)),
      ),
    );
    if (v128.any_true(d)) return false;
  }
  for (; i + 16 <= bytes; i += 16) {
    if (!i8x16.all_true(i8x16.eq(v128.load(a + <usize>i), v128.load(b + <usize>i)))) return false;
  }
  for (; i < bytes; i++) if (load<u8>(a + <usize>i) !== load<u8>(b + <usize>i)) return false;
  return true;
}

// The sparse product's inner loop. Row r of C is built in SIMD registers a strip of W vectors at a
// time (W ≤ 7: 14 doubles or 28 floats), summing a · (that strip of row p of B) over the nonzeros
// a = op(A)[r][p]. The strips of a row are as even as possible (50 columns: 7 + 6 + 6 + 6 vectors
// of f64x2), each strip is swept over all rows before the next (a strip of B, 784 × 112 bytes, stays
// in cache), and W is a compile-time constant in each copy of the loop. Measured on Node 20 for
// MNIST's x (19% nonzero) · W1 (784 × 50): 85 µs, against 144 µs for strips of 8 vectors plus a
// 1-vector tail; at 8 accumulators and more, V8 runs out of the 16 SIMD registers and spills.
// Reading a strip of B past a row's end is harmless (C lies after B in memory): lanes past n are
// computed but not stored.

/**
 * Stores one vector of a finished row of C: the sum `acc` added to what C held (or to 0 when the
 * product overwrites C: 0 + acc, so that −0 comes out as +0, as from a cleared C), then the bias
 * vector at `bv + off` added when there is a bias (`bv` ≠ 0): the numbers of clearing C, adding
 * the product and then the bias row, in one store.
 */
function rowEnd64(o: usize, acc: v128, over: bool, bv: usize, off: usize): void {
  let v = f64x2.add(over ? f64x2.splat(0) : v128.load(o), acc);
  if (bv !== 0) v = f64x2.add(v, v128.load(bv + off));
  v128.store(o, v);
}

/** {@link rowEnd64} for four floats. */
function rowEnd32(o: usize, acc: v128, over: bool, bv: usize, off: usize): void {
  let v = f32x4.add(over ? f32x4.splat(0) : v128.load(o), acc);
  if (bv !== 0) v = f32x4.add(v, v128.load(bv + off));
  v128.store(o, v);
}

/** {@link rowEnd32} for one float of a row's last, partial vector. */
function laneEnd32(o: usize, acc: f32, over: bool, bv: usize, off: usize): void {
  let v: f32 = (over ? <f32>0 : load<f32>(o)) + acc;
  if (bv !== 0) v += load<f32>(bv + off);
  store<f32>(o, v);
}

/** The widest strip, in vectors. */
const STRIP: i32 = 7;

/**
 * C[r][strip] += Σ a · B[p][strip] over the nonzeros (p, a) of rows 0 .. m−1 of op(A), for one
 * strip of W f64x2 vectors starting at `bj` in B and `cj` in C; `last` lanes (1 or 2) of the strip's
 * last vector are inside C. Inlined with W a constant, so the unused accumulators disappear.
 */
// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript inlines `@inline` methods; a decorated function is not TypeScript.
class Strips64 {
  @inline
  static strip64(
    W: i32,
    m: i32,
    starts: usize,
    cols: usize,
    vals: usize,
    bj: usize,
    ldb: usize,
    cj: usize,
    last: i32,
    over: bool,
    bv: usize,
  ): void {
    for (let r = 0; r < m; r++) {
      const s = load<i32>(starts + ((<usize>r) << 2));
      const e = load<i32>(starts + ((<usize>(r + 1)) << 2)) - 1;
      let c0 = f64x2.splat(0);
      let c1 = f64x2.splat(0);
      let c2 = f64x2.splat(0);
      let c3 = f64x2.splat(0);
      let c4 = f64x2.splat(0);
      let c5 = f64x2.splat(0);
      let c6 = f64x2.splat(0);
      for (let q = s; q < e; q++) {
        const a = v128.load64_splat(vals + ((<usize>q) << 3));
        const br = bj + <usize>load<i32>(cols + ((<usize>q) << 2)) * ldb;
        c0 = madd64(a, v128.load(br), c0);
        if (W > 1) c1 = madd64(a, v128.load(br, 16), c1);
        if (W > 2) c2 = madd64(a, v128.load(br, 32), c2);
        if (W > 3) c3 = madd64(a, v128.load(br, 48), c3);
        if (W > 4) c4 = madd64(a, v128.load(br, 64), c4);
        if (W > 5) c5 = madd64(a, v128.load(br, 80), c5);
        if (W > 6) c6 = madd64(a, v128.load(br, 96), c6);
      }
      const o = cj + <usize>r * ldb;
      // Every vector but the last is whole; the last is `last` lanes wide.
      if (W > 1) rowEnd64(o + 0, c0, over, bv, 0);
      if (W > 2) rowEnd64(o + 16, c1, over, bv, 16);
      if (W > 3) rowEnd64(o + 32, c2, over, bv, 32);
      if (W > 4) rowEnd64(o + 48, c3, over, bv, 48);
      if (W > 5) rowEnd64(o + 64, c4, over, bv, 64);
      if (W > 6) rowEnd64(o + 80, c5, over, bv, 80);
      const t = o + ((<usize>(W - 1)) << 4);
      const cl =
        W === 1
          ? c0
          : W === 2
            ? c1
            : W === 3
              ? c2
              : W === 4
                ? c3
                : W === 5
                  ? c4
                  : W === 6
                    ? c5
                    : c6;
      const tb = (<usize>(W - 1)) << 4;
      if (last === 2) rowEnd64(t, cl, over, bv, tb);
      else {
        let v = (over ? 0.0 : load<f64>(t)) + f64x2.extract_lane(cl, 0);
        if (bv !== 0) v += load<f64>(bv + tb);
        store<f64>(t, v);
      }
    }
  }
}

/** {@link strip64} for a strip width known only at run time. */
function stripAny64(
  W: i32,
  m: i32,
  starts: usize,
  cols: usize,
  vals: usize,
  bj: usize,
  ldb: usize,
  cj: usize,
  last: i32,
  over: bool,
  bv: usize,
): void {
  switch (W) {
    case 7:
      Strips64.strip64(7, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 6:
      Strips64.strip64(6, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 5:
      Strips64.strip64(5, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 4:
      Strips64.strip64(4, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 3:
      Strips64.strip64(3, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 2:
      Strips64.strip64(2, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    default:
      Strips64.strip64(1, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
  }
}

/**
 * The compressed rows of the m × k op(A) at `a`, laid out in `work` ({@link sparseWorkBytes}
 * bytes) as {@link gemmRows64} reads them: the row starts at `work`, then the columns and the
 * values, each from a 16-byte boundary (as {@link transposeRows} lays them out).
 *
 * @returns the number of entries, spare slots included
 */
export function compressRows64(m: i32, k: i32, transA: bool, a: usize, work: usize): i32 {
  const cols = (work + ((<usize>(m + 1)) << 2) + 15) & ~15;
  const vals = (cols + ((<usize>(m * k + m)) << 2) + 15) & ~15;
  compressRows<f64>(m, k, transA, a, work, cols, vals);
  return load<i32>(work + ((<usize>m) << 2));
}

/**
 * C (m × n) += A · B in float64 for A given by its compressed rows (`starts`, `cols`, `vals`, in the
 * layout of compressRows), strip by strip (see {@link strip64}); with `over`, C = A · B (C need not
 * be cleared first), and with `bias` ≠ 0 the n doubles there are added to every row after the
 * product (see {@link rowEnd64}).
 */
export function gemmRows64(
  m: i32,
  n: i32,
  starts: usize,
  cols: usize,
  vals: usize,
  b: usize,
  c: usize,
  over: bool,
  bias: usize,
): void {
  const ldb = (<usize>n) << 3;
  const vectors = (n + 1) >> 1;
  const strips = (vectors + STRIP - 1) / STRIP;
  let v = 0;
  for (let i = 0; i < strips; i++) {
    const w = (vectors - v) / (strips - i);
    const last = v + w === vectors ? n - 2 * (vectors - 1) : 2;
    const off = (<usize>v) << 4;
    stripAny64(
      w,
      m,
      starts,
      cols,
      vals,
      b + off,
      ldb,
      c + off,
      last,
      over,
      bias === 0 ? 0 : bias + off,
    );
    v += w;
  }
}

/** {@link strip64} in float32: W f32x4 vectors, `last` lanes (1 to 4) of the last one inside C. */
// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript inlines `@inline` methods; a decorated function is not TypeScript.
class Strips32 {
  @inline
  static strip32(
    W: i32,
    m: i32,
    starts: usize,
    cols: usize,
    vals: usize,
    bj: usize,
    ldb: usize,
    cj: usize,
    last: i32,
    over: bool,
    bv: usize,
  ): void {
    for (let r = 0; r < m; r++) {
      const s = load<i32>(starts + ((<usize>r) << 2));
      const e = load<i32>(starts + ((<usize>(r + 1)) << 2)) - 1;
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let c2 = f32x4.splat(0);
      let c3 = f32x4.splat(0);
      let c4 = f32x4.splat(0);
      let c5 = f32x4.splat(0);
      let c6 = f32x4.splat(0);
      for (let q = s; q < e; q++) {
        const a = v128.load32_splat(vals + ((<usize>q) << 2));
        const br = bj + <usize>load<i32>(cols + ((<usize>q) << 2)) * ldb;
        c0 = madd32(a, v128.load(br), c0);
        if (W > 1) c1 = madd32(a, v128.load(br, 16), c1);
        if (W > 2) c2 = madd32(a, v128.load(br, 32), c2);
        if (W > 3) c3 = madd32(a, v128.load(br, 48), c3);
        if (W > 4) c4 = madd32(a, v128.load(br, 64), c4);
        if (W > 5) c5 = madd32(a, v128.load(br, 80), c5);
        if (W > 6) c6 = madd32(a, v128.load(br, 96), c6);
      }
      const o = cj + <usize>r * ldb;
      if (W > 1) rowEnd32(o + 0, c0, over, bv, 0);
      if (W > 2) rowEnd32(o + 16, c1, over, bv, 16);
      if (W > 3) rowEnd32(o + 32, c2, over, bv, 32);
      if (W > 4) rowEnd32(o + 48, c3, over, bv, 48);
      if (W > 5) rowEnd32(o + 64, c4, over, bv, 64);
      if (W > 6) rowEnd32(o + 80, c5, over, bv, 80);
      const t = o + ((<usize>(W - 1)) << 4);
      const cl =
        W === 1
          ? c0
          : W === 2
            ? c1
            : W === 3
              ? c2
              : W === 4
                ? c3
                : W === 5
                  ? c4
                  : W === 6
                    ? c5
                    : c6;
      const tb = (<usize>(W - 1)) << 4;
      if (last === 4) rowEnd32(t, cl, over, bv, tb);
      else {
        laneEnd32(t, f32x4.extract_lane(cl, 0), over, bv, tb);
        if (last > 1) laneEnd32(t + 4, f32x4.extract_lane(cl, 1), over, bv, tb + 4);
        if (last > 2) laneEnd32(t + 8, f32x4.extract_lane(cl, 2), over, bv, tb + 8);
      }
    }
  }
}

/** {@link strip32} for a strip width known only at run time. */
function stripAny32(
  W: i32,
  m: i32,
  starts: usize,
  cols: usize,
  vals: usize,
  bj: usize,
  ldb: usize,
  cj: usize,
  last: i32,
  over: bool,
  bv: usize,
): void {
  switch (W) {
    case 7:
      Strips32.strip32(7, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 6:
      Strips32.strip32(6, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 5:
      Strips32.strip32(5, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 4:
      Strips32.strip32(4, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 3:
      Strips32.strip32(3, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    case 2:
      Strips32.strip32(2, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
      break;
    default:
      Strips32.strip32(1, m, starts, cols, vals, bj, ldb, cj, last, over, bv);
  }
}

/** {@link compressRows64} for float32 elements. */
export function compressRows32(m: i32, k: i32, transA: bool, a: usize, work: usize): i32 {
  const cols = (work + ((<usize>(m + 1)) << 2) + 15) & ~15;
  const vals = (cols + ((<usize>(m * k + m)) << 2) + 15) & ~15;
  compressRows<f32>(m, k, transA, a, work, cols, vals);
  return load<i32>(work + ((<usize>m) << 2));
}

/**
 * C (m × n) += A · B in float32 for A given by its compressed rows (`starts`, `cols`, `vals`, in the
 * layout of compressRows), strip by strip (see {@link strip32}); `over` and `bias` as in
 * {@link gemmRows64}.
 */
export function gemmRows32(
  m: i32,
  n: i32,
  starts: usize,
  cols: usize,
  vals: usize,
  b: usize,
  c: usize,
  over: bool,
  bias: usize,
): void {
  const ldb = (<usize>n) << 2;
  const vectors = (n + 3) >> 2;
  const strips = (vectors + STRIP - 1) / STRIP;
  let v = 0;
  for (let i = 0; i < strips; i++) {
    const w = (vectors - v) / (strips - i);
    const last = v + w === vectors ? n - 4 * (vectors - 1) : 4;
    const off = (<usize>v) << 4;
    stripAny32(
      w,
      m,
      starts,
      cols,
      vals,
      b + off,
      ldb,
      c + off,
      last,
      over,
      bias === 0 ? 0 : bias + off,
    );
    v += w;
  }
}

// ---- the product with im2col's rows made image by image (a convolution's forward) -----------

// C = col · B (+ bias) with col = im2col(x) never made: each image's rows of col are compressed
// (compressUnfold) into a small space of their own and multiplied (gemmRows) at once, while they
// are still in cache, instead of all of them compressed into memory and read back. The same rows
// and the same products, so the same numbers bit for bit.

/**
 * Bytes of the space one chunk of {@link unfoldRows64} / {@link unfoldRows32} compresses an
 * image's rows into: starts, columns and values for every element and a spare slot per row.
 */
export function unfoldRowsBytes(rows: i32, k: i32, size: i32): i32 {
  const entries = rows * (k + 1);
  return (((rows + 1) * 4 + 15) & ~15) + ((entries * 4 + 15) & ~15) + ((entries * size + 15) & ~15);
}

/**
 * Rows of C = im2col(x) · B (+ bias) for images i0 .. i1−1 (of n at `x`, each C·H·W elements of
 * T) and the `cols`-column B; C overwritten from row i0·OH·OW on. `work` holds the space
 * (unfoldRowsBytes) the images' rows are compressed into, one image at a time.
 */
function unfoldRows<T>(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  cols: i32,
  b: usize,
  out: usize,
  bias: usize,
  work: usize,
): void {
  const rows = outSize(h, fh, stride, pad) * outSize(w, fw, stride, pad);
  const matrix = <usize>(rows * cols) * sizeof<T>();
  for (let i = i0; i < i1; i++) {
    unfoldImage<T>(
      i,
      c,
      h,
      w,
      fh,
      fw,
      stride,
      pad,
      x,
      cols,
      b,
      out + <usize>i * matrix,
      bias,
      work,
    );
  }
}

/**
 * Image i's rows of C = im2col(x) · B (+ bias), written at `ci`: compressed into `work` (see
 * unfoldRowsBytes), then multiplied.
 */
function unfoldImage<T>(
  i: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  cols: i32,
  b: usize,
  ci: usize,
  bias: usize,
  work: usize,
): void {
  const rows = outSize(h, fh, stride, pad) * outSize(w, fw, stride, pad);
  const k = c * fh * fw;
  const size = <usize>sizeof<T>();
  const starts = work;
  const colsAt = (starts + ((<usize>(rows + 1)) << 2) + 15) & ~15;
  const vals = (colsAt + ((<usize>(rows * (k + 1))) << 2) + 15) & ~15;
  const at = x + <usize>(i * c * h * w) * size;
  // compressUnfold reads image i at x + i·C·H·W: given the image itself, it is image 0.
  compressUnfold<T>(0, 1, c, h, w, fh, fw, stride, pad, at, starts, colsAt, vals);
  if (sizeof<T>() === 8) gemmRows64(rows, cols, starts, colsAt, vals, b, ci, true, bias);
  else gemmRows32(rows, cols, starts, colsAt, vals, b, ci, true, bias);
}

// C put channels first (and through the ReLU) as it is made: each image's C, OH·OW × cols, is
// made in a space of its own while its image is in cache, then moved channels first into `dst`
// (transposeBatches of transpose.ts, the ReLU applied on the way when there is a mask), where
// its bytes are still in cache, instead of all of C going out to memory and coming back for the
// transpose. The same products and moves, so the same numbers bit for bit.

/**
 * Bytes of one chunk's space for {@link unfoldFirst64} / {@link unfoldFirst32}: the compressed
 * rows of an image, then its C.
 */
export function unfoldFirstBytes(rows: i32, k: i32, cols: i32, size: i32): i32 {
  return unfoldRowsBytes(rows, k, size) + ((rows * cols * size + 15) & ~15);
}

/**
 * Images i0 .. i1−1 of C = im2col(x) · B (+ bias), each image's `OH·OW × cols` matrix written to
 * `dst` transposed (`cols × OH·OW`, channels first), through the ReLU with its mask bytes at
 * `mask` when that is not 0; `work` holds {@link unfoldFirstBytes}.
 */
function unfoldFirst<T>(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  cols: i32,
  b: usize,
  bias: usize,
  dst: usize,
  mask: usize,
  work: usize,
): void {
  const rows = outSize(h, fh, stride, pad) * outSize(w, fw, stride, pad);
  const ci = work + <usize>unfoldRowsBytes(rows, c * fh * fw, sizeof<T>());
  const count = <usize>(rows * cols);
  for (let i = i0; i < i1; i++) {
    unfoldImage<T>(i, c, h, w, fh, fw, stride, pad, x, cols, b, ci, bias, work);
    const at = dst + <usize>i * count * sizeof<T>();
    transposeBatches<T>(0, 1, rows, cols, ci, at, mask === 0 ? 0 : mask + <usize>i * count);
  }
}

/** {@link unfoldFirst} of doubles. */
export function unfoldFirst64(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  cols: i32,
  b: usize,
  bias: usize,
  dst: usize,
  mask: usize,
  work: usize,
): void {
  unfoldFirst<f64>(i0, i1, c, h, w, fh, fw, stride, pad, x, cols, b, bias, dst, mask, work);
}

/** {@link unfoldFirst} of floats. */
export function unfoldFirst32(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  cols: i32,
  b: usize,
  bias: usize,
  dst: usize,
  mask: usize,
  work: usize,
): void {
  unfoldFirst<f32>(i0, i1, c, h, w, fh, fw, stride, pad, x, cols, b, bias, dst, mask, work);
}

/** {@link unfoldRows} of doubles. */
export function unfoldRows64(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  cols: i32,
  b: usize,
  out: usize,
  bias: usize,
  work: usize,
): void {
  unfoldRows<f64>(i0, i1, c, h, w, fh, fw, stride, pad, x, cols, b, out, bias, work);
}

/** {@link unfoldRows} of floats. */
export function unfoldRows32(
  i0: i32,
  i1: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  pad: i32,
  x: usize,
  cols: i32,
  b: usize,
  out: usize,
  bias: usize,
  work: usize,
): void {
  unfoldRows<f32>(i0, i1, c, h, w, fh, fw, stride, pad, x, cols, b, out, bias, work);
}

// ---- the product of planes and windows (a convolution's dW) -----------------------------------

// dW = Mᵀ · col with Mᵀ the planes of dout (see planes.ts) and col = im2col(x), neither made: for
// each nonzero of plane f, image b, position p, the window of image b under p times that value is
// added to row f of dW, read where the window lies in the image. The same nonzeros in the same
// order (image by image, position by position) and the same products as compressPlanes then
// gemmRows (Strips), so the same numbers bit for bit, without a compressed Mᵀ or a col written:
// only the images (small) are read besides the planes. Where each position's window starts is
// worked out once, into a small table of the chunk's own. A row of dW is added up in
// registers, one accumulator per vector of each window row, so small windows only: at most five
// window rows (C·FH) of at most two vectors of floats or three of doubles (FW ≤ 8 or 6), pad 0.

/**
 * Bytes of the table of one chunk of {@link planesWindows64} / {@link planesWindows32} for planes
 * of `len` positions (where each position's window starts), in whole 128-byte blocks, so that two
 * chunks' tables share no cache line.
 */
export function windowsTableBytes(len: i32): i32 {
  return (len * 4 + 127) & ~127;
}

// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript inlines `@inline` methods; a decorated function is not TypeScript.
class Windows {
  /** Stores the first `count` (≤ 0: none) lanes of `v` at `at`, a whole vector when all fit. */
  @inline
  static put<T>(at: usize, v: v128, count: i32): void {
    if (sizeof<T>() === 8) {
      if (count >= 2) v128.store(at, v);
      else if (count === 1) store<f64>(at, f64x2.extract_lane(v, 0));
    } else if (count >= 4) v128.store(at, v);
    else {
      if (count >= 1) store<f32>(at, f32x4.extract_lane(v, 0));
      if (count >= 2) store<f32>(at, f32x4.extract_lane(v, 1), 4);
      if (count >= 3) store<f32>(at, f32x4.extract_lane(v, 2), 8);
    }
  }

  /**
   * Rows f0 .. f1−1 of C for windows of R rows (a constant), V vectors each (2 for floats, 3 for
   * doubles): see {@link planesWindows32}.
   */
  @inline
  static product<T>(
    R: i32,
    f0: i32,
    f1: i32,
    planes: i32,
    batches: i32,
    c: i32,
    h: i32,
    w: i32,
    fh: i32,
    fw: i32,
    stride: i32,
    planesAt: usize,
    x: usize,
    out: usize,
    table: usize,
  ): void {
    const size = <usize>sizeof<T>();
    const lanes = <i32>(16 / size);
    const V = sizeof<T>() === 8 ? 3 : 2;
    const oh = outSize(h, fh, stride, 0);
    const ow = outSize(w, fw, stride, 0);
    const rowBytes = <usize>w * size;
    const plane = <usize>(h * w) * size;
    const step = <i32>(64 / size);
    const colBytes = stride * <i32>size;
    const k = c * fh * fw;
    const len = oh * ow;
    // Where the window of each position starts in its image, once: no division per nonzero.
    for (let y = 0, p = 0; y < oh; y++) {
      for (let i = 0; i < ow; i++, p++) {
        store<i32>(table + ((<usize>p) << 2), <i32>(<usize>(y * stride) * rowBytes) + i * colBytes);
      }
    }
    // Window row r (channel r / FH, row r % FH) starts o_r bytes past the window's corner.
    const o0: usize = 0;
    const o1 = <usize>(1 / fh) * plane + <usize>(1 % fh) * rowBytes;
    const o2 = <usize>(2 / fh) * plane + <usize>(2 % fh) * rowBytes;
    const o3 = <usize>(3 / fh) * plane + <usize>(3 % fh) * rowBytes;
    const o4 = <usize>(4 / fh) * plane + <usize>(4 % fh) * rowBytes;
    for (let f = f0; f < f1; f++) {
      let a00 = v128.splat<i64>(0);
      let a01 = v128.splat<i64>(0);
      let a02 = v128.splat<i64>(0);
      let a10 = v128.splat<i64>(0);
      let a11 = v128.splat<i64>(0);
      let a12 = v128.splat<i64>(0);
      let a20 = v128.splat<i64>(0);
      let a21 = v128.splat<i64>(0);
      let a22 = v128.splat<i64>(0);
      let a30 = v128.splat<i64>(0);
      let a31 = v128.splat<i64>(0);
      let a32 = v128.splat<i64>(0);
      let a40 = v128.splat<i64>(0);
      let a41 = v128.splat<i64>(0);
      let a42 = v128.splat<i64>(0);
      for (let b = 0; b < batches; b++) {
        const run = planesAt + <usize>((b * planes + f) * oh * ow) * size;
        const image = x + <usize>(b * c) * plane;
        // The nonzeros of plane f of image b, in order, a block of 64 bytes at a time: a bit
        // for each nonzero (−0 is a zero, as compressPlanes has it; NaN is not), then the bits
        // one by one, so that a zero costs no branch at all.
        for (let p = 0; p < len; p += step) {
          const q = run + <usize>p * size;
          let bits = 0;
          if (p + step <= len) {
            if (Runs.blank(q)) continue; // the common case, at the least cost
            bits = Windows.nonzeros<T>(q);
          } else {
            for (let j = 0; j < len - p; j++) bits |= i32(load<T>(q + <usize>j * size) !== 0) << j;
          }
          while (bits !== 0) {
            const j = p + ctz(bits);
            bits &= bits - 1;
            const d = load<T>(run + <usize>j * size);
            const dv = sizeof<T>() === 8 ? f64x2.splat(<f64>d) : f32x4.splat(<f32>d);
            const at = image + <usize>load<i32>(table + ((<usize>j) << 2));
            a00 = Windows.madd<T>(dv, v128.load(at + o0, 0), a00);
            a01 = Windows.madd<T>(dv, v128.load(at + o0, 16), a01);
            if (V > 2) a02 = Windows.madd<T>(dv, v128.load(at + o0, 32), a02);
            if (R > 1) a10 = Windows.madd<T>(dv, v128.load(at + o1, 0), a10);
            if (R > 1) a11 = Windows.madd<T>(dv, v128.load(at + o1, 16), a11);
            if (R > 1 && V > 2) a12 = Windows.madd<T>(dv, v128.load(at + o1, 32), a12);
            if (R > 2) a20 = Windows.madd<T>(dv, v128.load(at + o2, 0), a20);
            if (R > 2) a21 = Windows.madd<T>(dv, v128.load(at + o2, 16), a21);
            if (R > 2 && V > 2) a22 = Windows.madd<T>(dv, v128.load(at + o2, 32), a22);
            if (R > 3) a30 = Windows.madd<T>(dv, v128.load(at + o3, 0), a30);
            if (R > 3) a31 = Windows.madd<T>(dv, v128.load(at + o3, 16), a31);
            if (R > 3 && V > 2) a32 = Windows.madd<T>(dv, v128.load(at + o3, 32), a32);
            if (R > 4) a40 = Windows.madd<T>(dv, v128.load(at + o4, 0), a40);
            if (R > 4) a41 = Windows.madd<T>(dv, v128.load(at + o4, 16), a41);
            if (R > 4 && V > 2) a42 = Windows.madd<T>(dv, v128.load(at + o4, 32), a42);
          }
        }
      }
      // Row f of C: the first FW lanes of each window row.
      const o = out + <usize>(f * k) * size;
      Windows.put<T>(o + <usize>(0 * fw + 0 * lanes) * size, a00, fw - 0 * lanes);
      Windows.put<T>(o + <usize>(0 * fw + 1 * lanes) * size, a01, fw - 1 * lanes);
      if (V > 2) Windows.put<T>(o + <usize>(0 * fw + 2 * lanes) * size, a02, fw - 2 * lanes);
      if (R > 1) Windows.put<T>(o + <usize>(1 * fw + 0 * lanes) * size, a10, fw - 0 * lanes);
      if (R > 1) Windows.put<T>(o + <usize>(1 * fw + 1 * lanes) * size, a11, fw - 1 * lanes);
      if (R > 1 && V > 2)
        Windows.put<T>(o + <usize>(1 * fw + 2 * lanes) * size, a12, fw - 2 * lanes);
      if (R > 2) Windows.put<T>(o + <usize>(2 * fw + 0 * lanes) * size, a20, fw - 0 * lanes);
      if (R > 2) Windows.put<T>(o + <usize>(2 * fw + 1 * lanes) * size, a21, fw - 1 * lanes);
      if (R > 2 && V > 2)
        Windows.put<T>(o + <usize>(2 * fw + 2 * lanes) * size, a22, fw - 2 * lanes);
      if (R > 3) Windows.put<T>(o + <usize>(3 * fw + 0 * lanes) * size, a30, fw - 0 * lanes);
      if (R > 3) Windows.put<T>(o + <usize>(3 * fw + 1 * lanes) * size, a31, fw - 1 * lanes);
      if (R > 3 && V > 2)
        Windows.put<T>(o + <usize>(3 * fw + 2 * lanes) * size, a32, fw - 2 * lanes);
      if (R > 4) Windows.put<T>(o + <usize>(4 * fw + 0 * lanes) * size, a40, fw - 0 * lanes);
      if (R > 4) Windows.put<T>(o + <usize>(4 * fw + 1 * lanes) * size, a41, fw - 1 * lanes);
      if (R > 4 && V > 2)
        Windows.put<T>(o + <usize>(4 * fw + 2 * lanes) * size, a42, fw - 2 * lanes);
    }
  }

  /**
   * A bit for each nonzero element of the 64 bytes at `q` (16 floats or 8 doubles), lowest first:
   * −0 is a zero, NaN is not.
   */
  @inline
  static nonzeros<T>(q: usize): i32 {
    if (sizeof<T>() === 8) {
      const z = f64x2.splat(0);
      return (
        i64x2.bitmask(f64x2.ne(v128.load(q), z)) |
        (i64x2.bitmask(f64x2.ne(v128.load(q, 16), z)) << 2) |
        (i64x2.bitmask(f64x2.ne(v128.load(q, 32), z)) << 4) |
        (i64x2.bitmask(f64x2.ne(v128.load(q, 48), z)) << 6)
      );
    }
    const z = f32x4.splat(0);
    return (
      i32x4.bitmask(f32x4.ne(v128.load(q), z)) |
      (i32x4.bitmask(f32x4.ne(v128.load(q, 16), z)) << 4) |
      (i32x4.bitmask(f32x4.ne(v128.load(q, 32), z)) << 8) |
      (i32x4.bitmask(f32x4.ne(v128.load(q, 48), z)) << 12)
    );
  }

  /** a·b + c in lanes of T. */
  @inline
  static madd<T>(a: v128, b: v128, c: v128): v128 {
    return sizeof<T>() === 8 ? madd64(a, b, c) : madd32(a, b, c);
  }
}

/**
 * Rows f0 .. f1−1 of C = Mᵀ · im2col(x) (C is `planes × C·FH·FW`, overwritten), row f of Mᵀ
 * being plane f of each of the `batches` images at `planesAt` (`planes × OH·OW` elements each),
 * x the images at `x` (`C × H × W` each), pad 0, C·FH ≤ 5 (a register per vector of a window
 * row). Each window row is read as whole vectors, up to 32 (floats) or 40 bytes (doubles) past its
 * end, past the last image too (the caller leaves that room); the lanes past FW are added up but
 * never stored.
 * `table` has {@link windowsTableBytes} bytes for OH·OW positions.
 */
function planesWindows<T>(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  planesAt: usize,
  x: usize,
  out: usize,
  table: usize,
): void {
  switch (c * fh) {
    case 5:
      Windows.product<T>(
        5,
        f0,
        f1,
        planes,
        batches,
        c,
        h,
        w,
        fh,
        fw,
        stride,
        planesAt,
        x,
        out,
        table,
      );
      break;
    case 4:
      Windows.product<T>(
        4,
        f0,
        f1,
        planes,
        batches,
        c,
        h,
        w,
        fh,
        fw,
        stride,
        planesAt,
        x,
        out,
        table,
      );
      break;
    case 3:
      Windows.product<T>(
        3,
        f0,
        f1,
        planes,
        batches,
        c,
        h,
        w,
        fh,
        fw,
        stride,
        planesAt,
        x,
        out,
        table,
      );
      break;
    case 2:
      Windows.product<T>(
        2,
        f0,
        f1,
        planes,
        batches,
        c,
        h,
        w,
        fh,
        fw,
        stride,
        planesAt,
        x,
        out,
        table,
      );
      break;
    default:
      Windows.product<T>(
        1,
        f0,
        f1,
        planes,
        batches,
        c,
        h,
        w,
        fh,
        fw,
        stride,
        planesAt,
        x,
        out,
        table,
      );
  }
}

/** {@link planesWindows} of doubles. */
export function planesWindows64(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  planesAt: usize,
  x: usize,
  out: usize,
  table: usize,
): void {
  planesWindows<f64>(f0, f1, planes, batches, c, h, w, fh, fw, stride, planesAt, x, out, table);
}

/** {@link planesWindows} of floats. */
export function planesWindows32(
  f0: i32,
  f1: i32,
  planes: i32,
  batches: i32,
  c: i32,
  h: i32,
  w: i32,
  fh: i32,
  fw: i32,
  stride: i32,
  planesAt: usize,
  x: usize,
  out: usize,
  table: usize,
): void {
  planesWindows<f32>(f0, f1, planes, batches, c, h, w, fh, fw, stride, planesAt, x, out, table);
}

// ---- ReLU with its mask (the layer's forward and backward: assembly/relu.ts) -----------------

export { reluMask32, reluMask64, zeroMasked32, zeroMasked64 } from './relu';

// ---- the bias of an Affine layer: C[r][j] += bias[j] ----------------------------------------

/**
 * C[r][j] += bias[j] for the m rows of n doubles at `c`: the bias of `x·W + b`, added after the
 * product as the plain loop adds it (one rounding per element, the same numbers).
 */
export function addRow64(m: i32, n: i32, c: usize, bias: usize): void {
  for (let r = 0; r < m; r++) {
    const row = c + ((<usize>(r * n)) << 3);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const o = row + ((<usize>j) << 3);
      v128.store(o, f64x2.add(v128.load(o), v128.load(bias + ((<usize>j) << 3))));
    }
    for (; j < n; j++) {
      const o = row + ((<usize>j) << 3);
      store<f64>(o, load<f64>(o) + load<f64>(bias + ((<usize>j) << 3)));
    }
  }
}

/** {@link addRow64} for floats (a float32 sum is the same rounded once or via a double). */
export function addRow32(m: i32, n: i32, c: usize, bias: usize): void {
  for (let r = 0; r < m; r++) {
    const row = c + ((<usize>(r * n)) << 2);
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const o = row + ((<usize>j) << 2);
      v128.store(o, f32x4.add(v128.load(o), v128.load(bias + ((<usize>j) << 2))));
    }
    for (; j < n; j++) {
      const o = row + ((<usize>j) << 2);
      store<f32>(o, load<f32>(o) + load<f32>(bias + ((<usize>j) << 2)));
    }
  }
}

// ---- the optimiser's step: p ← p − s·g --------------------------------------------------------

/**
 * `p[i] = p[i] − s·g[i]` for `len` doubles, two at a time: the SGD update W ← W − η·dW. The same
 * two roundings per element (the product, then the difference) as the plain loop, so the result
 * is the same bit for bit.
 */
export function scaledSubtract64(len: i32, s: f64, g: usize, p: usize): void {
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const gp = g + ((<usize>i) << 3);
    const pp = p + ((<usize>i) << 3);
    v128.store(pp, f64x2.sub(v128.load(pp), f64x2.mul(sv, v128.load(gp))));
    v128.store(pp, f64x2.sub(v128.load(pp, 16), f64x2.mul(sv, v128.load(gp, 16))), 16);
  }
  for (; i < len; i++) {
    const pp = p + ((<usize>i) << 3);
    store<f64>(pp, load<f64>(pp) - s * load<f64>(g + ((<usize>i) << 3)));
  }
}

/**
 * `p[i] = p[i] − s·g[i]` for `len` floats, computed in double precision and rounded to float32
 * once at the end, as the plain loop over Float32Arrays does (JavaScript arithmetic is double).
 */
export function scaledSubtract32(len: i32, s: f64, g: usize, p: usize): void {
  const sv = f64x2.splat(s);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const gp = g + ((<usize>i) << 2);
    const pp = p + ((<usize>i) << 2);
    const gv = v128.load(gp);
    const pv = v128.load(pp);
    // Lanes 0–1 and 2–3 widened to doubles, updated, narrowed back and put together.
    const lo = f64x2.sub(f64x2.promote_low_f32x4(pv), f64x2.mul(sv, f64x2.promote_low_f32x4(gv)));
    const hi = f64x2.sub(
      f64x2.promote_low_f32x4(i32x4.shuffle(pv, pv, 2, 3, 0, 1)),
      f64x2.mul(sv, f64x2.promote_low_f32x4(i32x4.shuffle(gv, gv, 2, 3, 0, 1))),
    );
    v128.store(
      pp,
      i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5),
    );
  }
  for (; i < len; i++) {
    const pp = p + ((<usize>i) << 2);
    store<f32>(pp, <f32>(<f64>load<f32>(pp) - s * <f64>load<f32>(g + ((<usize>i) << 2))));
  }
}

// ---- batch gathering: image bytes to floats through a 256-entry table -------------------------

/**
 * `dst[i] = table[src[i]]` for `len` bytes, the table holding 256 doubles (`b / 255` for MNIST
 * pixels). 16 bytes at a time: a block of sixteen 0 bytes (most of an MNIST image) is written as
 * sixteen `table[0]` with vector stores; any other block goes byte by byte.
 */
export function lookupBytes64(len: i32, src: usize, table: usize, dst: usize): void {
  const t0 = f64x2.splat(load<f64>(table));
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    const o = dst + ((<usize>i) << 3);
    if (!v128.any_true(v128.load(src + <usize>i))) {
      v128.store(o, t0);
      v128.store(o, t0, 16);
      v128.store(o, t0, 32);
      v128.store(o, t0, 48);
      v128.store(o, t0, 64);
      v128.store(o, t0, 80);
      v128.store(o, t0, 96);
      v128.store(o, t0, 112);
      continue;
    }
    for (let j = 0; j < 16; j++) {
      const b = <usize>load<u8>(src + <usize>(i + j));
      store<f64>(o + ((<usize>j) << 3), load<f64>(table + (b << 3)));
    }
  }
  for (; i < len; i++) {
    const b = <usize>load<u8>(src + <usize>i);
    store<f64>(dst + ((<usize>i) << 3), load<f64>(table + (b << 3)));
  }
}

/** {@link lookupBytes64} with a table of 256 floats, writing floats. */
export function lookupBytes32(len: i32, src: usize, table: usize, dst: usize): void {
  const t0 = f32x4.splat(load<f32>(table));
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    const o = dst + ((<usize>i) << 2);
    if (!v128.any_true(v128.load(src + <usize>i))) {
      v128.store(o, t0);
      v128.store(o, t0, 16);
      v128.store(o, t0, 32);
      v128.store(o, t0, 48);
      continue;
    }
    for (let j = 0; j < 16; j++) {
      const b = <usize>load<u8>(src + <usize>(i + j));
      store<f32>(o + ((<usize>j) << 2), load<f32>(table + (b << 2)));
    }
  }
  for (; i < len; i++) {
    const b = <usize>load<u8>(src + <usize>i);
    store<f32>(dst + ((<usize>i) << 2), load<f32>(table + (b << 2)));
  }
}

// ---- im2col and col2im, the convolution's unfolding (assembly/im2col.ts) ---------------------

export {
  col2im32,
  col2im64,
  compressUnfold32,
  compressUnfold64,
  im2col32,
  im2col64,
} from './im2col';

// ---- the batched transpose of NDArray.transpose (assembly/transpose.ts) ----------------------

export { transposeBatches32, transposeBatches64 } from './transpose';

// ---- max and argmax along the last axis (assembly/reduce-rows.ts) ---------------------------

export { argmaxRows32, argmaxRows64, maxRows32, maxRows64 } from './reduce-rows';

// ---- the sum over the rows, np.sum(a, axis=0) (assembly/sum-columns.ts) ----------------------

export { sumColumns32, sumColumns64 } from './sum-columns';

// ---- Adam's update, m, v and p in one pass (assembly/adam.ts) --------------------------------

export { adamStep32, adamStep64 } from './adam';

// ---- max pooling straight from the images (assembly/pool.ts) --------------------------------

export {
  col2imScatter32,
  col2imScatter64,
  poolMax32,
  poolMax64,
  wholeBelow32,
  wholeBelow64,
} from './pool';

// ---- a batch of planes read as the rows of their transpose (assembly/planes.ts) -------------

export {
  compressPlanes32,
  compressPlanes64,
  gatherPlanes,
  sumPlanes32,
  sumPlanes64,
} from './planes';

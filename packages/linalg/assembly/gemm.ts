// The WebAssembly SIMD matrix-product kernels behind `gemm` in `@dl/linalg`.
//
// AssemblyScript, compiled by `pnpm --filter @dl/linalg build:wasm` into
// src/kernels/wasm-bytes.ts (the bytes as base64, committed, so tests need no build step).
//
// C (m × n) += op(A) (m × k) · op(B) (k × n), all row-major, where op(A) = Aᵀ when transA
// (A stored k × m) and op(B) = Bᵀ when transB (B stored n × k). The caller (JavaScript) places
// A, B and C in this module's memory, zeroes C unless it accumulates, and passes byte addresses.
//
// The layout is the classic one of GotoBLAS/BLIS: for each block of KC steps along k, a block of
// op(B) is packed into column panels NR wide (kc × NR contiguous), a block of op(A) into row panels
// MR tall (kc × MR contiguous), and a register-blocked micro-kernel computes one MR × NR tile of C
// with MR·NR/lanes SIMD accumulators. Packing is where the transposes disappear: whatever the
// stored layout, the micro-kernel always reads both panels front to back. Panels are padded with
// zeros to whole tiles; the tile's store writes only the elements inside C.

// Block sizes: a packed A panel (MR × KC) and B panel (KC × NR) stay in L1, a packed A block
// (MC × KC) in L2.
const KC: i32 = 256;
const MC: i32 = 96;

// ---- float64: f64x2 lanes, 4 × 4 tiles (8 accumulators) --------------------------------------

const MR64: i32 = 4;
const NR64: i32 = 4;

/** Packs op(B)[pc .. pc+kc, 0 .. n] into ⌈n / NR⌉ panels of kc × NR doubles. */
function packB64(b: usize, n: i32, k: i32, transB: bool, pc: i32, kc: i32, dst: usize): void {
  for (let jp = 0; jp < n; jp += NR64) {
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

/** C[0..h, 0..w] += (packed A panel) · (packed B panel), one 4 × 4 tile; ldc in bytes. */
function tile64(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, h: i32, w: i32): void {
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
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(ap, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
    ap += 32;
    bp += 32;
  }
  if (h === MR64 && w === NR64) {
    let r = c;
    v128.store(r, f64x2.add(v128.load(r), c00));
    v128.store(r, f64x2.add(v128.load(r, 16), c01), 16);
    r += ldc;
    v128.store(r, f64x2.add(v128.load(r), c10));
    v128.store(r, f64x2.add(v128.load(r, 16), c11), 16);
    r += ldc;
    v128.store(r, f64x2.add(v128.load(r), c20));
    v128.store(r, f64x2.add(v128.load(r, 16), c21), 16);
    r += ldc;
    v128.store(r, f64x2.add(v128.load(r), c30));
    v128.store(r, f64x2.add(v128.load(r, 16), c31), 16);
    return;
  }
  // A partial tile at the bottom or right edge of C: spill to a scratch tile, add what fits.
  const t = memory.data(MR64 * NR64 * 8, 16);
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
      store<f64>(q, load<f64>(q) + load<f64>(t + ((<usize>(r * NR64 + j)) << 3)));
    }
  }
}

/**
 * C += op(A) · op(B) in float64. `work` must hold KC·⌈n/4⌉·4 + MC·KC doubles, 16-byte aligned;
 * see {@link workBytes64}.
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
): void {
  const np = (n + NR64 - 1) / NR64;
  const packedB = work;
  const packedA = work + ((<usize>(KC * np * NR64)) << 3);
  const ldc = (<usize>n) << 3;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    packB64(b, n, k, transB, pc, kc, packedB);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = min(MC, m - ic);
      packA64(a, m, k, transA, ic, mc, pc, kc, packedA);
      for (let jp = 0; jp < n; jp += NR64) {
        const w = min(NR64, n - jp);
        const bp = packedB + ((<usize>(jp * kc)) << 3);
        for (let ip = 0; ip < mc; ip += MR64) {
          const h = min(MR64, mc - ip);
          const ap = packedA + ((<usize>(ip * kc)) << 3);
          tile64(kc, ap, bp, c + <usize>(ic + ip) * ldc + ((<usize>jp) << 3), ldc, h, w);
        }
      }
    }
  }
}

/** Bytes of scratch space that {@link gemm64} needs for an n-column product. */
export function workBytes64(n: i32): i32 {
  return (KC * ((n + NR64 - 1) / NR64) * NR64 + MC * KC) << 3;
}

// ---- float32: f32x4 lanes, 4 × 8 tiles (8 accumulators) --------------------------------------

const MR32: i32 = 4;
const NR32: i32 = 8;

/** Packs op(B)[pc .. pc+kc, 0 .. n] into ⌈n / NR⌉ panels of kc × NR floats. */
function packB32(b: usize, n: i32, k: i32, transB: bool, pc: i32, kc: i32, dst: usize): void {
  for (let jp = 0; jp < n; jp += NR32) {
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
function tile32(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, h: i32, w: i32): void {
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
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(ap, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    ap += 16;
    bp += 32;
  }
  if (h === MR32 && w === NR32) {
    let r = c;
    v128.store(r, f32x4.add(v128.load(r), c00));
    v128.store(r, f32x4.add(v128.load(r, 16), c01), 16);
    r += ldc;
    v128.store(r, f32x4.add(v128.load(r), c10));
    v128.store(r, f32x4.add(v128.load(r, 16), c11), 16);
    r += ldc;
    v128.store(r, f32x4.add(v128.load(r), c20));
    v128.store(r, f32x4.add(v128.load(r, 16), c21), 16);
    r += ldc;
    v128.store(r, f32x4.add(v128.load(r), c30));
    v128.store(r, f32x4.add(v128.load(r, 16), c31), 16);
    return;
  }
  const t = memory.data(MR32 * NR32 * 4, 16);
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
      store<f32>(q, load<f32>(q) + load<f32>(t + ((<usize>(r * NR32 + j)) << 2)));
    }
  }
}

/** C += op(A) · op(B) in float32. `work` must hold {@link workBytes32} bytes, 16-byte aligned. */
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
): void {
  const np = (n + NR32 - 1) / NR32;
  const packedB = work;
  const packedA = work + ((<usize>(KC * np * NR32)) << 2);
  const ldc = (<usize>n) << 2;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    packB32(b, n, k, transB, pc, kc, packedB);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = min(MC, m - ic);
      packA32(a, m, k, transA, ic, mc, pc, kc, packedA);
      for (let jp = 0; jp < n; jp += NR32) {
        const w = min(NR32, n - jp);
        const bp = packedB + ((<usize>(jp * kc)) << 2);
        for (let ip = 0; ip < mc; ip += MR32) {
          const h = min(MR32, mc - ip);
          const ap = packedA + ((<usize>(ip * kc)) << 2);
          tile32(kc, ap, bp, c + <usize>(ic + ip) * ldc + ((<usize>jp) << 2), ldc, h, w);
        }
      }
    }
  }
}

/** Bytes of scratch space that {@link gemm32} needs for an n-column product. */
export function workBytes32(n: i32): i32 {
  return (KC * ((n + NR32 - 1) / NR32) * NR32 + MC * KC) << 2;
}

/** The first free byte of memory after the module's static data, where the caller may place arrays. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~15;
}

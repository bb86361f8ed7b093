import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getBackend, setBackend } from './backend.js';
import { gemm } from './gemm.js';
import { gemmJs } from './gemm-js.js';
import { type GemmShape, gemmReference } from './gemm-reference.js';
import { gemmWasm, packingBytes } from './gemm-wasm.js';
import { wasmKernels } from './wasm-kernels.js';

type Ctor = Float64ArrayConstructor | Float32ArrayConstructor;

/**
 * Deterministic values in [-1, 1) from a seed (no global randomness); about a `zeros` share of
 * them are exactly 0, as in MNIST images and ReLU outputs.
 */
function fill(T: Ctor, length: number, seed: number, zeros = 0): Float64Array | Float32Array {
  const x = new T(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = u < zeros ? 0 : s / 2 ** 31 - 1;
  }
  return x;
}

/** Largest |x - y| relative to the size of the sums: k·max|a|·max|b| ≤ k here. */
function maxDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}

// Each kernel is compared with the triple loop `gemmReference`, which is the definition.
// Tolerance: the sums have k terms of size ≤ 1, so rounding differences grow like k·ε.
function tolerance(T: Ctor, k: number): number {
  return (T === Float32Array ? 2e-6 : 1e-14) * Math.max(1, k) * 4;
}

const kernels = {
  wasm: (s: GemmShape, a: Float64Array | Float32Array, b: typeof a, c: typeof a) => {
    expect(gemmWasm(s, a, b, c)).toBe(true);
  },
  js: gemmJs,
  gemm,
};

const dims = fc.record({
  m: fc.integer({ min: 0, max: 23 }),
  n: fc.integer({ min: 0, max: 23 }),
  k: fc.integer({ min: 0, max: 300 }),
  transA: fc.boolean(),
  transB: fc.boolean(),
  accumulate: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

afterEach(() => {
  setBackend('wasm');
});

describe.each([
  ['float64', Float64Array],
  ['float32', Float32Array],
] as const)('%s kernels agree with gemmReference', (_name, T) => {
  for (const [kernel, run] of Object.entries(kernels)) {
    it(`${kernel}: every transpose form, odd and zero sizes, with and without accumulate`, () => {
      fc.assert(
        fc.property(dims, ({ seed, ...s }) => {
          const a = fill(T, s.m * s.k, seed);
          const b = fill(T, s.k * s.n, seed + 1);
          const c0 = fill(T, s.m * s.n, seed + 2);
          const want = new T(c0);
          const got = new T(c0);
          gemmReference(s, a, b, want);
          run(s, a, b, got);
          expect(maxDiff(got, want)).toBeLessThanOrEqual(tolerance(T, s.k));
        }),
        { numRuns: 60, seed: 8 },
      );
    });
  }

  it('wasm: a mostly-zero left operand (the sparse kernel) gives the same product', () => {
    const sparseDims = fc.record({
      // m·k ≥ 1024 and at least 70% zeros: the sizes and densities that take the sparse path.
      m: fc.integer({ min: 16, max: 60 }),
      n: fc.integer({ min: 1, max: 70 }),
      k: fc.integer({ min: 64, max: 300 }),
      transA: fc.boolean(),
      accumulate: fc.boolean(),
      zeros: fc.double({ min: 0.7, max: 1, noNaN: true }),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    });
    fc.assert(
      fc.property(sparseDims, ({ seed, zeros, ...s }) => {
        const a = fill(T, s.m * s.k, seed, zeros);
        const b = fill(T, s.k * s.n, seed + 1);
        const want = fill(T, s.m * s.n, seed + 2);
        const got = new T(want);
        gemmReference(s, a, b, want);
        expect(gemmWasm(s, a, b, got)).toBe(true);
        expect(maxDiff(got, want)).toBeLessThanOrEqual(tolerance(T, s.k));
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  it('wasm: the same sparse A again reuses its gathered rows, and a changed A is gathered anew', () => {
    // As in a numerical gradient: x stays, W1 changes by one element between calls.
    const s = { m: 40, n: 30, k: 100, transA: false };
    const a = fill(T, s.m * s.k, 31, 0.85);
    const b = fill(T, s.k * s.n, 32);
    const check = () => {
      const want = new T(s.m * s.n);
      const got = new T(s.m * s.n);
      gemmReference(s, a, b, want);
      expect(gemmWasm(s, a, b, got)).toBe(true);
      expect(maxDiff(got, want)).toBeLessThanOrEqual(tolerance(T, s.k));
    };
    check();
    b[7] = 0.5;
    check(); // same A: reused
    // A dense product of another shape in between (h·W2 in a forward pass) keeps the cache.
    const h = fill(T, 40 * 30, 33);
    const w2 = fill(T, 30 * 10, 34);
    const hw = new T(400);
    const hwWant = new T(400);
    gemmReference({ m: 40, n: 10, k: 30 }, h, w2, hwWant);
    expect(gemmWasm({ m: 40, n: 10, k: 30 }, h, w2, hw)).toBe(true);
    expect(maxDiff(hw, hwWant)).toBeLessThanOrEqual(tolerance(T, 30));
    b[8] = -0.5;
    check(); // same A again: reused
    const i = a.findIndex((v) => v !== 0);
    a[i] = 0.25; // one nonzero changes value
    check();
    a[a.indexOf(0)] = -0.75; // a zero becomes nonzero
    check();
    a[0] = 0;
    check();
  });

  it('wasm: Aᵀ·D right after A·W transposes the cached rows of A, bit for bit as a fresh gather', () => {
    // Backprop: the forward x·W1 gathers the rows of x; dW1 = xᵀ·dout then needs the rows of xᵀ.
    const sparseDims = fc.record({
      m: fc.integer({ min: 16, max: 60 }),
      k: fc.integer({ min: 64, max: 200 }),
      n: fc.integer({ min: 1, max: 40 }),
      n2: fc.integer({ min: 1, max: 40 }),
      zeros: fc.double({ min: 0.7, max: 1, noNaN: true }),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    });
    fc.assert(
      fc.property(sparseDims, ({ m, k, n, n2, zeros, seed }) => {
        const x = fill(T, m * k, seed, zeros); // stored m × k
        const w = fill(T, k * n, seed + 1);
        const dout = fill(T, m * n2, seed + 2);
        const forward = { m, n, k };
        const backward = { m: k, n: n2, k: m, transA: true }; // xᵀ (k × m) · dout (m × n2)
        const fresh = () => {
          // Another sparse product in between empties the cache of x's rows.
          const other = fill(T, 32 * 40, seed + 3, 0.9);
          expect(gemmWasm({ m: 32, n: 3, k: 40 }, other, fill(T, 120, 5), new T(96))).toBe(true);
          const c = new T(k * n2);
          expect(gemmWasm(backward, x, dout, c)).toBe(true);
          return c;
        };
        const want = new T(k * n2);
        gemmReference(backward, x, dout, want);
        const gathered = fresh();
        expect(gemmWasm(forward, x, w, new T(m * n))).toBe(true);
        const transposed = new T(k * n2);
        expect(gemmWasm(backward, x, dout, transposed)).toBe(true);
        expect(maxDiff(transposed, want)).toBeLessThanOrEqual(tolerance(T, m));
        expect(Array.from(transposed)).toEqual(Array.from(gathered));
        // x changed after the forward: gathered anew, not transposed from stale rows.
        expect(gemmWasm(forward, x, w, new T(m * n))).toBe(true);
        const i = x.findIndex((v) => v !== 0);
        if (i >= 0) x[i] = 0;
        const want2 = new T(k * n2);
        gemmReference(backward, x, dout, want2);
        const changed = new T(k * n2);
        expect(gemmWasm(backward, x, dout, changed)).toBe(true);
        expect(maxDiff(changed, want2)).toBeLessThanOrEqual(tolerance(T, m));
      }),
      { numRuns: 40, seed: 10 },
    );
  });

  it('wasm: a NaN or −0 inside a blank block of a sparse A is not skipped as zeros are', () => {
    // The gather skips 64-byte blocks whose bits are all 0; -0.0 and NaN have bits set.
    const s = { m: 32, n: 9, k: 100 };
    const a = new T(s.m * s.k); // all zeros: every block blank
    a[5 * s.k + 17] = Number.NaN;
    a[9 * s.k + 40] = -0;
    a[9 * s.k + 41] = 0.5;
    a[31 * s.k + 99] = 2; // in the tail after the last whole block
    const b = fill(T, s.k * s.n, 41);
    const want = new T(s.m * s.n);
    const got = new T(s.m * s.n);
    gemmReference(s, a, b, want);
    expect(gemmWasm(s, a, b, got)).toBe(true);
    for (let i = 0; i < want.length; i++) {
      if (Number.isNaN(want[i]!)) expect(got[i]).toBeNaN();
      else expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tolerance(T, s.k));
    }
    expect(Number.isNaN(got[5 * s.n]!)).toBe(true);
  });

  it('wasm: zeros in A times an infinity in B still give NaN, as numpy does', () => {
    // 0 · ∞ is NaN, so the sparse kernel (which skips zeros) must not be used here.
    for (const transA of [false, true]) {
      const s = { m: 40, n: 30, k: 64, transA };
      const a = fill(T, s.m * s.k, 11, 0.9);
      const b = fill(T, s.k * s.n, 12);
      b[5] = Number.POSITIVE_INFINITY;
      b[70] = Number.NaN;
      const want = new T(s.m * s.n);
      const got = new T(s.m * s.n);
      gemmReference(s, a, b, want);
      expect(gemmWasm(s, a, b, got)).toBe(true);
      for (let i = 0; i < want.length; i++) {
        if (Number.isNaN(want[i]!)) expect(got[i]).toBeNaN();
        else if (!Number.isFinite(want[i]!)) expect(got[i]).toBe(want[i]);
        else expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tolerance(T, s.k));
      }
      expect(Array.from(want).some(Number.isNaN)).toBe(true);
    }
  });

  it('wasm handles sizes that cross the kernel blocks (k > 256, m > 96, n not a tile multiple)', () => {
    for (const s of [
      { m: 100, n: 50, k: 784 },
      { m: 97, n: 13, k: 257, transA: true },
      { m: 130, n: 9, k: 600, transB: true, accumulate: true },
      { m: 5, n: 130, k: 513, transA: true, transB: true },
    ]) {
      const a = fill(T, s.m * s.k, 3);
      const b = fill(T, s.k * s.n, 4);
      const want = fill(T, s.m * s.n, 5);
      const got = new T(want);
      gemmReference(s, a, b, want);
      expect(gemmWasm(s, a, b, got)).toBe(true);
      expect(maxDiff(got, want)).toBeLessThanOrEqual(tolerance(T, s.k));
    }
  });
});

describe('memory planning', () => {
  it("packingBytes, computed in doubles, equals the module's own workBytes64/workBytes32", () => {
    const w = wasmKernels()!;
    for (const n of [1, 3, 4, 5, 8, 9, 50, 784, 1000]) {
      expect(packingBytes(n, 8)).toBe(w.workBytes64(n));
      expect(packingBytes(n, 4)).toBe(w.workBytes32(n));
    }
  });

  it('a product too wide for 32-bit addresses goes to TypeScript instead', () => {
    // k = 1, n = 3·10⁶: the packing space alone would pass 2 GiB.
    const s = { m: 1, n: 3_000_000, k: 1 };
    const c = new Float64Array(s.n);
    expect(gemmWasm(s, new Float64Array([2]), new Float64Array(s.n).fill(1.5), c)).toBe(false);
    gemm(s, new Float64Array([2]), new Float64Array(s.n).fill(1.5), c);
    expect(c[0]).toBe(3);
    expect(c[s.n - 1]).toBe(3);
  });
});

describe('mixed element types', () => {
  it('a float32 operand in a float64 product is widened exactly, as numpy promotes it', () => {
    for (const s of [
      { m: 30, n: 20, k: 50 },
      { m: 30, n: 20, k: 50, transA: true, transB: true },
    ]) {
      const a = fill(Float32Array, s.m * s.k, 21);
      const b = fill(Float64Array, s.k * s.n, 22);
      const want = new Float64Array(s.m * s.n);
      const got = new Float64Array(s.m * s.n);
      gemmReference(s, a, b, want);
      gemm(s, a, b, got);
      expect(maxDiff(got, want)).toBeLessThanOrEqual(tolerance(Float64Array, s.k));
    }
  });
});

describe('wasm helpers of the sparse path agree with plain loops', () => {
  // countNonzero picks the kernel, allFinite guards 0·∞, bytesEqual finds a repeated A; they step
  // 8 elements (64 bytes) at a time, so lengths around those steps are the cases to try.
  it('countNonzero, allFinite and bytesEqual, float64 and float32, every length to 70', () => {
    const w = wasmKernels();
    expect(w).not.toBeNull();
    const k = w!;
    // A fresh page at the top of memory, so as not to touch the sparse cache at the bottom.
    const at = k.memory.buffer.byteLength;
    const at2 = at + 1024;
    k.memory.grow(1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY, 1),
        fc.nat(),
        (len, seed, special, where) => {
          for (const T of [Float64Array, Float32Array]) {
            const size = T.BYTES_PER_ELEMENT;
            const x = fill(T, len, seed, 0.5);
            if (len > 0) x[where % len] = special;
            new T(k.memory.buffer, at, len).set(x);
            new T(k.memory.buffer, at2, len).set(x);
            const nonzero = Array.from(x).filter((v) => v !== 0).length;
            const finite = Array.from(x).every(Number.isFinite);
            if (size === 8) {
              expect(k.countNonzero64(at, len)).toBe(nonzero);
              expect(k.allFinite64(at, len) !== 0).toBe(finite);
            } else {
              expect(k.countNonzero32(at, len)).toBe(nonzero);
              expect(k.allFinite32(at, len) !== 0).toBe(finite);
            }
            const bytes = len * size;
            expect(k.bytesEqual(at, at2, bytes)).toBeTruthy();
            if (bytes > 0) {
              const flip = where % bytes;
              const view = new Uint8Array(k.memory.buffer, at2, bytes);
              view[flip] = view[flip]! ^ 1;
              expect(k.bytesEqual(at, at2, bytes)).toBeFalsy();
            }
          }
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });
});

describe('zero sizes', () => {
  it('k = 0 gives zeros, or leaves C unchanged when accumulating', () => {
    const c = new Float64Array([1, 2, 3, 4]);
    gemm({ m: 2, n: 2, k: 0, accumulate: true }, new Float64Array(0), new Float64Array(0), c);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
    gemm({ m: 2, n: 2, k: 0 }, new Float64Array(0), new Float64Array(0), c);
    expect(Array.from(c)).toEqual([0, 0, 0, 0]);
  });

  it('m = 0 or n = 0 writes nothing', () => {
    const c = new Float64Array(0);
    gemm({ m: 0, n: 3, k: 4 }, new Float64Array(0), new Float64Array(12), c);
    gemm({ m: 3, n: 0, k: 4 }, new Float64Array(12), new Float64Array(0), c);
    expect(c.length).toBe(0);
  });
});

describe('backend', () => {
  it('is wasm by default in Node 20 (WebAssembly SIMD present)', () => {
    expect(getBackend()).toBe('wasm');
  });

  it("setBackend('js') forces the TypeScript kernel, and gemm still gives the product", () => {
    expect(setBackend('js')).toBe('js');
    expect(getBackend()).toBe('js');
    // (1 2; 3 4)·(5 6; 7 8) = (19 22; 43 50), worked by hand.
    const c = new Float64Array(4);
    gemm({ m: 2, n: 2, k: 2 }, new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), c);
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
    expect(setBackend('wasm')).toBe('wasm');
  });

  it('rejects an unknown backend with a message', () => {
    expect(() => setBackend('gpu' as 'js')).toThrow(
      new RangeError(`setBackend: unknown backend; expected 'wasm' or 'js', got "gpu"`),
    );
  });

  it('DL_BACKEND=js in the environment selects the TypeScript kernel at start-up', async () => {
    vi.stubEnv('DL_BACKEND', 'js');
    vi.resetModules();
    try {
      const fresh = await import('./backend.js');
      expect(fresh.getBackend()).toBe('js');
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it('falls back to TypeScript where WebAssembly is missing', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    try {
      const fresh = await import('./gemm.js');
      const backend = await import('./backend.js');
      expect(backend.getBackend()).toBe('js');
      const s = { m: 20, n: 30, k: 40, transA: true };
      const a = fill(Float64Array, 800, 7);
      const b = fill(Float64Array, 1200, 8);
      const want = new Float64Array(600);
      const got = new Float64Array(600);
      gemmReference(s, a, b, want);
      fresh.gemm(s, a, b, got);
      expect(maxDiff(got, want)).toBeLessThanOrEqual(1e-12);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it('compiles asynchronously where synchronous compilation is refused, using TS meanwhile', async () => {
    const real = (globalThis as Record<string, unknown>)['WebAssembly'] as {
      Instance: unknown;
      compile: unknown;
    };
    vi.stubGlobal('WebAssembly', {
      Module: class {
        constructor() {
          throw new RangeError('WebAssembly.Compile is disallowed on the main thread');
        }
      },
      Instance: real.Instance,
      compile: real.compile,
    });
    vi.resetModules();
    // The switch to wasm once compiled is what is tested, so not under DL_BACKEND=js.
    const chosen = process.env['DL_BACKEND'];
    delete process.env['DL_BACKEND'];
    try {
      const backend = await import('./backend.js');
      const kernels = await import('./wasm-kernels.js');
      expect(backend.getBackend()).toBe('js');
      expect(await kernels.wasmReady()).toBe(true);
      expect(backend.getBackend()).toBe('wasm');
    } finally {
      if (chosen !== undefined) process.env['DL_BACKEND'] = chosen;
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it('uses the private-memory build where a shared memory is refused', async () => {
    const real = (globalThis as Record<string, unknown>)['WebAssembly'] as Record<string, unknown>;
    vi.stubGlobal('WebAssembly', {
      ...real,
      Module: real['Module'],
      Instance: real['Instance'],
      validate: real['validate'],
      Memory: class {
        constructor() {
          throw new RangeError('shared memory is not supported here');
        }
      },
    });
    vi.resetModules();
    const chosen = process.env['DL_BACKEND'];
    delete process.env['DL_BACKEND'];
    try {
      const kernels = await import('./wasm-kernels.js');
      const backend = await import('./backend.js');
      expect(backend.getBackend()).toBe('wasm');
      expect(kernels.wasmShared()).toBeNull();
      const { gemm } = await import('./gemm.js');
      const c = new Float64Array(64 * 64);
      const a = Float64Array.from({ length: 64 * 64 }, (_, i) => (i % 7) - 3);
      gemm({ m: 64, n: 64, k: 64 }, a, a, c);
      const want = new Float64Array(64 * 64);
      gemmReference({ m: 64, n: 64, k: 64 }, a, a, want);
      expect(Array.from(c)).toEqual(Array.from(want)); // small integers: exact either way
    } finally {
      if (chosen !== undefined) process.env['DL_BACKEND'] = chosen;
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it('falls back to TypeScript where WebAssembly lacks SIMD (the module fails to compile)', async () => {
    const real = (globalThis as Record<string, unknown>)['WebAssembly'] as { Instance: unknown };
    vi.stubGlobal('WebAssembly', {
      Module: class {
        constructor() {
          throw new Error('CompileError: SIMD unsupported');
        }
      },
      Instance: real.Instance,
    });
    vi.resetModules();
    try {
      const backend = await import('./backend.js');
      expect(backend.getBackend()).toBe('js');
      expect(backend.setBackend('wasm')).toBe('js');
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});

import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dot, matmul } from '../dot.js';
import type { TypedArray } from '../dtype.js';
import { NDArray, sparseRowsOf } from '../ndarray.js';
import { getBackend, setBackend } from './backend.js';
import { allocateResident, isResident, residentBytes } from './resident.js';
import { scaledSubtract, scaledSubtractReference } from './scaled-subtract.js';
import { takeRows, takeRowsSparse } from './take-rows.js';
import { getThreads, setThreads } from './threads.js';
import { wasmShared } from './wasm-kernels.js';

// Resident arrays (resident.ts): typed arrays on the shared WebAssembly memory, which kernels use
// in place. Where the build is not the shared-memory one they are ordinary arrays, and every
// kernel gives the same numbers either way.

const ROW = 784;
const shared = wasmShared() !== null;
const initialBackend = getBackend();
const initialThreads = getThreads();

beforeEach(() => {
  setBackend('wasm');
});

afterEach(() => {
  setBackend(initialBackend);
  setThreads(initialThreads);
});

/** Deterministic numbers in [0, 1) from a seed (no global randomness). */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function images(rows: number, zeros: number, next: () => number): Uint8Array {
  return Uint8Array.from({ length: rows * ROW }, () =>
    next() < zeros ? 0 : 1 + Math.floor(next() * 255),
  );
}

function pixelTable(f32: boolean): Float64Array | Float32Array {
  const table = f32 ? new Float32Array(256) : new Float64Array(256);
  for (let b = 0; b < 256; b++) table[b] = b / 255;
  return table;
}

/** `n` values in [-1, 1) into an ordinary or resident array. */
function values(f32: boolean, n: number, next: () => number, resident: boolean): TypedArray {
  const dtype = f32 ? 'float32' : 'float64';
  const a = resident ? allocateResident(dtype, n) : f32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = 2 * next() - 1;
  return a;
}

/** A resident copy of `a` (allocateResident, then set). */
function residentCopy(a: TypedArray): TypedArray {
  const r = allocateResident(a instanceof Float32Array ? 'float32' : 'float64', a.length);
  r.set(a);
  return r;
}

function batch(n: number, rows: number, next: () => number): number[] {
  return Array.from({ length: n }, () => Math.floor(next() * rows));
}

/** Whether a byte array is resident (isResident is typed for float arrays). */
function bytesResident(b: Uint8Array): boolean {
  return isResident(b as unknown as Float64Array);
}

/** Fails at the first element that is not the same number (Object.is: −0 ≠ +0). */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      expect.fail(`${what}: element ${i} differs: got ${got[i]}, want ${want[i]}`);
    }
  }
}

describe('allocateResident', { timeout: 60_000 }, () => {
  it.each([
    ['float64', Float64Array],
    ['float32', Float32Array],
  ] as const)(
    'gives a zeroed %s array of the right length, resident on the shared build',
    (dtype, T) => {
      for (const size of [1, 7, 16, 4096, 100_003]) {
        const a = allocateResident(dtype, size);
        expect(a).toBeInstanceOf(T);
        expect(a.length).toBe(size);
        expect(a.every((v) => Object.is(v, 0))).toBe(true);
        expect(isResident(a)).toBe(shared);
        if (shared) {
          expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
          expect(a.byteOffset % T.BYTES_PER_ELEMENT).toBe(0);
        } else {
          expect(a.buffer).toBeInstanceOf(ArrayBuffer);
        }
      }
    },
  );

  it('size 0 gives an empty array', () => {
    expect(allocateResident('float64', 0)).toHaveLength(0);
    expect(allocateResident('float32', 0)).toBeInstanceOf(Float32Array);
  });

  it('gives ordinary arrays under the TypeScript backend', () => {
    setBackend('js');
    const a = allocateResident('float64', 5000);
    expect(a).toBeInstanceOf(Float64Array);
    expect(a.length).toBe(5000);
    expect(isResident(a)).toBe(false);
    expect(a.every((v) => v === 0)).toBe(true);
    const b = new Uint8Array([1, 2, 3]);
    expect(Array.from(residentBytes(b))).toEqual([1, 2, 3]);
    expect(bytesResident(residentBytes(b))).toBe(false);
  });

  it.skipIf(!shared)('arrays never overlap, and keep their values as the memory grows', () => {
    const memory = wasmShared()!.memory;
    const before = memory.buffer.byteLength;
    const next = lcg(11);
    const arrays: TypedArray[] = [];
    const fillAll = (from: number) => {
      arrays.slice(from).forEach((a, k) => {
        for (let i = 0; i < a.length; i++) a[i] = (from + k) * 1000 + (i % 997);
      });
    };
    const checkAll = (upTo: number, when: string) => {
      arrays.slice(0, upTo).forEach((a, k) => {
        for (let i = 0; i < a.length; i++) {
          if (a[i] !== k * 1000 + (i % 997)) {
            expect.fail(
              `${when}: array ${k} element ${i}: got ${a[i]}, want ${k * 1000 + (i % 997)}`,
            );
          }
        }
      });
    };
    // About 24 MB in 60 arrays of odd sizes (the memory grows many times over).
    for (let k = 0; k < 60; k++) {
      const size = 1 + Math.floor(next() * 100_000);
      arrays.push(allocateResident(next() < 0.5 ? 'float32' : 'float64', size));
    }
    fillAll(0);
    const first = arrays.length;
    // More arrays (more growth), and kernels using the scratch space and cache past them.
    for (let k = 0; k < 40; k++) {
      const size = 1 + Math.floor(next() * 200_000);
      const a = allocateResident(next() < 0.5 ? 'float32' : 'float64', size);
      expect(a.every((v) => v === 0)).toBe(true); // zeroed, whatever the kernels left there
      arrays.push(a);
      const x = takeRowsSparse(images(64, 0.8, next), ROW, batch(64, 64, next), pixelTable(false));
      matmul(x, new NDArray(values(false, ROW * 10, next, k % 2 === 0), [ROW, 10]));
    }
    expect(memory.buffer.byteLength).toBeGreaterThan(before);
    checkAll(first, 'after more allocations');
    fillAll(first);
    checkAll(arrays.length, 'all');
    // Disjoint byte ranges.
    const ranges = arrays
      .map((a) => [a.byteOffset, a.byteOffset + a.byteLength] as const)
      .sort((p, q) => p[0] - q[0]);
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i]![0]).toBeGreaterThanOrEqual(ranges[i - 1]![1]);
    }
    for (const a of arrays) expect(isResident(a)).toBe(true);
  });

  it.skipIf(!shared)(
    'a new resident array over the sparse cache does not corrupt later products',
    () => {
      const next = lcg(12);
      for (const f32 of [false, true]) {
        const bytes = images(150, 0.8, next);
        const x = takeRowsSparse(bytes, ROW, batch(150, 150, next), pixelTable(f32));
        const W = new NDArray(values(f32, ROW * 20, next, false), [ROW, 20]);
        const dout = new NDArray(values(f32, 150 * 7, next, false), [150, 7]);
        const y = matmul(x, W).data.slice();
        const dW = matmul(x, dout, { transA: true }).data.slice();
        // A new resident array takes the place where x's rows were cached; fill it with noise.
        const noise = allocateResident(f32 ? 'float32' : 'float64', 300_000);
        for (let i = 0; i < noise.length; i++) noise[i] = 1e6 * (next() - 0.5);
        expectSameBits(matmul(x, W).data, y, `x·W after an allocation (f32 ${f32})`);
        allocateResident('float64', 123_457).fill(-3);
        expectSameBits(
          matmul(x, dout, { transA: true }).data,
          dW,
          `xᵀ·dout after an allocation (f32 ${f32})`,
        );
        const xd = new NDArray(x.data.slice(), x.shape);
        expectSameBits(y, matmul(xd, W).data, `x·W = dense (f32 ${f32})`);
        expectSameBits(dW, matmul(xd, dout, { transA: true }).data, `xᵀ·dout = dense (f32 ${f32})`);
      }
    },
  );
});

describe('residentBytes / isResident', () => {
  it('residentBytes copies the values; the copy is resident on the shared build', () => {
    const next = lcg(21);
    const src = images(10, 0.5, next);
    const keep = src.slice();
    const r = residentBytes(src);
    expect(r).toBeInstanceOf(Uint8Array);
    expect(Array.from(r)).toEqual(Array.from(keep));
    expect(bytesResident(r)).toBe(shared);
    if (shared) {
      expect(r).not.toBe(src);
      src.fill(7); // a copy: the source may change
      expect(Array.from(r)).toEqual(Array.from(keep));
      r[3] = 200;
      expect(src[3]).toBe(7);
    }
    expect(bytesResident(src)).toBe(false);
  });

  it('residentBytes(length) gives zeroed bytes, resident on the shared build', () => {
    for (const length of [1, 15, 4096, 100_001]) {
      const b = residentBytes(length);
      expect(b).toBeInstanceOf(Uint8Array);
      expect(b.length).toBe(length);
      expect(b.every((v) => v === 0)).toBe(true);
      expect(bytesResident(b)).toBe(shared);
    }
    // Zeroed even where kernels used the memory before (the scratch space lies past the arrays).
    const next = lcg(22);
    const x = takeRowsSparse(images(64, 0.3, next), ROW, batch(64, 64, next), pixelTable(false));
    matmul(x, new NDArray(values(false, ROW * 30, next, false), [ROW, 30]));
    const b = residentBytes(1 << 20);
    expect(b.every((v) => v === 0)).toBe(true);
    setBackend('js');
    const o = residentBytes(10);
    expect(o.length).toBe(10);
    expect(bytesResident(o)).toBe(false);
  });

  it.skipIf(!shared)('residentBytes of resident bytes gives them back as they are', () => {
    const r = residentBytes(new Uint8Array([1, 2, 3, 4]));
    expect(residentBytes(r)).toBe(r);
    const sub = r.subarray(1, 3);
    expect(residentBytes(sub)).toBe(sub);
    const copy = residentBytes(r.slice());
    expect(copy).not.toBe(r);
    expect(Array.from(copy)).toEqual([1, 2, 3, 4]);
    expect(bytesResident(copy)).toBe(true);
  });

  it('is false for ordinary arrays, for a .slice() of a resident one, and for other shared buffers', () => {
    expect(isResident(new Float64Array(10))).toBe(false);
    expect(isResident(new Float32Array(10))).toBe(false);
    expect(isResident(new Float64Array(new SharedArrayBuffer(80)))).toBe(false);
    const a = allocateResident('float64', 5000);
    const b = allocateResident('float32', 5000);
    expect(isResident(a.slice())).toBe(false);
    expect(isResident(b.slice())).toBe(false);
    expect(isResident(a.slice(10, 20))).toBe(false);
    expect(isResident(Float64Array.from(a))).toBe(false);
    // A subarray shares the elements: it lives in the memory too.
    expect(isResident(a.subarray(3, 100))).toBe(shared);
    const bytes = residentBytes(new Uint8Array(100).fill(1));
    expect(bytesResident(bytes.slice())).toBe(false);
  });
});

describe('scaledSubtract on resident arrays', { timeout: 60_000 }, () => {
  type Mode = 'both' | 'p' | 'g' | 'neither' | 'alias' | 'offset';
  it.skipIf(!shared)('equals scaledSubtractReference bit for bit, in place (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 4090, max: 4110 }),
          fc.integer({ min: 4096, max: 40_000 }),
          fc.constantFrom(4096, 39_200),
        ),
        fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(0.1, 0.01, -0)),
        fc.boolean(),
        fc.constantFrom<Mode>('both', 'p', 'g', 'neither', 'alias', 'offset'),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom<number[]>([], [8]),
        (n, s, f32, mode, seed, split) => {
          const next = lcg(seed);
          const p0 = values(f32, n, next, false);
          const g0 = mode === 'alias' ? p0 : values(f32, n, next, false);
          const want = p0.slice();
          scaledSubtractReference(want, mode === 'alias' ? want : g0, s);

          let p: TypedArray;
          if (mode === 'offset') {
            // A resident subarray starting 1 element in (8 or 4 bytes: not 16-byte aligned).
            p = allocateResident(f32 ? 'float32' : 'float64', n + 1).subarray(1);
            p.set(p0);
          } else
            p = mode === 'both' || mode === 'p' || mode === 'alias' ? residentCopy(p0) : p0.slice();
          const g =
            mode === 'alias' ? p : mode === 'both' || mode === 'g' ? residentCopy(g0) : g0.slice();
          const gBefore = g.slice();
          expect(isResident(p)).toBe(mode !== 'g' && mode !== 'neither');
          expect(isResident(g)).toBe(mode === 'both' || mode === 'g' || mode === 'alias');

          const shape = split.length && n % 8 === 0 ? [n / 8, 8] : [n];
          const P = new NDArray(p, shape);
          scaledSubtract(P, new NDArray(g, shape), s);
          expect(P.data).toBe(p); // in place
          expectSameBits(p, want, `p (n ${n}, mode ${mode}, f32 ${f32})`);
          if (mode !== 'alias') expectSameBits(g, gBefore, 'g unchanged');
        },
      ),
      { numRuns: 40, seed: 31 },
    );
  });

  it.skipIf(!shared)("updates the lecture's W1 (784 × 50) where it lies, step after step", () => {
    const next = lcg(32);
    for (const f32 of [false, true]) {
      const W = new NDArray(values(f32, 784 * 50, next, true), [784, 50]);
      const dW = new NDArray(values(f32, 784 * 50, next, true), [784, 50]);
      const want = W.data.slice();
      for (let step = 0; step < 5; step++) {
        for (let i = 0; i < dW.data.length; i++) dW.data[i] = 2 * next() - 1;
        scaledSubtractReference(want, dW.data, 0.1);
        scaledSubtract(W, dW, 0.1);
        expectSameBits(W.data, want, `step ${step} (f32 ${f32})`);
      }
      expect(isResident(W.data)).toBe(true);
    }
  });
});

describe('products with resident operands', { timeout: 60_000 }, () => {
  it.skipIf(!shared)(
    'matmul(x, W, {out}) with resident W and out equals the same with ordinary arrays (property)',
    () => {
      setThreads(Math.max(2, initialThreads)); // large products run in chunks (threads.ts)
      fc.assert(
        fc.property(
          fc.integer({ min: 8, max: 300 }), // batch
          fc.integer({ min: 1, max: 70 }), // columns
          fc.boolean(), // f32
          fc.boolean(), // transA: xᵀ · dout (B is n × cols, out 784 × cols)
          fc.boolean(), // accumulate
          fc.constantFrom('W', 'out', 'both'), // which are resident
          fc.boolean(), // resident bytes
          fc.integer({ min: 1, max: 2 ** 30 }),
          (n, cols, f32, transA, accumulate, which, residentImages, seed) => {
            const next = lcg(seed);
            const set = Math.max(n, 50);
            const ordinaryBytes = images(set, 0.8, next);
            const bytes = residentImages ? residentBytes(ordinaryBytes) : ordinaryBytes;
            const indices = batch(n, set, next);
            const table = pixelTable(f32);
            const bRows = transA ? n : ROW;
            const outRows = transA ? ROW : n;
            const b0 = values(f32, bRows * cols, next, false);
            const out0 = values(f32, outRows * cols, next, false);

            // Ordinary W and out.
            const wantOut = new NDArray(out0.slice(), [outRows, cols]);
            const x1 = takeRowsSparse(bytes, ROW, indices, table);
            const r1 = matmul(x1, new NDArray(b0.slice(), [bRows, cols]), {
              transA,
              out: wantOut,
              accumulate,
            });
            expect(r1).toBe(wantOut);

            // Resident W and/or out.
            const bData = which === 'out' ? b0.slice() : residentCopy(b0);
            const outData = which === 'W' ? out0.slice() : residentCopy(out0);
            const B = new NDArray(bData, [bRows, cols]);
            const out = new NDArray(outData, [outRows, cols]);
            const x2 = takeRowsSparse(bytes, ROW, indices, table);
            expect(sparseRowsOf(x2)).toBeDefined();
            const r2 = matmul(x2, B, { transA, out, accumulate });
            expect(r2).toBe(out);
            expect(out.data).toBe(outData); // written in place
            const what = `n ${n} cols ${cols} f32 ${f32} transA ${transA} acc ${accumulate} ${which}`;
            expectSameBits(outData, wantOut.data, what);
            expectSameBits(bData, b0, `${what}: B unchanged`);

            // Again into the same out (the rows now cached), and from the densified batch.
            const again = matmul(x2, B, { transA, out, accumulate: false }).data.slice();
            const xd = new NDArray(takeRows(ordinaryBytes, ROW, indices, table), [n, ROW]);
            const dense = matmul(xd, new NDArray(b0, [bRows, cols]), { transA });
            expectSameBits(again, dense.data, `${what}: = dense`);
            if (!transA) expectSameBits(dot(x2, B).data, dense.data, `${what}: dot`);
          },
        ),
        { numRuns: 40, seed: 41 },
      );
    },
  );
});

describe('dense products with resident operands', { timeout: 60_000 }, () => {
  it.skipIf(!shared)(
    'matmul(a, W, {out}) with W and out resident, in any mix, equals the same with ordinary arrays (property)',
    () => {
      setThreads(Math.max(2, initialThreads)); // large products run in chunks (threads.ts)
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 120 }), // m
          fc.integer({ min: 1, max: 90 }), // n
          fc.integer({ min: 1, max: 150 }), // k
          fc.boolean(), // f32
          fc.boolean(), // transA
          fc.boolean(), // transB: dout · Wᵀ
          fc.boolean(), // accumulate
          fc.boolean(), // bias
          fc.constantFrom('W', 'out', 'both'), // which are resident
          fc.integer({ min: 1, max: 2 ** 30 }),
          (m, n, k, f32, transA, transB, accumulate, withBias, which, seed) => {
            const next = lcg(seed);
            // Dense operands (a mostly-zero A would take the sparse path, tested above).
            const a = new NDArray(values(f32, m * k, next, false), transA ? [k, m] : [m, k]);
            const b0 = values(f32, k * n, next, false);
            const out0 = values(f32, m * n, next, false);
            const bias = withBias ? new NDArray(values(f32, n, next, false), [n]) : undefined;
            const bShape = transB ? [n, k] : [k, n];
            const opts = { transA, transB, accumulate, ...(bias ? { bias } : {}) };
            const want = new NDArray(out0.slice(), [m, n]);
            matmul(a, new NDArray(b0.slice(), bShape), { ...opts, out: want });
            const bData = which === 'out' ? b0.slice() : residentCopy(b0);
            const outData = which === 'W' ? out0.slice() : residentCopy(out0);
            const out = new NDArray(outData, [m, n]);
            expect(matmul(a, new NDArray(bData, bShape), { ...opts, out })).toBe(out);
            const what = `${m}×${k}·${k}×${n} f32 ${f32} tA ${transA} tB ${transB} acc ${accumulate} bias ${withBias} ${which}`;
            expectSameBits(outData, want.data, what);
            expectSameBits(bData, b0, `${what}: B unchanged`);
          },
        ),
        { numRuns: 60, seed: 43 },
      );
    },
  );

  it.skipIf(!shared)(
    'an out that overlaps B or the bias gets the product of them as they were',
    () => {
      const next = lcg(7);
      const n = 64;
      const b = residentCopy(values(false, n * n, next, false));
      const a = new NDArray(values(false, n * n, next, false), [n, n]);
      const want = matmul(a, new NDArray(b.slice(), [n, n])).data;
      const B = new NDArray(b, [n, n]);
      matmul(a, B, { out: B }); // C overlaps B: B is read from a copy
      expectSameBits(b, want, 'out = B');
      // An out whose first row is the bias: the bias is read before the product is written.
      const c = residentCopy(values(false, n * n, next, false));
      const bias = new NDArray(c.subarray(0, n), [n]);
      const withBias = matmul(a, new NDArray(b, [n, n]), { bias: new NDArray(c.slice(0, n), [n]) });
      matmul(a, new NDArray(b, [n, n]), { bias, out: new NDArray(c, [n, n]) });
      expectSameBits(c, withBias.data, 'bias inside out');
    },
  );
});

describe('without the shared-memory build (DL_SHARED_MEMORY=0)', { timeout: 60_000 }, () => {
  it('resident arrays are ordinary ones, and kernels give the same numbers', async () => {
    vi.stubEnv('DL_SHARED_MEMORY', '0');
    vi.resetModules();
    try {
      const kernels = await import('./wasm-kernels.js');
      const resident = await import('./resident.js');
      const backend = await import('./backend.js');
      const threads = await import('./threads.js');
      const take = await import('./take-rows.js');
      const dotFresh = await import('../dot.js');
      const nd = await import('../ndarray.js');
      const sub = await import('./scaled-subtract.js');
      expect(kernels.wasmShared()).toBeNull();
      backend.setBackend('wasm');

      const a = resident.allocateResident('float64', 5000);
      expect(a).toBeInstanceOf(Float64Array);
      expect(a.length).toBe(5000);
      expect(a.every((v) => v === 0)).toBe(true);
      expect(resident.isResident(a)).toBe(false);
      const f = resident.allocateResident('float32', 5000);
      expect(f).toBeInstanceOf(Float32Array);
      expect(resident.isResident(f)).toBe(false);
      const src = new Uint8Array([0, 5, 250]);
      const rb = resident.residentBytes(src);
      expect(Array.from(rb)).toEqual([0, 5, 250]);
      expect(resident.isResident(rb as unknown as Float64Array)).toBe(false);

      // Threads ask for helpers, but there is no shared memory to share: the same numbers.
      threads.setThreads(4);
      const next = lcg(51);
      const bytes = resident.residentBytes(images(200, 0.8, next));
      const indices = batch(200, 200, next);
      const W = new nd.NDArray(values(false, ROW * 30, next, false), [ROW, 30]);
      const x = take.takeRowsSparse(bytes, ROW, indices, pixelTable(false));
      const y = dotFresh.matmul(x, W).data.slice();
      const xd = new nd.NDArray(take.takeRows(bytes, ROW, indices, pixelTable(false)), [200, ROW]);
      expectSameBits(y, dotFresh.matmul(xd, W).data, 'x·W');
      const p0 = values(false, 5000, next, false);
      const g0 = values(false, 5000, next, false);
      const want = p0.slice();
      sub.scaledSubtractReference(want, g0, 0.25);
      a.set(p0);
      sub.scaledSubtract(new nd.NDArray(a, [5000]), new nd.NDArray(g0, [5000]), 0.25);
      expectSameBits(a, want, 'scaledSubtract');
      threads.setThreads(1);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe.skipIf(!shared)('the resident cap', { timeout: 60_000 }, () => {
  it('gives at most 256 MiB of resident arrays, then ordinary ones, zeroed either way', async () => {
    // A fresh module graph: its own memory, nothing resident yet, the rest of this file unaffected.
    vi.resetModules();
    try {
      const resident = await import('./resident.js');
      const backend = await import('./backend.js');
      backend.setBackend('wasm');
      const block = 2 ** 21; // 16 MiB of doubles
      const got: Float64Array[] = [];
      for (let i = 0; i < 17; i++)
        got.push(resident.allocateResident('float64', block) as Float64Array);
      const flags = got.map((a) => resident.isResident(a));
      expect(flags.slice(0, 16)).toEqual(Array(16).fill(true));
      expect(flags[16]).toBe(false);
      const small = resident.allocateResident('float32', 4);
      expect(resident.isResident(small)).toBe(false);
      expect(small).toBeInstanceOf(Float32Array);
      const last = got[16]!;
      expect(last.length).toBe(block);
      expect(last[0]).toBe(0);
      expect(last[block - 1]).toBe(0);
      // The resident ones are still whole: write the first and last of each, read back.
      got.forEach((a, i) => {
        a[0] = i + 1;
        a[block - 1] = -(i + 1);
      });
      got.forEach((a, i) => {
        expect(a[0]).toBe(i + 1);
        expect(a[block - 1]).toBe(-(i + 1));
      });
      const bytes = resident.residentBytes(new Uint8Array([9, 8, 7]));
      expect(Array.from(bytes)).toEqual([9, 8, 7]);
      expect(resident.isResident(bytes as unknown as Float64Array)).toBe(false);
    } finally {
      vi.resetModules();
    }
  });
});

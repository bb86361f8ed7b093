import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { col2im } from './col2im.js';
import { convGeometry } from './conv-geometry.js';
import { matmul } from './dot.js';
import { im2col } from './im2col.js';
import { addUpAt, addUpBytes } from './kernels/add-up.js';
import { setBackend } from './kernels/backend.js';
import { im2colReference } from './kernels/im2col-reference.js';
import { zeroMasked } from './kernels/relu-mask.js';
import { scratchAddress } from './kernels/scratch.js';
import { pooledSourceOf } from './kernels/sparse-rows.js';
import { getThreads, setThreads } from './kernels/threads.js';
import { wasmKernels } from './kernels/wasm-kernels.js';
import { lazyRowsOf, NDArray, sparseRowsOf } from './ndarray.js';
import { createRng, type Rng } from './random.js';
import { argmax, max, sum } from './reductions.js';
import { scatterRows } from './scatter-rows.js';
import { firstDifference } from './testing/arrays.js';

// The pooling layer's max(col, { axis: 1 }) and argmax(col, { axis: 1 }) with col =
// im2col(x, PH, PW, stride, pad).reshape(-1, PH·PW) not yet made are computed from the images
// (kernels/pool.ts, assembly/pool.ts). They must be what the row loops give on the readable col:
// the same numbers bit for bit, NaN, ties, ±0 and ±Infinity included; the readable col is made by
// im2colReference and reduced on the TypeScript backend (the loops of reductions.ts).

afterEach(() => {
  setBackend('wasm');
});

/** Special values as well as ordinary ones, and many repeats (ties). */
const SPECIAL = [0, -0, 1, -1, 2, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

function images(shape: number[], f32: boolean, rng: Rng, special: number): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = f32 ? new Float32Array(size) : new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const u = rng.random();
    data[i] =
      u < special
        ? SPECIAL[Math.floor(rng.random() * SPECIAL.length)]!
        : u < 0.5
          ? 0
          : rng.normal();
  }
  return new NDArray(data, shape);
}

/** max and argmax along axis 1 of the readable col `[N·OH·OW·C, PH·PW]`, by the plain loops. */
function readable(x: NDArray, ph: number, pw: number, stride: number, pad: number) {
  const g = convGeometry('test', x.shape, ph, pw, stride, pad);
  const size = g.n * g.oh * g.ow * g.c * ph * pw;
  const out = x.dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  im2colReference(g, x.data, out);
  const col = new NDArray(out, [size / (ph * pw), ph * pw]);
  setBackend('js');
  const result = { max: max(col, { axis: 1 }).data, argmax: argmax(col, { axis: 1 }).data };
  setBackend('wasm');
  return result;
}

const onPooled = (a: NDArray) => {
  const rows = lazyRowsOf(a);
  return rows !== undefined && pooledSourceOf(rows) !== undefined;
};

const windows = (x: NDArray, ph: number, pw: number, stride: number, pad: number) =>
  im2col(x, ph, pw, stride, pad).reshape(-1, ph * pw);

// [N, C, H, W], window, stride, pad: the book's 2×2 stride 2, overlapping 3×3 windows, padding.
const geometries = [
  { shape: [10, 30, 8, 8], ph: 2, pw: 2, stride: 2, pad: 0 },
  { shape: [6, 5, 9, 9], ph: 3, pw: 3, stride: 1, pad: 0 },
  { shape: [16, 3, 9, 9], ph: 3, pw: 3, stride: 2, pad: 1 },
  { shape: [3, 7, 12, 6], ph: 2, pw: 3, stride: 1, pad: 2 },
] as const;

describe("max pooling's max and argmax, straight from the images", () => {
  it('are those of the readable col, bit for bit, whichever is asked first (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...geometries),
        fc.boolean(),
        fc.constantFrom(0, 0.3), // share of special values
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 30 }),
        ({ shape, ph, pw, stride, pad }, f32, special, argFirst, seed) => {
          const x = images([...shape], f32, createRng(seed), special);
          const want = readable(x, ph, pw, stride, pad);
          const col = windows(x, ph, pw, stride, pad);
          expect(lazyRowsOf(col)).toBeDefined(); // col stands on the images
          const first = argFirst ? argmax(col, { axis: 1 }) : max(col, { axis: 1 });
          const second = argFirst ? max(col, { axis: 1 }) : argmax(col, { axis: 1 });
          const [gotMax, gotArg] = argFirst ? [second, first] : [first, second];
          expect(gotMax.dtype).toBe(x.dtype);
          expect(gotArg.shape).toEqual([col.shape[0]]);
          expect(firstDifference(gotMax.data, want.max)).toBe(-1);
          expect(firstDifference(gotArg.data, want.argmax)).toBe(-1);
          expect(lazyRowsOf(col)).toBeDefined(); // and col was never made
        },
      ),
      { numRuns: 40, seed: 13 },
    );
  });

  it('hands out fresh arrays: asked again, or after changing a result, the same numbers', () => {
    const x = images([10, 30, 8, 8], true, createRng(2), 0.1);
    const want = readable(x, 2, 2, 2, 0);
    const col = windows(x, 2, 2, 2, 0);
    const a1 = argmax(col, { axis: 1 });
    const m1 = max(col, { axis: 1 });
    a1.data.fill(7);
    m1.data.fill(7);
    expect(firstDifference(argmax(col, { axis: 1 }).data, want.argmax)).toBe(-1);
    expect(firstDifference(max(col, { axis: 1 }).data, want.max)).toBe(-1);
    expect(firstDifference(max(col, { axis: 1 }).data, want.max)).toBe(-1);
    expect(max(col, { axis: -1, keepdims: true }).shape).toEqual([col.shape[0], 1]);
  });

  it('are of x as it was, and of col as written once col is read and changed', () => {
    const x = images([10, 30, 8, 8], false, createRng(4), 0);
    const want = readable(x, 2, 2, 2, 0);
    const col = windows(x, 2, 2, 2, 0);
    x.data.fill(5);
    expect(firstDifference(max(col, { axis: 1 }).data, want.max)).toBe(-1);
    col.data[0] = 100; // col is made, then written: from now on its elements are the array
    expect(max(col, { axis: 1 }).data[0]).toBe(100);
    expect(argmax(col, { axis: 1 }).data[0]).toBe(0);
  });

  it("are put channels first by the layer's transpose as the plain loops put them, a copy (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...geometries),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 30 }),
        ({ shape, ph, pw, stride, pad }, f32, readFirst, seed) => {
          const x = images([...shape], f32, createRng(seed), 0.2);
          const [n, c] = shape;
          const g = convGeometry('test', x.shape, ph, pw, stride, pad);
          const want = readable(x, ph, pw, stride, pad);
          // The layer's steps: argmax, max, reshape, transpose(0, 3, 1, 2).
          const col = windows(x, ph, pw, stride, pad);
          argmax(col, { axis: 1 });
          const out = max(col, { axis: 1 });
          if (readFirst) expect(firstDifference(out.data, want.max)).toBe(-1);
          const first = out.reshape(n, g.oh, g.ow, c).transpose(0, 3, 1, 2);
          const plain = new NDArray(want.max.slice(), [n, g.oh, g.ow, c]);
          setBackend('js');
          const wantFirst = plain.transpose(0, 3, 1, 2);
          setBackend('wasm');
          expect(first.shape).toEqual([n, c, g.oh, g.ow]);
          expect(firstDifference(first.data, wantFirst.data)).toBe(-1);
          // Each its own elements: a write to one does not reach the other.
          first.data.fill(3);
          expect(firstDifference(out.data, want.max)).toBe(-1);
          out.data.fill(4);
          expect(first.data.every((v) => v === 3)).toBe(true);
        },
      ),
      { numRuns: 24 },
    );
  });

  it('are the same on 1, 2 and 4 threads for a SimpleConvNet batch ([100, 30, 24, 24])', () => {
    const before = getThreads();
    try {
      for (const f32 of [true, false]) {
        const x = images([100, 30, 24, 24], f32, createRng(f32 ? 8 : 9), 0.05);
        const want = readable(x, 2, 2, 2, 0);
        for (const threads of [1, 2, 4]) {
          setThreads(threads);
          const col = windows(x, 2, 2, 2, 0);
          expect(firstDifference(argmax(col, { axis: 1 }).data, want.argmax)).toBe(-1);
          argmax(col, { axis: 1 });
          const out = max(col, { axis: 1 }).reshape(x.shape[0]!, 12, 12, 30);
          // channels first, as the layer puts them (the copy of what the kernel wrote)
          const first = out.transpose(0, 3, 1, 2);
          expect(firstDifference(out.data, want.max)).toBe(-1);
          setBackend('js');
          const wantFirst = new NDArray(want.max, out.shape).transpose(0, 3, 1, 2);
          setBackend('wasm');
          expect(firstDifference(first.data, wantFirst.data)).toBe(-1);
        }
      }
    } finally {
      setThreads(before);
    }
  }, 60_000);
});

describe("max pooling's backward: col2im of one value per window, without the dense dcol", () => {
  /** dx from the dense dcol the book builds, by the TypeScript loops. */
  function readableDx(
    argMax: NDArray,
    d: NDArray,
    shape: readonly number[],
    ph: number,
    pw: number,
    stride: number,
    pad: number,
  ): Float64Array | Float32Array {
    const size = ph * pw;
    const rows = d.size;
    const dense =
      d.dtype === 'float32' ? new Float32Array(rows * size) : new Float64Array(rows * size);
    for (let r = 0; r < rows; r++) dense[r * size + argMax.data[r]!] = d.data[r]!;
    setBackend('js');
    const dx = col2im(
      new NDArray(dense, [rows / shape[1]!, shape[1]! * size]),
      shape,
      ph,
      pw,
      stride,
      pad,
    );
    setBackend('wasm');
    return dx.data as Float64Array | Float32Array;
  }

  it('is col2im of the dense dmax, and zeroed by the ReLU where it is added up, bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...geometries),
        fc.boolean(),
        fc.constantFrom(0, 0.3),
        fc.integer({ min: 1, max: 2 ** 30 }),
        ({ shape, ph, pw, stride, pad }, f32, special, seed) => {
          const rng = createRng(seed);
          const x = images([...shape], f32, rng, special);
          const argMax = argmax(windows(x, ph, pw, stride, pad), { axis: 1 });
          const d = images([argMax.size], f32, rng, special); // the gradients, NaN and ±0 too
          const want = readableDx(argMax, d, shape, ph, pw, stride, pad);
          const dmax = scatterRows(argMax, d, ph * pw);
          expect(lazyRowsOf(dmax)).toBeDefined();
          const dcol = dmax.reshape(-1, shape[1] * ph * pw);
          const dx = col2im(dcol, shape, ph, pw, stride, pad);
          expect(dx.shape).toEqual([...shape]);
          // The ReLU's backward of dx, with a mask of 1 (and other nonzero bytes) where the
          // forward cut, 0 elsewhere: taken where dx is added up, dx itself left unmade.
          const mask = Uint8Array.from(want, () =>
            rng.random() < 0.5 ? 0 : rng.random() < 0.9 ? 1 : 7,
          );
          expect(onPooled(dx)).toBe(true);
          const got = zeroMasked(dx, mask);
          expect(onPooled(dx)).toBe(true);
          const expected = zeroMasked(new NDArray(want.slice(), shape), mask);
          expect(firstDifference(got.data, expected.data)).toBe(-1);
          expect(got.shape).toEqual([...shape]);
          expect(firstDifference(dx.data, want)).toBe(-1);
          expect(lazyRowsOf(dcol)).toBeDefined(); // dcol was never made
        },
      ),
      { numRuns: 30, seed: 17 },
    );
  });

  it('counts its nonzeros as it is added up and masked, for the product that reads it next', () => {
    const before = getThreads();
    try {
      for (const [threads, f32] of [
        [1, false],
        [2, true],
        [4, false],
      ] as const) {
        setThreads(threads);
        const rng = createRng(30 + threads);
        const shape = [20, 30, 24, 24];
        const x = images(shape, f32, rng, 0.2);
        const argMax = argmax(windows(x, 2, 2, 2, 0), { axis: 1 });
        const d = images([argMax.size], f32, rng, 0.2);
        const want = readableDx(argMax, d, shape, 2, 2, 2, 0);
        const mask = Uint8Array.from(want, () => (rng.random() < 0.5 ? 0 : 1));
        const dx = zeroMasked(
          col2im(scatterRows(argMax, d, 4).reshape(-1, 120), shape, 2, 2, 2, 0),
          mask,
        );
        const source = pooledSourceOf(lazyRowsOf(dx)!)!;
        expect(source.mask).toBeDefined();
        const w = wasmKernels()!;
        const size = f32 ? 4 : 8;
        const at = scratchAddress(w, want.length * size + addUpBytes(source))!;
        const nonzero = addUpAt(w, source, at, at + want.length * size, true);
        const made = f32
          ? new Float32Array(w.memory.buffer, at, want.length).slice()
          : new Float64Array(w.memory.buffer, at, want.length).slice();
        const wantMasked = want.map((v, i) => (mask[i] ? 0 : v));
        expect(firstDifference(made, wantMasked)).toBe(-1);
        expect(nonzero).toBe(wantMasked.filter((v) => v !== 0).length);
        expect(nonzero).toBeGreaterThan(0);
      }
    } finally {
      setThreads(before);
    }
  });

  it('is an ordinary array to everything else: not compressed rows, not lazy on js, writable', () => {
    const rng = createRng(15);
    const shape = [8, 30, 24, 24];
    const x = images(shape, false, rng, 0);
    const argMax = argmax(windows(x, 2, 2, 2, 0), { axis: 1 });
    const d = images([argMax.size], false, rng, 0);
    const want = readableDx(argMax, d, shape, 2, 2, 2, 0);
    const dx = col2im(scatterRows(argMax, d, 4).reshape(-1, 120), shape, 2, 2, 2, 0);
    expect(sparseRowsOf(dx.reshape(-1, 24))).toBeUndefined();
    const mask = new Uint8Array(dx.size);
    dx.data[5] = 123; // read, then written: the ReLU sees the write
    expect(onPooled(dx)).toBe(false);
    expect(zeroMasked(dx, mask).data[5]).toBe(123);
    expect(firstDifference(dx.data.subarray(6), want.subarray(6))).toBe(-1);
    setBackend('js');
    const again = col2im(scatterRows(argMax, d, 4).reshape(-1, 120), shape, 2, 2, 2, 0);
    expect(onPooled(again)).toBe(false);
    expect(firstDifference(again.data, want)).toBe(-1);
  });

  it('is the same on 1, 2 and 4 threads for a SimpleConvNet batch', () => {
    const before = getThreads();
    try {
      const rng = createRng(12);
      const shape = [100, 30, 24, 24];
      const x = images(shape, true, rng, 0);
      const argMax = argmax(windows(x, 2, 2, 2, 0), { axis: 1 });
      const d = images([argMax.size], true, rng, 0);
      const want = readableDx(argMax, d, shape, 2, 2, 2, 0);
      const mask = Uint8Array.from(want, (v) => (v > 0 ? 0 : 1));
      const wantMasked = want.map((v, i) => (mask[i] ? 0 : v));
      for (const threads of [1, 2, 4]) {
        setThreads(threads);
        const dcol = scatterRows(argMax, d, 4).reshape(-1, 120);
        const dx = col2im(dcol, shape, 2, 2, 2, 0);
        expect(firstDifference(zeroMasked(dx, mask).data, wantMasked)).toBe(-1);
        expect(firstDifference(dx.data, want)).toBe(-1);
      }
    } finally {
      setThreads(before);
    }
  }, 60_000);

  it('goes by the dense matrix when the rows are not one window each, and is still col2im', () => {
    const rng = createRng(14);
    const x = images([80, 2, 8, 8], false, rng, 0);
    // Rows of 8 = two windows of 2×2 side by side: not pooling's layout.
    const argMax = argmax(windows(x, 2, 2, 2, 0).reshape(-1, 8), { axis: 1 });
    const d = images([argMax.size], false, rng, 0);
    const dcol = scatterRows(argMax, d, 8).reshape(-1, 8);
    expect(lazyRowsOf(dcol)).toBeDefined(); // 1,280 rows: kept as scatter rows
    const dense = new NDArray(scatterRows(argMax, d, 8).data.slice(), dcol.shape);
    setBackend('js');
    const want = col2im(dense, [80, 2, 8, 8], 2, 2, 2, 0).data;
    setBackend('wasm');
    expect(firstDifference(col2im(dcol, [80, 2, 8, 8], 2, 2, 2, 0).data, want)).toBe(-1);
  });
});

describe("the ReLU's backward of the pooling's dx, read as planes by the convolution's backward", () => {
  // The shapes of a convolution (stride 1) followed by a ReLU and a 2×2 pooling: dx of the pooling
  // is the convolution's dout [N, FN, OH, OW]; the convolution's col unfolds its images. Small
  // windows without padding take the product of planes and windows, padding the made Mᵀ.
  const convs = [
    { images: [40, 1, 12, 12], fh: 5, fw: 5, pad: 0 },
    { images: [40, 2, 8, 8], fh: 3, fw: 3, pad: 1 },
  ] as const;
  const FN = 30;

  /** A pooling's dx not yet made, its readable elements and a ReLU mask, for `shape`. */
  function pooledDx(shape: number[], f32: boolean, rng: Rng) {
    const x = images(shape, f32, rng, 0);
    const argMax = argmax(windows(x, 2, 2, 2, 0), { axis: 1 });
    const d = images([argMax.size], f32, rng, 0);
    const dx = col2im(scatterRows(argMax, d, 4).reshape(-1, FN * 4), shape, 2, 2, 2, 0);
    // about the ReLU's share of cuts, 1s and other nonzero bytes
    const mask = Uint8Array.from({ length: dx.size }, () =>
      rng.random() < 0.5 ? 0 : rng.random() < 0.9 ? 1 : 7,
    );
    return { dx, mask };
  }

  it('stays unmade, and the product and the sum over its rows read it bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...convs),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (conv, f32, seed) => {
          const rng = createRng(seed);
          const img = images([...conv.images], f32, rng, 0);
          const g = convGeometry('test', conv.images, conv.fh, conv.fw, 1, conv.pad);
          const shape = [g.n, FN, g.oh, g.ow];
          const { dx, mask } = pooledDx(shape, f32, rng);
          const dout = zeroMasked(dx, mask);
          expect(onPooled(dout)).toBe(true);
          expect(dout.dtype).toBe(f32 ? 'float32' : 'float64');
          // The same elements as an ordinary array, made by the plain loops.
          setBackend('js');
          const readableDout = new NDArray(zeroMasked(dx, mask).data.slice(), shape);
          setBackend('wasm');
          const planes = dout.transpose(0, 2, 3, 1).reshape(-1, FN);
          const dW = matmul(planes, im2col(img, conv.fh, conv.fw, 1, conv.pad), { transA: true });
          expect(onPooled(dout)).toBe(true); // read where the kernels added it up
          const db = sum(planes, { axis: 0 });
          const readablePlanes = readableDout.transpose(0, 2, 3, 1).reshape(-1, FN);
          const col = im2col(img, conv.fh, conv.fw, 1, conv.pad);
          const want = matmul(readablePlanes, col, { transA: true });
          expect(dW.dtype).toBe(want.dtype);
          expect(firstDifference(dW.data, want.data)).toBe(-1);
          expect(firstDifference(db.data, sum(readablePlanes, { axis: 0 }).data)).toBe(-1);
          expect(firstDifference(dout.data, readableDout.data)).toBe(-1);
        },
      ),
      { numRuns: 8, seed: 23 },
    );
  });

  it("keeps the mask as it was: the ReLU's next forward writes it again", () => {
    const rng = createRng(31);
    const { dx, mask } = pooledDx([40, FN, 8, 8], true, rng);
    setBackend('js');
    const want = zeroMasked(dx, mask).data.slice();
    setBackend('wasm');
    const dout = zeroMasked(dx, mask);
    mask.fill(0);
    expect(firstDifference(dout.transpose(0, 2, 3, 1).data, transposed(want, 40, FN, 64))).toBe(-1);
    expect(firstDifference(dout.data, want)).toBe(-1);
  });

  it('is made by the plain loops on the js backend, and masked twice when asked twice', () => {
    const rng = createRng(33);
    const { dx, mask } = pooledDx([40, FN, 8, 8], false, rng);
    const again = Uint8Array.from(mask, (_, i) => (i % 3 === 0 ? 1 : 0));
    setBackend('js');
    const onceWant = zeroMasked(dx, mask).data.slice();
    setBackend('wasm');
    const want = onceWant.map((v, i) => (again[i] ? 0 : v));
    const once = zeroMasked(dx, mask);
    const twice = zeroMasked(once, again);
    expect(firstDifference(twice.data, want)).toBe(-1);
    const later = zeroMasked(dx, mask);
    setBackend('js');
    expect(firstDifference(later.data, zeroMasked(dx, mask).data)).toBe(-1);
  });
});

/** `[batches, planes, len]` with the planes moved last, by a plain loop. */
function transposed(x: Float64Array | Float32Array, batches: number, planes: number, len: number) {
  const out = x.slice();
  for (let b = 0; b < batches; b++) {
    for (let p = 0; p < planes; p++) {
      for (let i = 0; i < len; i++)
        out[(b * len + i) * planes + p] = x[(b * planes + p) * len + i]!;
    }
  }
  return out;
}

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { convGeometry } from './conv-geometry.js';
import { matmul } from './dot.js';
import { im2col } from './im2col.js';
import { setBackend } from './kernels/backend.js';
import { gemmReference } from './kernels/gemm.js';
import { im2colReference } from './kernels/im2col-reference.js';
import { unfoldSourceOf } from './kernels/sparse-rows.js';
import { getThreads, setThreads } from './kernels/threads.js';
import { NDArray, sparseRowsOf } from './ndarray.js';
import { createRng, type Rng } from './random.js';
import { firstDifference, maxDiff, randomArray } from './testing/arrays.js';

// im2col's col on the WebAssembly backend is made where the product that reads it runs: the
// array stands on the images, and matmul unfolds them in the kernels' memory (a convolution). These tests hold it to the col im2col's readable loop makes, used
// as an ordinary array: the same elements, and the same products bit for bit (both go through the
// same kernels on the same numbers, sparse for mostly-zero images, dense otherwise).

afterEach(() => {
  setBackend('wasm');
});

function matrix(rows: number, cols: number, f32: boolean, rng: Rng): NDArray {
  return randomArray([rows, cols], 0, f32, rng);
}

/** The col of the readable loop, as an ordinary array. */
function readableCol(x: NDArray, fh: number, fw: number, stride: number, pad: number): NDArray {
  const g = convGeometry('test', x.shape, fh, fw, stride, pad);
  const rows = g.n * g.oh * g.ow;
  const cols = g.c * fh * fw;
  const out = x.dtype === 'float32' ? new Float32Array(rows * cols) : new Float64Array(rows * cols);
  im2colReference(g, x.data, out);
  return new NDArray(out, [rows, cols]);
}

/** op(A)·op(B) by the triple loop in float64. */
function reference(a: NDArray, b: NDArray, transA: boolean, transB: boolean): Float64Array {
  const [m, k] = transA ? [a.shape[1]!, a.shape[0]!] : [a.shape[0]!, a.shape[1]!];
  const n = transB ? b.shape[0]! : b.shape[1]!;
  const c = new Float64Array(m * n);
  const s = { m, n, k, transA, transB };
  gemmReference(s, Float64Array.from(a.data), Float64Array.from(b.data), c);
  return c;
}

const unfolded = (a: NDArray) => {
  const rows = sparseRowsOf(a);
  return rows !== undefined && unfoldSourceOf(rows) !== undefined;
};

// [N, C, H, W], FH, FW, stride, pad: SimpleConvNet's 5×5, DeepConvNet's 3×3 pad 1, a stride of 2
// with padding, a wide filter, and channels; each col has more than 4,096 elements.
const geometries = [
  { shape: [20, 1, 12, 12], fh: 5, fw: 5, stride: 1, pad: 0 },
  { shape: [6, 3, 10, 10], fh: 3, fw: 3, stride: 1, pad: 1 },
  { shape: [8, 2, 13, 13], fh: 5, fw: 5, stride: 2, pad: 1 },
  { shape: [5, 2, 9, 16], fh: 3, fw: 7, stride: 1, pad: 0 },
] as const;

describe('im2col of a convolution, made where the product runs', () => {
  it('gives the readable col, and the same products bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...geometries),
        fc.constantFrom(0.85, 0), // mostly zeros (the sparse kernel) or none (the dense one)
        fc.boolean(),
        fc.constantFrom(1, 4, 8, 30), // filters
        fc.integer({ min: 1, max: 2 ** 30 }),
        ({ shape, fh, fw, stride, pad }, zeros, f32, filters, seed) => {
          const rng = createRng(seed);
          const x = randomArray([...shape], zeros, f32, rng);
          const dense = readableCol(x, fh, fw, stride, pad);
          const [rows, cols] = dense.shape as [number, number];
          const W = matrix(filters, cols, f32, rng); // one filter per row, as colW
          const b = matrix(1, filters, f32, rng).reshape(filters);
          const dout = matrix(rows, filters, f32, rng);

          const col = im2col(x, fh, fw, stride, pad);
          expect(col.shape).toEqual([rows, cols]);
          expect(col.dtype).toBe(x.dtype);
          expect(unfolded(col)).toBe(true);
          // The forward's out = col · colWᵀ + b and the backward's dW = doutᵀ · col.
          const out = matmul(col, W, { transB: true, bias: b });
          const expectedOut = matmul(dense, W, { transB: true, bias: b });
          expect(Array.from(out.data)).toEqual(Array.from(expectedOut.data));
          const dW = matmul(dout, col, { transA: true });
          expect(Array.from(dW.data)).toEqual(
            Array.from(matmul(dout, dense, { transA: true }).data),
          );
          expect(unfolded(col)).toBe(true); // the products did not make col's elements
          // They are the products at all: close to the triple loop.
          const scale = f32 ? 1e-5 : 1e-13;
          const outRef = reference(dense, W, false, true);
          for (let i = 0; i < outRef.length; i++) outRef[i]! += b.data[i % filters]!;
          expect(maxDiff(out.data, outRef)).toBeLessThan(scale * cols * 10);
          expect(maxDiff(dW.data, reference(dout, dense, true, false))).toBeLessThan(
            scale * rows * 10,
          );
          // Read, col is the readable loop's matrix.
          expect(Array.from(col.data)).toEqual(Array.from(dense.data));
          expect(unfolded(col)).toBe(false);
        },
      ),
      { numRuns: 24, seed: 7 },
    );
  });

  it('gives the same numbers on 1, 2 and 4 threads, for a batch of 100 digit-like images', () => {
    const before = getThreads();
    try {
      for (const f32 of [false, true]) {
        const rng = createRng(f32 ? 21 : 20);
        const x = randomArray([100, 1, 28, 28], 0.8, f32, rng);
        const dense = readableCol(x, 5, 5, 1, 0);
        const W = matrix(30, 25, f32, rng);
        const b = matrix(1, 30, f32, rng).reshape(30);
        const dout = matrix(dense.shape[0]!, 30, f32, rng);
        const want = matmul(dense, W, { transB: true, bias: b }).data;
        const wantDW = matmul(dout, dense, { transA: true }).data;
        for (const threads of [1, 2, 4]) {
          setThreads(threads);
          const col = im2col(x, 5, 5);
          const out = matmul(col, W, { transB: true, bias: b }).data;
          expect(firstDifference(out, want)).toBe(-1);
          expect(firstDifference(matmul(dout, col, { transA: true }).data, wantDW)).toBe(-1);
        }
      }
    } finally {
      setThreads(before);
    }
  }, 60_000);

  it('is im2col of x as it was: changing x afterwards changes nothing', () => {
    const rng = createRng(3);
    const x = randomArray([20, 1, 12, 12], 0.8, false, rng);
    const before = readableCol(x, 5, 5, 1, 0);
    const col = im2col(x, 5, 5);
    const W = matrix(30, 25, false, rng);
    const expected = matmul(before, W, { transB: true });
    x.data.fill(3);
    expect(Array.from(matmul(col, W, { transB: true }).data)).toEqual(Array.from(expected.data));
    expect(Array.from(col.data)).toEqual(Array.from(before.data));
  });

  it('writes into out and accumulates as the ordinary product does', () => {
    const rng = createRng(5);
    const x = randomArray([20, 1, 12, 12], 0.8, true, rng);
    const dense = readableCol(x, 5, 5, 1, 0);
    const dout = matrix(dense.shape[0]!, 6, true, rng);
    const start = matrix(6, 25, true, rng);
    const got = start.clone();
    const want = start.clone();
    matmul(dout, im2col(x, 5, 5), { transA: true, out: got, accumulate: true });
    matmul(dout, dense, { transA: true, out: want, accumulate: true });
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
  });

  it('mixes dtypes as the ordinary product does (float32 col, float64 filters)', () => {
    const rng = createRng(9);
    const x = randomArray([20, 1, 12, 12], 0.8, true, rng);
    const W = matrix(8, 25, false, rng);
    const got = matmul(im2col(x, 5, 5), W, { transB: true });
    expect(got.dtype).toBe('float64');
    const want = matmul(readableCol(x, 5, 5, 1, 0), W, { transB: true });
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
  });

  it('is an ordinary array for a small input or on the TypeScript backend', () => {
    const rng = createRng(11);
    const x = randomArray([20, 3, 12, 12], 0.8, false, rng);
    expect(unfolded(im2col(randomArray([1, 1, 6, 6], 0.8, false, rng), 5, 5))).toBe(false);
    setBackend('js');
    const col = im2col(x, 5, 5);
    expect(unfolded(col)).toBe(false);
    expect(Array.from(col.data)).toEqual(Array.from(readableCol(x, 5, 5, 1, 0).data));
  });
});

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { matmul } from './dot.js';
import { im2col } from './im2col.js';
import { setBackend } from './kernels/backend.js';
import { gemmReference } from './kernels/gemm.js';
import { planesSourceOf } from './kernels/sparse-rows.js';
import { getThreads, setThreads } from './kernels/threads.js';
import { lazyRowsOf, NDArray } from './ndarray.js';
import { createRng } from './random.js';
import { sum } from './reductions.js';
import { firstDifference, maxDiff, randomArray } from './testing/arrays.js';

// `transpose(0, 2, 3, 1)` of a batch of planes [N, C, H, W] (the convolution's dout in backward)
// is made only when read: on the WebAssembly backend the array stands on a copy of the planes, and
// the backward pass's products `matmul(M, col, { transA: true })` and sums `sum(M, { axis: 0 })`
// read them where they are. These tests hold it to the same transpose made at once, used as an
// ordinary array: the same elements, and the same products and sums bit for bit.

afterEach(() => {
  setBackend('wasm');
});

/** The transpose made at once by the readable index walk, as an ordinary array. */
function moveLast(x: NDArray): NDArray {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const out = x.dtype === 'float32' ? new Float32Array(x.size) : new Float64Array(x.size);
  for (let i = 0; i < n; i++) {
    for (let y = 0; y < h; y++) {
      for (let z = 0; z < w; z++) {
        for (let ch = 0; ch < c; ch++) {
          out[((i * h + y) * w + z) * c + ch] = x.data[((i * c + ch) * h + y) * w + z]!;
        }
      }
    }
  }
  return new NDArray(out, [n, h, w, c]);
}

const onPlanes = (a: NDArray) => {
  const rows = lazyRowsOf(a);
  return rows !== undefined && planesSourceOf(rows) !== undefined;
};

// [N, C, H, W] with at least 65,536 elements: SimpleConvNet's dout at batch 8 (30 planes of
// 24 × 24), DeepConvNet's at the last stage (64 planes of 7 × 7), and odd sizes.
const shapes = [
  [8, 30, 24, 24],
  [21, 64, 7, 7],
  [7, 13, 29, 31],
  [1, 9, 97, 81],
] as const;

describe('transpose(0, 2, 3, 1) of planes, read where it is used', () => {
  it('gives the transpose, and the same products and sums bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes),
        // mostly zeros (a pooling layer's dout: the sparse kernel) or none (the dense one)
        fc.constantFrom(0.9, 0),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (shape, zeros, f32, seed) => {
          const rng = createRng(seed);
          const x = randomArray([...shape], zeros, f32, rng);
          const [n, c, h, w] = shape;
          const rows = n * h * w;
          const want = moveLast(x).reshape(rows, c);
          const col = randomArray([rows, 25], 0.5, f32, rng).reshape(rows, 25);
          const M = x.transpose(0, 2, 3, 1).reshape(-1, c);
          expect(M.shape).toEqual([rows, c]);
          expect(M.dtype).toBe(x.dtype);
          expect(onPlanes(M)).toBe(true);
          // dW = Mᵀ·col and db = Σ over M's rows, as the convolution's backward computes them.
          const dW = matmul(M, col, { transA: true });
          const db = sum(M, { axis: 0 });
          expect(onPlanes(M)).toBe(true); // neither made M's elements
          expect(firstDifference(dW.data, matmul(want, col, { transA: true }).data)).toBe(-1);
          expect(firstDifference(db.data, sum(want, { axis: 0 }).data)).toBe(-1);
          // They are the product and the sum at all: close to the triple loop.
          const ref = new Float64Array(c * 25);
          gemmReference(
            { m: c, n: 25, k: rows, transA: true },
            Float64Array.from(want.data),
            Float64Array.from(col.data),
            ref,
          );
          expect(maxDiff(dW.data, ref)).toBeLessThan((f32 ? 1e-4 : 1e-12) * Math.sqrt(rows));
          // Read, it is the transpose.
          expect(firstDifference(M.data, want.data)).toBe(-1);
        },
      ),
      { numRuns: 16 },
    );
  });

  it('keeps NaN, ±∞ and −0 where the products and sums made from the elements have them', () => {
    for (const f32 of [false, true]) {
      const rng = createRng(f32 ? 5 : 6);
      const x = randomArray([6, 30, 24, 24], 0.9, f32, rng, true);
      const want = moveLast(x).reshape(-1, 30);
      const col = randomArray([want.shape[0]!, 9], 0.3, f32, rng);
      const M = x.transpose(0, 2, 3, 1).reshape(-1, 30);
      const dW = matmul(M, col, { transA: true });
      const expected = matmul(want, col, { transA: true });
      expect(expected.data.some(Number.isNaN)).toBe(true); // the case is exercised
      expect(firstDifference(dW.data, expected.data)).toBe(-1);
      expect(firstDifference(sum(M, { axis: 0 }).data, sum(want, { axis: 0 }).data)).toBe(-1);
    }
  });

  it('on 1, 2 and 4 threads, with col from im2col: the same numbers', () => {
    const before = getThreads();
    try {
      const rng = createRng(11);
      const images = randomArray([40, 1, 28, 28], 0.8, true, rng);
      const dout = randomArray([40, 30, 24, 24], 0.9, true, rng);
      const want = moveLast(dout).reshape(-1, 30);
      const made = im2col(images, 5, 5, 1, 0);
      const colDense = new NDArray(made.data, made.shape); // its elements, an ordinary array
      const expected = matmul(want, colDense, { transA: true });
      const results: Float32Array[] = [];
      for (const threads of [1, 2, 4]) {
        setThreads(threads);
        const col = im2col(images, 5, 5, 1, 0);
        const M = dout.transpose(0, 2, 3, 1).reshape(-1, 30);
        const dW = matmul(M, col, { transA: true });
        expect(onPlanes(M)).toBe(true);
        results.push(dW.data as Float32Array);
        expect(firstDifference(dW.data, expected.data)).toBe(-1);
      }
      expect(firstDifference(results[0]!, results[1]!)).toBe(-1);
      expect(firstDifference(results[0]!, results[2]!)).toBe(-1);
    } finally {
      setThreads(before);
    }
  });

  it('stands for the planes as they were: writing to them afterwards changes nothing', () => {
    const rng = createRng(3);
    const x = randomArray([4, 30, 24, 24], 0.5, false, rng);
    const want = moveLast(x).reshape(-1, 30);
    const M = x.transpose(0, 2, 3, 1).reshape(-1, 30);
    const col = randomArray([want.shape[0]!, 25], 0, false, rng);
    x.data.fill(1);
    expect(firstDifference(sum(M, { axis: 0 }).data, sum(want, { axis: 0 }).data)).toBe(-1);
    expect(
      firstDifference(
        matmul(M, col, { transA: true }).data,
        matmul(want, col, { transA: true }).data,
      ),
    ).toBe(-1);
    expect(firstDifference(M.data, want.data)).toBe(-1);
  });

  it('is an ordinary array to everything else: products untransposed, other sums, writes', () => {
    const rng = createRng(4);
    const x = randomArray([3, 30, 24, 24], 0.5, true, rng);
    const want = moveLast(x);
    const W = randomArray([30, 8], 0, true, rng);
    const M = x.transpose(0, 2, 3, 1);
    expect(M.shape).toEqual([3, 24, 24, 30]);
    // dx = M·W (DeepConvNet's backward), a sum along another axis, an element.
    const M2 = M.reshape(-1, 30);
    expect(firstDifference(matmul(M2, W).data, matmul(want.reshape(-1, 30), W).data)).toBe(-1);
    expect(firstDifference(sum(M, { axis: 0 }).data, sum(want, { axis: 0 }).data)).toBe(-1);
    expect(M.get(2, 23, 1, 29)).toBe(want.get(2, 23, 1, 29));
    // Once read, its elements are the array: a write shows in products and sums.
    M.data[0] = 1000;
    expect(onPlanes(M)).toBe(false);
    expect(sum(M.reshape(-1, 30), { axis: 0 }).get(0)).toBeCloseTo(
      sum(want.reshape(-1, 30), { axis: 0 }).get(0) - want.data[0]! + 1000,
      1,
    );
  });

  it('is made at once on the js backend, for small arrays, and for other permutations', () => {
    const rng = createRng(8);
    const x = randomArray([8, 30, 24, 24], 0.5, false, rng);
    expect(onPlanes(x.transpose(0, 2, 3, 1))).toBe(true);
    expect(onPlanes(x.transpose(0, 3, 1, 2))).toBe(false);
    expect(onPlanes(x.reshape(8, 30, 576).transpose(0, 2, 1))).toBe(true);
    expect(onPlanes(randomArray([2, 30, 24, 24], 0, false, rng).transpose(0, 2, 3, 1))).toBe(false); // 34,560
    setBackend('js');
    const M = x.transpose(0, 2, 3, 1);
    expect(onPlanes(M)).toBe(false);
    expect(firstDifference(M.data, moveLast(x).data)).toBe(-1);
  });
});

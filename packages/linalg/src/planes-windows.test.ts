import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { matmul } from './dot.js';
import { im2col } from './im2col.js';
import { setBackend } from './kernels/backend.js';
import { gemmReference } from './kernels/gemm.js';
import { planesSourceOf, unfoldSourceOf } from './kernels/sparse-rows.js';
import { getThreads, setThreads } from './kernels/threads.js';
import { lazyRowsOf, NDArray } from './ndarray.js';
import { createRng } from './random.js';
import { firstDifference, maxDiff, randomArray } from './testing/arrays.js';

// A convolution's dW = doutᵀ·col with dout's planes moved last (`transpose(0, 2, 3, 1)`) and col
// from im2col, both standing on their sources: for small windows without padding (SimpleConvNet's
// 5 × 5 on one channel) the kernels multiply each nonzero of the planes by its window where it
// lies in the image, col never made (assembly/gemm.ts, "the product of planes and windows"). These
// tests hold that to the same product from the two arrays' elements, bit for bit: the sparse
// kernel over the same nonzeros in the same order.

afterEach(() => {
  setBackend('wasm');
});

/**
 * dW = doutᵀ·col twice: from dout's planes moved last and im2col of the images, standing on them
 * (checked before and after the product), and from the same two arrays' elements, made first.
 * Returns both dW and the made operands.
 */
function bothWays(
  images: NDArray,
  dout: NDArray,
  fh: number,
  fw: number,
  stride: number,
  pad: number,
): { dW: NDArray; expected: NDArray; MMade: NDArray; colMade: NDArray } {
  const col = im2col(images, fh, fw, stride, pad);
  const M = dout.transpose(0, 2, 3, 1).reshape(-1, dout.shape[1]!);
  expect(standsOnSources(M, col)).toBe(true);
  const dW = matmul(M, col, { transA: true });
  expect(standsOnSources(M, col)).toBe(true); // the product made neither
  const MMade = new NDArray(M.data, M.shape);
  const colMade = new NDArray(col.data, col.shape);
  return { dW, expected: matmul(MMade, colMade, { transA: true }), MMade, colMade };
}

/** Whether M stands on dout's planes and col on the images (neither made yet). */
function standsOnSources(M: NDArray, col: NDArray): boolean {
  const m = lazyRowsOf(M);
  const c = lazyRowsOf(col);
  return (
    m !== undefined &&
    planesSourceOf(m) !== undefined &&
    c !== undefined &&
    unfoldSourceOf(c) !== undefined
  );
}

// Geometries: [N, C, H, W], filter, stride, pad; dout of at least 65,536 elements (below, the
// planes are moved at once). C·FH ≤ 5 and FW ≤ 8 (floats) or 6 (doubles) take the
// windows; the others (more window rows, a wider filter, padding) the product of made operands.
const geometries = [
  { shape: [20, 1, 28, 28], fh: 5, fw: 5, stride: 1, pad: 0 }, // SimpleConvNet
  { shape: [48, 1, 29, 30], fh: 3, fw: 4, stride: 2, pad: 0 },
  { shape: [44, 2, 17, 19], fh: 2, fw: 6, stride: 1, pad: 0 },
  { shape: [110, 5, 15, 13], fh: 1, fw: 8, stride: 1, pad: 0 }, // 8 wide: floats only
  { shape: [80, 1, 31, 31], fh: 1, fw: 1, stride: 3, pad: 0 },
  { shape: [48, 1, 16, 16], fh: 3, fw: 3, stride: 1, pad: 0 },
  { shape: [40, 1, 20, 22], fh: 2, fw: 7, stride: 1, pad: 0 }, // 7 wide: floats only
  { shape: [48, 3, 16, 16], fh: 3, fw: 3, stride: 1, pad: 0 }, // 9 window rows: not taken
  { shape: [20, 1, 28, 28], fh: 5, fw: 5, stride: 1, pad: 2 }, // padding: not taken
] as const;

describe('dW of a convolution from the planes and the windows where they lie', () => {
  it('is the product of the made operands, bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...geometries),
        fc.constantFrom(0.9, 0.5), // a pooled ReLU's dout (mostly zeros) and a denser one
        fc.boolean(),
        fc.constantFrom(7, 30), // filters
        fc.integer({ min: 1, max: 2 ** 30 }),
        ({ shape, fh, fw, stride, pad }, zeros, f32, filters, seed) => {
          const rng = createRng(seed);
          const [n, , h, w] = shape;
          const oh = (h + 2 * pad - fh) / stride + 1;
          const ow = (w + 2 * pad - fw) / stride + 1;
          const images = randomArray([...shape], 0.6, f32, rng);
          const dout = randomArray([n, filters, oh, ow], zeros, f32, rng);
          const { dW, expected, MMade, colMade } = bothWays(images, dout, fh, fw, stride, pad);
          expect(dW.shape).toEqual([filters, colMade.shape[1]]);
          expect(firstDifference(dW.data, expected.data)).toBe(-1);
          // It is the product at all: close to the plain triple loop.
          const [k, cols] = colMade.shape as [number, number];
          const want = new Float64Array(filters * cols);
          gemmReference(
            { m: filters, n: cols, k, transA: true, transB: false },
            MMade.data,
            colMade.data,
            want,
          );
          expect(maxDiff(dW.data, want)).toBeLessThan((f32 ? 1e-4 : 1e-12) * Math.sqrt(k));
        },
      ),
      { numRuns: 48, seed: 19 },
    );
  });

  it('keeps NaN, ±∞ and −0 of the planes, and adds 0·∞ of an infinite pixel, as made', () => {
    for (const f32 of [false, true]) {
      const rng = createRng(f32 ? 8 : 9);
      const images = randomArray([6, 1, 28, 28], 0.7, f32, rng);
      const specials = randomArray([6, 30, 24, 24], 0.9, f32, rng, true); // NaN, ±0, ±∞, tiny
      const dout = randomArray([6, 30, 24, 24], 0.9, f32, rng);
      const infinite = new NDArray(images.data.slice(), images.shape);
      infinite.data[3 * 784 + 14 * 28 + 14] = Number.POSITIVE_INFINITY;
      // (only the dense product adds 0·∞: an infinite pixel takes the product there)
      for (const [x, d] of [
        [images, specials],
        [infinite, dout],
      ] as const) {
        const { dW, expected } = bothWays(x, d, 5, 5, 1, 0);
        expect(expected.data.some(Number.isNaN)).toBe(true); // the case is exercised
        expect(firstDifference(dW.data, expected.data)).toBe(-1);
      }
    }
  });

  it('turns the row of a filter with one NaN in its plane to NaN, as NaN·0 is NaN', () => {
    const rng = createRng(10);
    const images = randomArray([6, 1, 28, 28], 0.7, true, rng);
    const dout = randomArray([6, 30, 24, 24], 0.9, true, rng);
    dout.data[(2 * 30 + 7) * 576 + 100] = Number.NaN; // image 2, filter 7
    const dW = matmul(dout.transpose(0, 2, 3, 1).reshape(-1, 30), im2col(images, 5, 5, 1, 0), {
      transA: true,
    });
    for (let f = 0; f < 30; f++) {
      const row = Array.from(dW.data.subarray(f * 25, (f + 1) * 25));
      expect(row.every(f === 7 ? Number.isNaN : Number.isFinite)).toBe(true);
    }
  });

  it('gives the same numbers on 1, 2 and 4 threads, in float64 and float32', () => {
    const before = getThreads();
    try {
      for (const f32 of [false, true]) {
        const rng = createRng(f32 ? 21 : 22);
        const images = randomArray([30, 1, 28, 28], 0.8, f32, rng);
        const dout = randomArray([30, 30, 24, 24], 0.85, f32, rng);
        const results: NDArray[] = [];
        for (const threads of [1, 2, 4]) {
          setThreads(threads);
          const { dW, expected } = bothWays(images, dout, 5, 5, 1, 0);
          expect(firstDifference(dW.data, expected.data)).toBe(-1);
          results.push(dW);
        }
        expect(firstDifference(results[0]!.data, results[2]!.data)).toBe(-1);
      }
    } finally {
      setThreads(before);
    }
  });

  it('writes into out, and accumulates as the ordinary product does', () => {
    const rng = createRng(4);
    const images = randomArray([8, 1, 28, 28], 0.7, true, rng);
    const dout = randomArray([8, 30, 24, 24], 0.9, true, rng);
    const start = randomArray([30, 25], 0, true, rng);
    const out = new NDArray(start.data.slice(), [30, 25]);
    matmul(dout.transpose(0, 2, 3, 1).reshape(-1, 30), im2col(images, 5, 5, 1, 0), {
      transA: true,
      out,
    });
    const sum = new NDArray(start.data.slice(), [30, 25]);
    matmul(dout.transpose(0, 2, 3, 1).reshape(-1, 30), im2col(images, 5, 5, 1, 0), {
      transA: true,
      out: sum,
      accumulate: true,
    });
    const { expected, MMade, colMade } = bothWays(images, dout, 5, 5, 1, 0);
    expect(firstDifference(out.data, expected.data)).toBe(-1);
    const want = new NDArray(start.data.slice(), [30, 25]);
    matmul(MMade, colMade, { transA: true, out: want, accumulate: true });
    expect(firstDifference(sum.data, want.data)).toBe(-1);
  });
});

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { matmul } from './dot.js';
import { im2col } from './im2col.js';
import { setBackend } from './kernels/backend.js';
import { gemmReference } from './kernels/gemm.js';
import { reluWithMask } from './kernels/relu-mask.js';
import { allocateResident } from './kernels/resident.js';
import { parkedSourceOf, productSourceOf } from './kernels/sparse-rows.js';
import { getThreads, setThreads } from './kernels/threads.js';
import { lazyRowsOf, NDArray, sparseRowsOf } from './ndarray.js';
import { createRng } from './random.js';
import { argmax, max } from './reductions.js';
import { firstDifference, randomArray } from './testing/arrays.js';

// The convolution's forward, `matmul(im2col(x), colW, { transB: true, bias: b })`, then
// `reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)`, then the ReLU: on the WebAssembly backend the
// product is made only when read, the transpose stands on it too, and `reluWithMask` has the
// kernels make it, transpose it and cut it without copying it out in between. These tests hold
// each step to the same step made at once on ordinary arrays, bit for bit.

afterEach(() => {
  setBackend('wasm');
});

/** An ordinary array holding a's elements (a copy). */
function plain(a: NDArray): NDArray {
  return new NDArray(a.data.slice(), a.shape);
}

const onProduct = (a: NDArray) => {
  const rows = lazyRowsOf(a);
  return rows !== undefined && productSourceOf(rows) !== undefined;
};

interface Case {
  x: [number, number, number, number];
  fn: number;
  fh: number;
  fw: number;
  stride: number;
  pad: number;
}

// SimpleConvNet's first layer at batch 8, DeepConvNet's third (pad 1), an odd one: stride 2,
// OH·OW = 169 and FN = 11 (neither a multiple of 4), and a thin one: FN = 3 (the transpose's
// element-by-element path, below 4 channels).
const cases: Case[] = [
  { x: [8, 1, 28, 28], fn: 30, fh: 5, fw: 5, stride: 1, pad: 0 },
  { x: [12, 16, 14, 14], fn: 32, fh: 3, fw: 3, stride: 1, pad: 1 },
  { x: [40, 3, 27, 27], fn: 11, fh: 3, fw: 3, stride: 2, pad: 0 },
  { x: [70, 1, 21, 21], fn: 3, fh: 3, fw: 3, stride: 1, pad: 0 },
];

/** The layer's forward up to the ReLU's input: the product, and the product channels first. */
function convolve(x: NDArray, W: NDArray, b: NDArray | undefined, c: Case) {
  const col = im2col(x, c.fh, c.fw, c.stride, c.pad);
  const product = matmul(col, W.reshape(c.fn, -1), { transB: true, bias: b });
  const n = x.shape[0]!;
  const oh = (x.shape[2]! + 2 * c.pad - c.fh) / c.stride + 1;
  const ow = (x.shape[3]! + 2 * c.pad - c.fw) / c.stride + 1;
  const first = product.reshape(n, oh, ow, c.fn).transpose(0, 3, 1, 2);
  return { col, product, first, shape: [n, oh, ow, c.fn] };
}

describe('the convolution product made where the ReLU reads it', () => {
  it('gives the product, its transpose and the ReLU of it bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        // mostly zeros (MNIST digits: the sparse kernel) or none (the dense one)
        fc.constantFrom(0.8, 0),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (c, zeros, f32, withBias, seed) => {
          const rng = createRng(seed);
          const x = randomArray([...c.x], zeros, f32, rng);
          const W = randomArray([c.fn, c.x[1], c.fh, c.fw], 0, f32, rng);
          const b = withBias ? randomArray([c.fn], 0, f32, rng) : undefined;
          const { col, product, first, shape } = convolve(x, W, b, c);
          expect(onProduct(product)).toBe(true);
          expect(onProduct(first)).toBe(true);
          expect(first.shape).toEqual([shape[0], shape[3], shape[1], shape[2]]);
          expect(first.dtype).toBe(x.dtype);
          // The ReLU first, from the product not yet made; it leaves it unmade.
          const mask = new Uint8Array(first.size);
          const out = reluWithMask(first, mask);
          expect(onProduct(first)).toBe(true);
          // The same steps made at once, on ordinary arrays.
          const P = plain(product);
          const T = plain(P.reshape(...shape).transpose(0, 3, 1, 2));
          const wantMask = new Uint8Array(T.size);
          const want = reluWithMask(T, wantMask);
          expect(firstDifference(out.data, want.data)).toBe(-1);
          expect(firstDifference(mask, wantMask)).toBe(-1);
          expect(firstDifference(first.data, T.data)).toBe(-1);
          // It is the product at all: close to the triple loop in float64, bias added.
          const [m, k] = col.shape as [number, number];
          const ref = new Float64Array(m * c.fn);
          gemmReference(
            { m, n: c.fn, k, transB: true },
            Float64Array.from(col.data),
            Float64Array.from(W.data),
            ref,
          );
          if (b) for (let i = 0; i < ref.length; i++) ref[i]! += b.data[i % c.fn]!;
          let worst = 0;
          for (let i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(P.data[i]! - ref[i]!));
          }
          expect(worst).toBeLessThan((f32 ? 1e-5 : 1e-12) * Math.sqrt(k));
        },
      ),
      { numRuns: 16 },
    );
  });

  it.each([
    ['in 4 × 4 blocks', cases[0]!],
    ['element by element', cases[3]!],
  ])('keeps NaN, ±∞ and −0 as the steps made at once do, moved %s', (_, c) => {
    for (const f32 of [false, true]) {
      const rng = createRng(f32 ? 5 : 6);
      const x = randomArray([...c.x], 0.8, f32, rng, true);
      const W = randomArray([c.fn, c.x[1], c.fh, c.fw], 0, f32, rng, true);
      const b = randomArray([c.fn], 0, f32, rng);
      const { product, first, shape } = convolve(x, W, b, c);
      const mask = new Uint8Array(first.size);
      const out = reluWithMask(first, mask);
      const T = plain(
        plain(product)
          .reshape(...shape)
          .transpose(0, 3, 1, 2),
      );
      expect(T.data.some(Number.isNaN)).toBe(true); // the case is exercised
      const wantMask = new Uint8Array(T.size);
      expect(firstDifference(out.data, reluWithMask(T, wantMask).data)).toBe(-1);
      expect(firstDifference(mask, wantMask)).toBe(-1);
    }
  });

  it('on 1, 2 and 4 threads: the same numbers', () => {
    const before = getThreads();
    try {
      const rng = createRng(11);
      const c = cases[0]!;
      const x = randomArray([40, 1, 28, 28], 0.8, true, rng);
      const W = randomArray([c.fn, 1, 5, 5], 0, true, rng);
      const b = randomArray([c.fn], 0, true, rng);
      const results: Float32Array[] = [];
      const masks: Uint8Array[] = [];
      for (const threads of [1, 2, 4]) {
        setThreads(threads);
        const { first } = convolve(x, W, b, c);
        const mask = new Uint8Array(first.size);
        results.push(reluWithMask(first, mask).data as Float32Array);
        masks.push(mask);
      }
      for (const i of [1, 2]) {
        expect(firstDifference(results[0]!, results[i]!)).toBe(-1);
        expect(firstDifference(masks[0]!, masks[i]!)).toBe(-1);
      }
    } finally {
      setThreads(before);
    }
  });

  it('stands for the operands as they were: writing to W, b or x afterwards changes nothing', () => {
    const rng = createRng(3);
    const c = cases[1]!;
    const x = randomArray([...c.x], 0.5, false, rng);
    const W = randomArray([c.fn, c.x[1], 3, 3], 0, false, rng);
    const b = randomArray([c.fn], 0, false, rng);
    const want = convolve(plain(x), plain(W), plain(b), c);
    const wantMask = new Uint8Array(want.first.size);
    const wantOut = reluWithMask(plain(want.first), wantMask);
    const { product, first } = convolve(x, W, b, c);
    // An optimiser's step between the forward and the ReLU (or a learner's write).
    W.data.fill(2);
    b.data.fill(-3);
    x.data.fill(1);
    const mask = new Uint8Array(first.size);
    expect(firstDifference(reluWithMask(first, mask).data, wantOut.data)).toBe(-1);
    expect(firstDifference(mask, wantMask)).toBe(-1);
    expect(firstDifference(first.data, want.first.data)).toBe(-1);
    expect(firstDifference(product.data, want.product.data)).toBe(-1);
  });

  it('is an ordinary array to everything else: other permutations, products, writes', () => {
    const rng = createRng(4);
    const c = cases[0]!;
    const x = randomArray([...c.x], 0.8, true, rng);
    const W = randomArray([c.fn, 1, 5, 5], 0, true, rng);
    const { product, shape } = convolve(x, W, undefined, c);
    const P = plain(product);
    // Channels last kept, another permutation, the product as a left operand.
    const other = product.reshape(...shape).transpose(0, 2, 1, 3);
    expect(onProduct(other)).toBe(false);
    expect(firstDifference(other.data, P.reshape(...shape).transpose(0, 2, 1, 3).data)).toBe(-1);
    // A batched transpose whose columns are not the product's: [N, OH, OW·FN] → (0, 2, 1).
    const [n, oh, ow, fn] = shape as [number, number, number, number];
    const fresh = convolve(x, W, undefined, c).product;
    expect(onProduct(fresh)).toBe(true);
    // Offered to products as a dense matrix, never as compressed rows (it would be compressed).
    expect(sparseRowsOf(fresh)).toBeUndefined();
    const wide = fresh.reshape(n, oh, ow * fn).transpose(0, 2, 1);
    expect(onProduct(wide)).toBe(false);
    expect(firstDifference(wide.data, P.reshape(n, oh, ow * fn).transpose(0, 2, 1).data)).toBe(-1);
    const V = randomArray([c.fn, 7], 0, true, rng);
    expect(firstDifference(matmul(product, V).data, matmul(P, V).data)).toBe(-1);
    // Once read, its elements are the array: a write shows in what is made from it after.
    const first = product.reshape(...shape).transpose(0, 3, 1, 2);
    expect(onProduct(first)).toBe(false); // product's elements were made by the lines above
    product.data[0] = -1000;
    const again = product.reshape(...shape).transpose(0, 3, 1, 2);
    expect(again.data[0]).toBe(-1000);
    const mask = new Uint8Array(again.size);
    expect(reluWithMask(again, mask).data[0]).toBe(0);
    expect(mask[0]).toBe(1);
  });

  it('moved back channels last, is the product again', () => {
    // 16 filters over 4 × 4 positions: [N, 16, 4, 4] → (0, 2, 3, 1) also swaps blocks of 16 × 16.
    const rng = createRng(9);
    const c: Case = { x: [256, 1, 8, 8], fn: 16, fh: 5, fw: 5, stride: 1, pad: 0 };
    const x = randomArray([...c.x], 0.5, true, rng);
    const W = randomArray([16, 1, 5, 5], 0, true, rng);
    const { first, shape } = convolve(x, W, undefined, c);
    expect(onProduct(first)).toBe(true);
    const back = first.transpose(0, 2, 3, 1);
    const want = plain(convolve(x, W, undefined, c).product).reshape(...shape);
    expect(firstDifference(back.data, want.data)).toBe(-1);
  });

  it('is made at once on the js backend, for small products, into out, or with another B type', () => {
    const rng = createRng(8);
    const c = cases[0]!;
    const x = randomArray([...c.x], 0.8, false, rng);
    const W = randomArray([c.fn, 1, 5, 5], 0, false, rng);
    const colW = W.reshape(c.fn, -1);
    expect(onProduct(convolve(x, W, undefined, c).product)).toBe(true);
    // batch 2: 1,152 × 30 = 34,560 elements
    const small = randomArray([2, 1, 28, 28], 0.8, false, rng);
    expect(onProduct(matmul(im2col(small, 5, 5), colW, { transB: true }))).toBe(false);
    const col = im2col(x, 5, 5);
    const into = new NDArray(new Float64Array(col.shape[0]! * c.fn), [col.shape[0]!, c.fn]);
    expect(matmul(col, colW, { transB: true, out: into })).toBe(into);
    expect(onProduct(matmul(col, colW.astype('float32'), { transB: true }))).toBe(false);
    const want = plain(convolve(x, W, undefined, c).product);
    expect(firstDifference(into.data, want.data)).toBe(-1);
    setBackend('js');
    const { product } = convolve(x, W, undefined, c);
    expect(onProduct(product)).toBe(false);
  });
});

describe("the ReLU's output left in the kernels' memory for the pooling after it (the park)", () => {
  const onPark = (a: NDArray) => {
    const rows = lazyRowsOf(a);
    return rows !== undefined && parkedSourceOf(rows) !== undefined;
  };

  /** A pooling window that fits the output (2×2 stride 2, or 3×3 stride 2 on odd sides). */
  const poolOf = (out: NDArray) => (out.shape[2]! % 2 === 0 ? 2 : 3);

  /** The pooling layer's forward from im2col: max and argmax along each window. */
  function pool(out: NDArray) {
    const p = poolOf(out);
    const col = im2col(out, p, p, 2, 0).reshape(-1, p * p);
    return { argmax: argmax(col, { axis: 1 }).data, max: max(col, { axis: 1 }).data };
  }

  /** The ReLU of the convolution of case `c`, made at once on ordinary arrays. */
  function readable(x: NDArray, W: NDArray, b: NDArray, c: Case) {
    const { product, shape } = convolve(x, W, b, c);
    const T = plain(
      plain(product)
        .reshape(...shape)
        .transpose(0, 3, 1, 2),
    );
    const mask = new Uint8Array(T.size);
    return { out: plain(reluWithMask(T, mask)), mask };
  }

  function layer(c: Case, f32: boolean, seed: number) {
    const rng = createRng(seed);
    const x = randomArray([...c.x], 0.8, f32, rng);
    const W = randomArray([c.fn, c.x[1], c.fh, c.fw], 0, f32, rng);
    const b = randomArray([c.fn], 0, f32, rng);
    const mask = new Uint8Array(convolve(x, W, b, c).first.size);
    return { x, W, b, mask, forward: () => reluWithMask(convolve(x, W, b, c).first, mask) };
  }

  it('is read there by the pooling, and is the same output and mask bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (c, f32, seed) => {
          const { x, W, b, mask, forward } = layer(c, f32, seed);
          const out = forward();
          expect(onPark(out)).toBe(true);
          expect(out.dtype).toBe(x.dtype);
          const want = readable(x, W, b, c);
          expect(firstDifference(mask, want.mask)).toBe(-1);
          const got = pool(out);
          expect(onPark(out)).toBe(true); // read in the park, not made
          const wantPool = pool(want.out);
          expect(firstDifference(got.argmax, wantPool.argmax)).toBe(-1);
          expect(firstDifference(got.max, wantPool.max)).toBe(-1);
          expect(firstDifference(out.data, want.out.data)).toBe(-1);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('is made again from the product once another output takes the park, and copied when read', () => {
    const c = cases[0]!;
    const first = layer(c, true, 21);
    const second = layer(c, true, 22);
    const out1 = first.forward();
    const early = out1.reshape(-1).data; // read while in the park: a copy of it
    const out2 = second.forward();
    expect(onPark(out1)).toBe(false);
    expect(onPark(out2)).toBe(true);
    const want1 = readable(first.x, first.W, first.b, c).out;
    expect(firstDifference(early, want1.data)).toBe(-1); // the park was written again since
    const out3 = first.forward(); // the park is taken again
    second.forward();
    expect(firstDifference(pool(out3).max, pool(want1).max)).toBe(-1);
    expect(firstDifference(out3.data, want1.data)).toBe(-1);
    expect(firstDifference(out2.data, readable(second.x, second.W, second.b, c).out.data)).toBe(-1);
  });

  it('is made again when resident arrays move the park, and on the js backend', () => {
    const c = cases[1]!;
    const { x, W, b, forward } = layer(c, false, 23);
    const want = readable(x, W, b, c).out;
    const out = forward();
    allocateResident('float64', 1000); // the sparse cache, the park and scratch move up
    expect(firstDifference(pool(out).max, pool(want).max)).toBe(-1);
    expect(firstDifference(out.data, want.data)).toBe(-1);
    const lost = forward();
    layer(c, false, 24).forward();
    setBackend('js');
    const made = lost.data; // by the TypeScript product and the ReLU's plain loop
    let worst = 0;
    for (let i = 0; i < made.length; i++)
      worst = Math.max(worst, Math.abs(made[i]! - want.data[i]!));
    expect(worst).toBeLessThan(1e-12);
  });

  it("the next convolution's col keeps its images when the park is taken (DeepConvNet)", () => {
    const c = cases[1]!;
    const { x, W, b, forward } = layer(c, true, 25);
    const want = readable(x, W, b, c).out;
    const out = forward();
    const col = im2col(out, 3, 3, 1, 1);
    const W2 = randomArray([8, c.fn, 3, 3], 0, true, createRng(26));
    const next = matmul(col, W2.reshape(8, -1), { transB: true });
    layer(c, true, 27).forward(); // takes the park
    const wantCol = im2col(plain(want), 3, 3, 1, 1);
    expect(firstDifference(col.data, wantCol.data)).toBe(-1);
    const wantNext = matmul(wantCol, W2.reshape(8, -1), { transB: true });
    expect(firstDifference(next.data, wantNext.data)).toBe(-1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { matmul } from './dot.js';
import { im2col } from './im2col.js';
import { setBackend } from './kernels/backend.js';
import { reluWithMask, zeroMasked } from './kernels/relu-mask.js';
import { unsharedSourceOf } from './kernels/sparse-rows.js';
import { lazyRowsOf, NDArray, sparseRowsOf } from './ndarray.js';
import { createRng } from './random.js';
import { firstDifference, randomArray } from './testing/arrays.js';

// The ReLU's new arrays keep their elements back until read (kernels/unshared.ts): im2col and the
// transpose that moves channels last stand on them without a copy, and whoever reads `data` gets
// a copy. These tests hold them to ordinary arrays: what is made from them is what is made from
// an ordinary array with the same elements, before and after writes to either.

afterEach(() => {
  setBackend('wasm');
});

const kept = (a: NDArray) => {
  const rows = lazyRowsOf(a);
  return rows !== undefined && unsharedSourceOf(rows) !== undefined;
};

/** An ordinary array holding a's elements (a copy). */
function plain(a: NDArray): NDArray {
  return new NDArray(a.data.slice(), a.shape);
}

/** The ReLU's forward and backward of a SimpleConvNet-sized batch of 8 ([8, 30, 24, 24]). */
function layerArrays(f32: boolean, seed: number) {
  const rng = createRng(seed);
  const x = randomArray([8, 30, 24, 24], 0, f32, rng);
  const mask = new Uint8Array(x.size);
  const out = reluWithMask(x, mask);
  const dout = randomArray([8, 30, 24, 24], 0, f32, rng);
  const dx = zeroMasked(dout, mask);
  return { x, out, dout, dx, mask };
}

describe("the ReLU's new arrays, kept back until read", () => {
  it('are their elements: read, and through im2col and the transpose, for both dtypes', () => {
    for (const f32 of [false, true]) {
      const { x, out, dout, dx, mask } = layerArrays(f32, f32 ? 1 : 2);
      expect(kept(out)).toBe(true);
      expect(kept(dx)).toBe(true);
      expect(out.dtype).toBe(x.dtype);
      // biome-ignore lint/complexity/useMathMinMax: the layer's rule (x ≤ 0 gives 0) written out
      const wantOut = x.data.map((v) => (v <= 0 ? 0 : v));
      const wantDx = dout.data.map((v, i) => (mask[i] ? 0 : v));
      // Made from them before anything reads them, then compared with the same from plain arrays.
      const col = im2col(out, 2, 2, 2, 0);
      const moved = dx.transpose(0, 2, 3, 1);
      const plainOut = new NDArray(wantOut, out.shape);
      const plainDx = new NDArray(wantDx, dx.shape);
      expect(firstDifference(col.data, im2col(plainOut, 2, 2, 2, 0).data)).toBe(-1);
      expect(firstDifference(moved.data, plainDx.transpose(0, 2, 3, 1).data)).toBe(-1);
      expect(firstDifference(out.data, wantOut)).toBe(-1);
      expect(firstDifference(dx.data, wantDx)).toBe(-1);
    }
  });

  it('give a copy when read: writes to it never reach what was made from them', () => {
    const { out, dx } = layerArrays(true, 3);
    const col = im2col(out, 2, 2, 2, 0);
    const moved = dx.transpose(0, 2, 3, 1);
    const wantCol = plain(im2col(plain(out), 2, 2, 2, 0));
    const wantMoved = plain(plain(dx).transpose(0, 2, 3, 1));
    out.data.fill(5); // read, then written
    dx.data.fill(7);
    expect(kept(out)).toBe(false);
    expect(firstDifference(col.data, wantCol.data)).toBe(-1);
    expect(firstDifference(moved.data, wantMoved.data)).toBe(-1);
    // Made after the write, from the written elements.
    expect(im2col(out, 2, 2, 2, 0).data.every((v) => v === 5)).toBe(true);
    expect(dx.transpose(0, 2, 3, 1).data.every((v) => v === 7)).toBe(true);
  });

  it('are dense to products, and ordinary arrays when small or on the js backend', () => {
    const { out } = layerArrays(false, 4);
    const rows = out.reshape(-1, 24);
    expect(sparseRowsOf(rows)).toBeUndefined();
    expect(sparseRowsOf(out.reshape(1, -1))).toBeUndefined(); // the one row it is kept as
    const W = randomArray([24, 5], 0, false, createRng(5));
    expect(firstDifference(matmul(rows, W).data, matmul(plain(rows), W).data)).toBe(-1);
    const small = randomArray([2, 30, 24, 24], 0, false, createRng(6)); // 34,560 elements
    expect(kept(reluWithMask(small, new Uint8Array(small.size)))).toBe(false);
    setBackend('js');
    const big = randomArray([8, 30, 24, 24], 0, false, createRng(7));
    expect(kept(reluWithMask(big, new Uint8Array(big.size)))).toBe(false);
  });
});

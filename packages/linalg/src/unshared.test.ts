import { afterEach, describe, expect, it } from 'vitest';
import { col2im } from './col2im.js';
import { matmul } from './dot.js';
import { im2col } from './im2col.js';
import { setBackend } from './kernels/backend.js';
import { reluWithMask, zeroMasked } from './kernels/relu-mask.js';
import { movedSourceOf, unsharedSourceOf } from './kernels/sparse-rows.js';
import { lazyRowsOf, NDArray, sparseRowsOf } from './ndarray.js';
import { createRng } from './random.js';
import { argmax, max } from './reductions.js';
import { scatterRows } from './scatter-rows.js';
import { firstDifference, randomArray } from './testing/arrays.js';

// New arrays of the kernels (the ReLU's, large products, pooling's maxima and their positions) keep
// their elements back until read (kernels/unshared.ts): im2col, the transpose that moves channels
// last and scatterRows stand on them without a copy, and once something does, whoever reads `data`
// gets a copy; read before, `data` is the elements themselves. These tests hold them to ordinary
// arrays: what is made from them is what is made from an ordinary array with the same elements,
// before and after writes to either.

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

/** Pooling's forward and backward as the layer runs them, 2×2 windows, stride 2 ([16, 30, 24, 24]). */
function pooling(x: NDArray, dout: NDArray) {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const col = im2col(x, 2, 2, 2, 0).reshape(-1, 4);
  const argMax = argmax(col, { axis: 1 });
  const out = max(col, { axis: 1 });
  const d = dout.transpose(0, 2, 3, 1).reshape(-1);
  const dmax = scatterRows(argMax, d, 4);
  const dx = col2im(dmax.reshape(-1, c * 4), [n, c, h, w], 2, 2, 2, 0);
  return { argMax, out, dx };
}

describe("products' and pooling's new arrays, kept back until read", () => {
  it("stand in for their elements: Affine's dx moved channels last, argmax scattered", () => {
    for (const f32 of [false, true]) {
      const rng = createRng(f32 ? 11 : 12);
      // Affine's dx = dout · Wᵀ of a batch of 16 (30 × 12 × 12 pooled features), as the layer makes it.
      const dout = randomArray([16, 100], 0, f32, rng);
      const W = randomArray([30 * 12 * 12, 100], 0, f32, rng);
      const dx = matmul(dout, W, { transB: true });
      expect(kept(dx)).toBe(true);
      const x = randomArray([16, 30, 24, 24], 0, f32, rng);
      const dPool = dx.reshape(16, 30, 12, 12);
      const got = pooling(x, dPool);
      expect(kept(got.argMax)).toBe(true);
      // (the maxima, written channels first, are moved back when read: see pool-windows.test.ts)
      expect(movedSourceOf(lazyRowsOf(got.out)!)).toBeDefined();
      // The same from ordinary arrays by the plain loops (no kernel reads the moved planes).
      const [px, pd] = [plain(x), plain(dPool)];
      setBackend('js');
      const want = pooling(px, pd);
      setBackend('wasm');
      expect(firstDifference(got.dx.data, want.dx.data)).toBe(-1);
      expect(firstDifference(got.out.data, want.out.data)).toBe(-1);
      expect(firstDifference(got.argMax.data, want.argMax.data)).toBe(-1);
    }
  });

  it("values moved from planes other than the windows' are scattered in the rows' order", () => {
    const rng = createRng(15);
    const x = randomArray([16, 30, 24, 24], 0, false, rng);
    const col = im2col(x, 2, 2, 2, 0).reshape(-1, 4);
    const argMax = argmax(col, { axis: 1 });
    // 16 · 144 · 30 values as planes [16, 144, 30], [8, 30, 288], [8, 60, 144] (the windows': [16, 30, 144])
    for (const shape of [
      [16, 144, 5, 6],
      [8, 30, 12, 24],
      [8, 60, 12, 12],
    ]) {
      const planes = randomArray(shape, 0, false, rng);
      const dx = col2im(
        scatterRows(argMax, planes.transpose(0, 2, 3, 1).reshape(-1), 4).reshape(-1, 120),
        [16, 30, 24, 24],
        2,
        2,
        2,
        0,
      );
      const [pa, pp] = [plain(argMax), plain(planes)];
      setBackend('js');
      const want = col2im(
        scatterRows(pa, pp.transpose(0, 2, 3, 1).reshape(-1), 4).reshape(-1, 120),
        [16, 30, 24, 24],
        2,
        2,
        2,
        0,
      );
      setBackend('wasm');
      expect(firstDifference(dx.data, want.data)).toBe(-1);
    }
  });

  it('what stands on them is not reached by writes to them later', () => {
    const rng = createRng(13);
    const dout = randomArray([16, 100], 0, true, rng);
    const W = randomArray([30 * 12 * 12, 100], 0, true, rng);
    const dx = matmul(dout, W, { transB: true });
    const x = randomArray([16, 30, 24, 24], 0, true, rng);
    expect(kept(dx)).toBe(true);
    const col = im2col(x, 2, 2, 2, 0).reshape(-1, 4);
    const argMax = argmax(col, { axis: 1 });
    const moved = dx.reshape(16, 30, 12, 12).transpose(0, 2, 3, 1).reshape(-1);
    const dmax = scatterRows(argMax, moved, 4);
    const wantMoved = plain(plain(dx).reshape(16, 30, 12, 12).transpose(0, 2, 3, 1));
    const wantDmax = plain(scatterRows(plain(argMax), plain(moved), 4));
    // Read (a copy now: something stands on them), then written.
    dx.data.fill(5);
    argMax.data.fill(3);
    expect(kept(dx)).toBe(false);
    expect(firstDifference(moved.data, wantMoved.data)).toBe(-1);
    expect(firstDifference(dmax.data, wantDmax.data)).toBe(-1);
  });

  it('read before anything stands on them, are the elements themselves, written as any array', () => {
    const rng = createRng(14);
    const a = randomArray([100, 30], 0, false, rng);
    const b = randomArray([30, 4320], 0, false, rng);
    const p = matmul(a, b);
    const elements = unsharedSourceOf(lazyRowsOf(p)!)?.x;
    expect(elements).toBeDefined();
    const first = p.data;
    expect(first).toBe(elements); // what the kernel wrote, not a copy of it
    expect(p.data).toBe(first);
    expect(firstDifference(first, matmul(plain(a), plain(b)).data)).toBe(-1);
    first.fill(2);
    expect(
      p
        .reshape(100, 30, 12, 12)
        .transpose(0, 2, 3, 1)
        .data.every((v) => v === 2),
    ).toBe(true);
    expect(p.data.every((v) => v === 2)).toBe(true);
  });
});

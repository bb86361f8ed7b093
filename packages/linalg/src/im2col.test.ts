import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col2im } from './col2im.js';
import { convGeometry, convOutputSize } from './conv-geometry.js';
import { arange } from './creation.js';
import { im2col } from './im2col.js';
import { col2imKernel, im2colKernel } from './kernels/im2col.js';
import { col2imReference, im2colReference } from './kernels/im2col-reference.js';
import { NDArray } from './ndarray.js';
import { createRng, randn } from './random.js';

// Known values from numpy: the book's im2col/col2im (common/util.py: np.pad, then one strided
// slice per filter position, transpose(0, 4, 5, 1, 2, 3)), re-typed into a scratch script and run
// on np.arange inputs; the printed rows are pasted below.

describe('convOutputSize', () => {
  it("is the book's (H + 2·pad − FH) / stride + 1", () => {
    expect(convOutputSize(28, 5)).toBe(24);
    expect(convOutputSize(24, 2, 2)).toBe(12);
    expect(convOutputSize(4, 3, 1, 1)).toBe(4);
    expect(convOutputSize(7, 3, 2)).toBe(3);
  });

  it('rejects a filter larger than the padded input and a stride that does not divide', () => {
    expect(() => convOutputSize(4, 7, 1, 1)).toThrow(
      'convOutputSize: filter larger than the padded input; expected FH ≤ H + 2·pad = 6, got FH=7',
    );
    expect(() => convOutputSize(6, 3, 2)).toThrow(
      'convOutputSize: the stride does not divide; expected (H + 2·pad − FH) / stride + 1 to be a whole number, got (6 + 0 − 3) / 2 + 1 = 2.5',
    );
    expect(() => convOutputSize(6, 3, 0)).toThrow(
      'convOutputSize: invalid stride; expected an integer ≥ 1, got 0',
    );
    expect(() => convOutputSize(6, 3, 1, -1)).toThrow(
      'convOutputSize: invalid pad; expected an integer ≥ 0, got -1',
    );
  });
});

describe('im2col', () => {
  it('matches numpy on [2, 2, 3, 3] with a 2×2 filter, stride 1, pad 1', () => {
    const x = arange(36).reshape(2, 2, 3, 3);
    const col = im2col(x, 2, 2, 1, 1);
    expect(col.shape).toEqual([32, 8]);
    const rows = col.toArray() as number[][];
    expect(rows.slice(0, 3)).toEqual([
      [0, 0, 0, 0, 0, 0, 0, 9],
      [0, 0, 0, 1, 0, 0, 9, 10],
      [0, 0, 1, 2, 0, 0, 10, 11],
    ]);
    expect(rows[31]).toEqual([26, 0, 0, 0, 35, 0, 0, 0]);
    expect(Array.from(col.data).reduce((a, b) => a + b, 0)).toBe(2520); // numpy: col.sum()
  });

  it('matches numpy on a 5×5 image with a 3×3 filter and stride 2', () => {
    const col = im2col(arange(25).reshape(1, 1, 5, 5), 3, 3, 2);
    expect(col.toArray()).toEqual([
      [0, 1, 2, 5, 6, 7, 10, 11, 12],
      [2, 3, 4, 7, 8, 9, 12, 13, 14],
      [10, 11, 12, 15, 16, 17, 20, 21, 22],
      [12, 13, 14, 17, 18, 19, 22, 23, 24],
    ]);
  });

  it('keeps float32 as float32', () => {
    expect(im2col(arange(0, 9, 1, { dtype: 'float32' }).reshape(1, 1, 3, 3), 2, 2).dtype).toBe(
      'float32',
    );
  });

  it('names the op, the shapes, the filter, stride and pad in its errors', () => {
    expect(() => im2col(arange(9).reshape(3, 3), 2, 2)).toThrow(
      'im2col: input is not a batch of images; expected shape [N, C, H, W], got [3, 3]',
    );
    expect(() => im2col(arange(32).reshape(1, 2, 4, 4), 5, 5)).toThrow(
      'im2col: filter larger than the padded input; expected FH ≤ H + 2·pad = 4, got FH=5 (input [1, 2, 4, 4], filter 5×5, stride 1, pad 0)',
    );
    expect(() => im2col(arange(36).reshape(1, 1, 6, 6), 3, 3, 2)).toThrow(
      'im2col: the stride does not divide; expected (H + 2·pad − FH) / stride + 1 to be a whole number, got (6 + 0 − 3) / 2 + 1 = 2.5 (input [1, 1, 6, 6], filter 3×3, stride 2, pad 0)',
    );
  });
});

describe('col2im', () => {
  it('matches numpy: col2im(arange(256).reshape(32, 8)) for [2, 2, 3, 3], 2×2, stride 1, pad 1', () => {
    const x = col2im(arange(256).reshape(32, 8), [2, 2, 3, 3], 2, 2, 1, 1);
    expect(x.toArray()).toEqual([
      [
        [
          [86, 118, 150],
          [214, 246, 278],
          [342, 374, 406],
        ],
        [
          [102, 134, 166],
          [230, 262, 294],
          [358, 390, 422],
        ],
      ],
      [
        [
          [598, 630, 662],
          [726, 758, 790],
          [854, 886, 918],
        ],
        [
          [614, 646, 678],
          [742, 774, 806],
          [870, 902, 934],
        ],
      ],
    ]);
  });

  it('rejects a col of the wrong shape', () => {
    expect(() => col2im(arange(30).reshape(5, 6), [1, 1, 3, 3], 2, 2)).toThrow(
      'col2im: col does not match the input shape; expected col of shape [4, 4] (N·OH·OW, C·FH·FW) for input [1, 1, 3, 3], filter 2×2, stride 1, pad 0, got col=[5, 6]',
    );
  });
});

/** Random geometries that fit: the filter within the padded input, a stride that divides. */
function geometries(most: { n: number; c: number; minSize: number; size: number; filter: number }) {
  return fc
    .record({
      n: fc.integer({ min: 1, max: most.n }),
      c: fc.integer({ min: 1, max: most.c }),
      h: fc.integer({ min: most.minSize, max: most.size }),
      w: fc.integer({ min: most.minSize, max: most.size }),
      pad: fc.integer({ min: 0, max: 2 }),
      fh: fc.integer({ min: 1, max: most.filter }),
      fw: fc.integer({ min: 1, max: most.filter }),
      stride: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
    })
    .filter(
      ({ h, w, pad, fh, fw, stride }) =>
        h + 2 * pad >= fh &&
        w + 2 * pad >= fw &&
        (h + 2 * pad - fh) % stride === 0 &&
        (w + 2 * pad - fw) % stride === 0,
    );
}

/** Sizes 1–7, filters up to 4 × 4: col of at most a few thousand elements (the loops of TypeScript). */
const geometry = geometries({ n: 3, c: 3, minSize: 1, size: 7, filter: 4 });

/** Up to 6 × 6 × 18 × 18, filters up to 5 × 5: col up to 300,000 elements (mostly WebAssembly). */
const largerGeometry = geometries({ n: 6, c: 6, minSize: 4, size: 18, filter: 5 });

type Geometry = typeof geometry extends fc.Arbitrary<infer G> ? G : never;

/**
 * Checks im2colKernel and col2imKernel against the readable loops, bit for bit, on one geometry;
 * returns the number of elements of col.
 */
function agreeWithReadable(p: Geometry, f32: boolean): number {
  const g = convGeometry('test', [p.n, p.c, p.h, p.w], p.fh, p.fw, p.stride, p.pad);
  const x = randn([p.n, p.c, p.h, p.w], createRng(p.seed), { dtype: f32 ? 'float32' : 'float64' });
  const size = g.n * g.oh * g.ow * g.c * g.fh * g.fw;
  const View = f32 ? Float32Array : Float64Array;
  const fast = new View(size).fill(Number.NaN);
  const slow = new View(size);
  im2colKernel(g, x.data, fast);
  im2colReference(g, x.data, slow);
  expect(fast).toEqual(slow);
  const dcol = new View(size); // a gradient-like col
  for (let i = 0; i < size; i++) dcol[i] = slow[i]! + (i % 5);
  const back = new View(x.size).fill(Number.NaN);
  const backSlow = new View(x.size);
  col2imKernel(g, dcol, back);
  col2imReference(g, dcol, backSlow);
  expect(back).toEqual(backSlow);
  return size;
}

describe('the fast kernels agree with the readable loops (property tests)', () => {
  it('im2col and col2im, float64 and float32, bit for bit', () => {
    fc.assert(fc.property(geometry, fc.boolean(), (p, f32) => void agreeWithReadable(p, f32)));
  });

  it('im2col and col2im on the WebAssembly path (4,096 elements of col and up), bit for bit', () => {
    let wasmCases = 0;
    fc.assert(
      fc.property(largerGeometry, fc.boolean(), (p, f32) => {
        if (agreeWithReadable(p, f32) >= 4096) wasmCases++;
      }),
      { numRuns: 60, seed: 19 },
    );
    expect(wasmCases).toBeGreaterThan(20); // most cases took the WebAssembly path
  });

  it('col2im is the adjoint of im2col: ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩', () => {
    fc.assert(
      fc.property(geometry, (p) => {
        const rng = createRng(p.seed);
        const x = randn([p.n, p.c, p.h, p.w], rng);
        const col = im2col(x, p.fh, p.fw, p.stride, p.pad);
        const c = randn([...col.shape], rng);
        const back = col2im(c, x.shape, p.fh, p.fw, p.stride, p.pad);
        let left = 0;
        for (let i = 0; i < col.size; i++) left += col.data[i]! * c.data[i]!;
        let right = 0;
        for (let i = 0; i < x.size; i++) right += x.data[i]! * back.data[i]!;
        expect(Math.abs(left - right)).toBeLessThan(1e-9 * (1 + Math.abs(left)));
      }),
    );
  });

  it('im2col returns an NDArray of the right shape', () => {
    const col = im2col(new NDArray(new Float64Array(2 * 3 * 8 * 8), [2, 3, 8, 8]), 3, 3, 1, 1);
    expect(col.shape).toEqual([2 * 8 * 8, 27]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arange, array, createRng, NDArray, ndindex, ShapeError, zeros } from './index.js';
import { getBackend, setBackend } from './kernels/backend.js';
import { SparseRows } from './kernels/sparse-rows.js';
import { takeRowsSparse } from './kernels/take-rows.js';
import { lazyRowsOf, sparseRowsOf } from './ndarray.js';

describe('NDArray', () => {
  it('reports shape, size, ndim and dtype', () => {
    const a = zeros([2, 3, 4]);
    expect(a.shape).toEqual([2, 3, 4]);
    expect(a.size).toBe(24);
    expect(a.ndim).toBe(3);
    expect(a.dtype).toBe('float64');
    expect(zeros([2], { dtype: 'float32' }).dtype).toBe('float32');
  });

  it('stores row-major: element [i, j] of a [2, 3] array is data[i * 3 + j]', () => {
    const a = arange(6).reshape(2, 3);
    expect(a.get(1, 2)).toBe(5);
    expect(a.get(-1, -3)).toBe(3);
    a.set(0, 1, 42);
    expect(a.data[1]).toBe(42);
  });

  it('rejects data that does not fit the shape', () => {
    expect(() => new NDArray(new Float64Array(5), [2, 3])).toThrow(
      new ShapeError(
        'NDArray: data length does not match shape; expected 6 elements for shape [2, 3], got 5',
      ),
    );
  });

  it('rejects out-of-range and wrongly counted indices', () => {
    const a = zeros([2, 3]);
    expect(() => a.get(2, 0)).toThrow(
      'get: index out of range; expected an integer in [-2, 1] for axis 0 of shape [2, 3], got 2',
    );
    expect(() => a.get(0)).toThrow(
      'get: wrong number of indices; expected 2 for shape [2, 3], got 1',
    );
    expect(() => a.set(0, 1.5, 1)).toThrow(/set: index out of range/);
  });

  it('reshapes with one -1 inferred, sharing data', () => {
    const a = arange(12);
    const b = a.reshape(3, -1);
    expect(b.shape).toEqual([3, 4]);
    expect(a.reshape([2, 2, 3]).shape).toEqual([2, 2, 3]);
    b.set(0, 0, 99);
    expect(a.get(0)).toBe(99);
  });

  it('explains a reshape to the wrong size', () => {
    expect(() => arange(6).reshape(4, 2)).toThrow(
      new ShapeError('reshape: sizes differ; expected a shape of 6 elements, got [6] to [4, 2]'),
    );
    expect(() => arange(6).reshape(4, -1)).toThrow(
      /reshape: cannot infer -1; expected size 6 divisible by 4/,
    );
    expect(() => arange(6).reshape(-1, -1)).toThrow(/reshape: more than one -1/);
    expect(() => arange(6).reshape(2.5, 2)).toThrow(
      /reshape: invalid shape; expected non-negative integer/,
    );
  });

  it('transposes a matrix, and permutes axes of higher dimensions', () => {
    const a = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.T.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    // np.arange(24).reshape(2,3,4).transpose(1,0,2)[2,1,3] == 23
    const b = arange(24).reshape(2, 3, 4);
    expect(b.transpose(1, 0, 2).get(2, 1, 3)).toBe(23);
    // np.arange(24).reshape(2,3,4).T.shape == (4,3,2); .T[3,2,1] == 23
    expect(b.T.shape).toEqual([4, 3, 2]);
    expect(b.T.get(3, 2, 1)).toBe(23);
    expect(() => b.transpose(0, 0, 1)).toThrow(/transpose: axes are not a permutation/);
  });

  it('flattens, clones and converts without sharing data', () => {
    const a = array([
      [1, 2],
      [3, 4],
    ]);
    const f = a.flatten();
    const c = a.clone();
    const s = a.astype('float32');
    a.set(0, 0, -1);
    expect(f.toArray()).toEqual([1, 2, 3, 4]);
    expect(c.get(0, 0)).toBe(1);
    expect(s.dtype).toBe('float32');
    expect(s.get(0, 0)).toBe(1);
  });

  it('converts to nested arrays and back', () => {
    const nested = [[[1, 2]], [[3, 4]]];
    expect(array(nested).toArray()).toEqual(nested);
    expect(new NDArray(new Float64Array([7]), []).toArray()).toBe(7);
  });

  it('item() gives the single element and refuses more', () => {
    expect(array([[5]]).item()).toBe(5);
    expect(() => zeros([2]).item()).toThrow(
      'item: array is not a single element; expected size 1, got shape [2]',
    );
  });
});

describe('NDArray on SparseRows', () => {
  // [[0, 2, 0], [1, 0, 0]] as compressed rows (the SparseRows documentation example).
  const example = () =>
    new SparseRows(
      2,
      3,
      new Int32Array([0, 2, 4]),
      new Int32Array([1, 0, 0, 0]),
      new Float64Array([2, 0, 1, 0]),
    );

  it('is the matrix the rows hold, [rows, cols] by default; size and dtype leave them compressed', () => {
    const rows = example();
    const a = new NDArray(rows);
    expect(a.shape).toEqual([2, 3]);
    expect(a.size).toBe(6);
    expect(a.ndim).toBe(2);
    expect(a.dtype).toBe('float64');
    expect(rows.densified).toBe(false);
    expect(sparseRowsOf(a)).toBe(rows);
    expect(a.toArray()).toEqual([
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(rows.densified).toBe(true);
    expect(a.data).toBe(rows.toDense());
    expect(sparseRowsOf(a)).toBeUndefined();
    const f32 = new SparseRows(
      1,
      2,
      new Int32Array([0, 2]),
      new Int32Array([1, 0]),
      new Float32Array([3, 0]),
    );
    expect(new NDArray(f32).dtype).toBe('float32');
    expect(f32.densified).toBe(false);
  });

  it('rejects a shape of another size', () => {
    expect(() => new NDArray(example(), [2, 2])).toThrow(
      new ShapeError(
        'NDArray: shape does not fit the rows; expected a shape of 6 elements (2 rows of 3), got [2, 2]',
      ),
    );
    expect(() => new NDArray(example(), [7])).toThrow(ShapeError);
    expect(() => new NDArray(example(), [2, -3])).toThrow(RangeError);
  });

  it("holds the rows' elements in another shape, as a matrix only in [rows, cols]", () => {
    const rows = example(); // [[0, 2, 0], [1, 0, 0]]
    const a = new NDArray(rows, [3, 2]);
    expect(sparseRowsOf(a)).toBeUndefined(); // not the [2, 3] matrix: products use its elements
    const m = a.reshape(2, 3);
    expect(sparseRowsOf(m)).toBe(rows); // reshaped back, it is the matrix again
    expect(rows.densified).toBe(false);
    expect(a.toArray()).toEqual([
      [0, 2],
      [0, 1],
      [0, 0],
    ]);
    expect(m.data).toBe(a.data); // one set of elements for both shapes
  });

  it('takes rows already densified as an ordinary array over their elements', () => {
    const rows = example();
    const dense = rows.toDense();
    const a = new NDArray(rows, [2, 1, 3]);
    expect(sparseRowsOf(a)).toBeUndefined();
    expect(a.data).toBe(dense);
  });

  it('shares the elements between arrays on the same rows, whichever is read first', () => {
    const rows = example();
    const a = new NDArray(rows);
    const b = new NDArray(rows, [2, 3, 1]);
    b.data[1] = 7; // densifies the shared rows
    expect(sparseRowsOf(a)).toBeUndefined(); // a must not be multiplied from stale rows
    expect(a.get(0, 1)).toBe(7);
  });

  it('keeps the rows through a reshape, sharing elements once made', () => {
    const rows = new SparseRows(
      2,
      6,
      new Int32Array([0, 3, 5]),
      new Int32Array([1, 4, 0, 5, 0]),
      new Float64Array([10, 40, 0, 50, 0]),
    );
    const x = new NDArray(rows);
    const r = x.reshape(2, 2, 3);
    expect(r.shape).toEqual([2, 2, 3]);
    expect(lazyRowsOf(r)).toBe(rows);
    expect(lazyRowsOf(x.reshape([2, -1, 3]))).toBe(rows);
    expect(r.toArray()).toEqual([
      [
        [0, 10, 0],
        [0, 40, 0],
      ],
      [
        [0, 0, 0],
        [0, 0, 50],
      ],
    ]);
    // Written through the view, seen through the original, and the other way round.
    r.set(1, 0, 0, -1);
    expect(x.get(1, 0)).toBe(-1);
    x.set(0, 0, 3);
    expect(r.get(0, 0, 0)).toBe(3);
    expect(sparseRowsOf(x)).toBeUndefined();
    expect(lazyRowsOf(r)).toBeUndefined();
  });

  it('reshapes to another first dimension, still a view of the same elements', () => {
    const x = new NDArray(example());
    const flat = x.reshape(6);
    expect(sparseRowsOf(flat)).toBeUndefined();
    expect(flat.toArray()).toEqual([0, 2, 0, 1, 0, 0]);
    flat.set(5, 9);
    expect(x.get(1, 2)).toBe(9);
  });

  it('keeps a takeRowsSparse batch sparse through reshape to [n, a, b], elements shared once densified', () => {
    const before = getBackend();
    try {
      expect(setBackend('wasm')).toBe('wasm');
      const n = 33; // 33 × 64 = 2112 ≥ 2048 elements: the batch stands on rows
      const bytes = Uint8Array.from({ length: 50 * 64 }, (_, i) => (i % 7 === 0 ? i % 256 : 0));
      const table = Float64Array.from({ length: 256 }, (_, b) => b / 255);
      const indices = Array.from({ length: n }, (_, i) => (i * 11) % 50);
      const x = takeRowsSparse(bytes, 64, indices, table);
      expect(sparseRowsOf(x)).toBeDefined();
      const img = x.reshape(n, 8, 8);
      expect(lazyRowsOf(img)).toBe(sparseRowsOf(x));
      // 8 × 8 images: pixel (i, j) of image r is element r·64 + i·8 + j of the batch.
      expect(img.get(4, 2, 5)).toBe(bytes[indices[4]! * 64 + 21]! / 255);
      img.set(4, 2, 5, 0.5);
      expect(x.get(4, 21)).toBe(0.5);
      expect(x.data).toBe(img.data);
    } finally {
      setBackend(before);
    }
  });
});

describe('transpose on merged axes (the fast paths) equals the element-by-element definition', () => {
  it('for random shapes of up to 5 axes and random permutations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (shape, seed) => {
          const size = shape.reduce((a, b) => a * b, 1);
          const a = new NDArray(
            Float64Array.from({ length: size }, (_, i) => i),
            shape,
          );
          const perm = [...createRng(seed).permutation(shape.length)];
          const t = a.transpose(...perm);
          expect(t.shape).toEqual(perm.map((p) => shape[p]));
          // out[i0, …, ik] = a[j] where j_perm[d] = i_d.
          for (const idx of ndindex([...t.shape])) {
            const src = new Array<number>(shape.length);
            perm.forEach((p, d) => {
              src[p] = idx[d]!;
            });
            expect(t.get(...idx)).toBe(a.get(...src));
          }
        },
      ),
    );
  });
});

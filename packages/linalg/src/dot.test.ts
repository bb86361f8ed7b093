import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { allClose, array, createRng, dot, matmul, randn, ShapeError, zeros } from './index.js';
import { getBackend, setBackend } from './kernels/backend.js';
import { gemmReference } from './kernels/gemm-reference.js';
import { SparseRows } from './kernels/sparse-rows.js';
import { takeRowsSparse } from './kernels/take-rows.js';
import { lazyRowsOf, NDArray, sparseRowsOf } from './ndarray.js';

describe('dot', () => {
  it('multiplies 2×2 matrices as the lecture writes them out', () => {
    // (a1 a2; a3 a4)·(b1 b2; b3 b4) = (a1b1+a2b3  a1b2+a2b4; a3b1+a4b3  a3b2+a4b4)
    expect(
      dot(
        array([
          [1, 2],
          [3, 4],
        ]),
        array([
          [5, 6],
          [7, 8],
        ]),
      ).toArray(),
    ).toEqual([
      [19, 22],
      [43, 50],
    ]);
  });

  it("follows numpy's rules for vectors", () => {
    expect(dot(array([1, 2, 3]), array([4, 5, 6])).item()).toBe(32);
    expect(dot(array([1, 2, 3]), array([4, 5, 6])).shape).toEqual([]);
    expect(
      dot(
        array([
          [1, 2],
          [3, 4],
        ]),
        array([1, 1]),
      ).toArray(),
    ).toEqual([3, 7]);
    expect(
      dot(
        array([1, 1]),
        array([
          [1, 2],
          [3, 4],
        ]),
      ).toArray(),
    ).toEqual([4, 6]);
    expect(dot(2, array([1, 2])).toArray()).toEqual([2, 4]);
  });

  it("computes the lecture's 3-layer chain Y = W3·(W2·(W1·X)) = ((W3·W2)·W1)·X", () => {
    const X = array([0, 0, 1]);
    const W1 = array([
      [2, 2, -1],
      [2, 2, 0],
      [0, -1, -1],
    ]);
    const W2 = array([
      [2, 2, -1],
      [-1, 0, 0],
      [2, -1, 2],
    ]);
    const W3 = array([
      [2, -1, 0],
      [-1, -1, 0],
      [2, 0, 0],
    ]);
    // numpy: np.dot(W3, np.dot(W2, np.dot(W1, X))) -> [-3, 0, -2]
    expect(dot(W3, dot(W2, dot(W1, X))).toArray()).toEqual([-3, 0, -2]);
    expect(dot(dot(dot(W3, W2), W1), X).toArray()).toEqual([-3, 0, -2]);
    // The order of the factors matters: W1·W2·W3·X is something else.
    expect(dot(dot(dot(W1, W2), W3), X).toArray()).not.toEqual([-3, 0, -2]);
  });

  it('names both shapes when the inner dimensions differ', () => {
    expect(() => dot(zeros([2, 3]), zeros([2, 3]))).toThrow(
      new ShapeError(
        'dot: inner dimensions differ; expected a.shape[1] === b.shape[0], got a=[2, 3], b=[2, 3]',
      ),
    );
    expect(() => dot(zeros([3]), zeros([2, 3]))).toThrow(
      'dot: inner dimensions differ; expected a.shape[0] === b.shape[0], got a=[3], b=[2, 3]',
    );
    expect(() => dot(zeros([2, 2, 2]), zeros([2]))).toThrow(/dot: unsupported dimensions/);
  });

  it('is associative: (A·B)·C ≈ A·(B·C) (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        (m, k, l, n, seed) => {
          const rng = createRng(seed);
          const A = randn([m, k], rng);
          const B = randn([k, l], rng);
          const C = randn([l, n], rng);
          return allClose(dot(dot(A, B), C), dot(A, dot(B, C)), { rtol: 1e-9, atol: 1e-12 });
        },
      ),
    );
  });
});

describe('matmul', () => {
  const x = array([[1, 2]]); // (1, 2)
  const W = array([
    [1, 2, 3],
    [4, 5, 6],
  ]); // (2, 3)
  const dout = array([[1, 0, -1]]); // (1, 3)

  it('computes the Affine backward products without transposed copies', () => {
    // dW = xᵀ·dout: (2,1)·(1,3) = (2,3); numpy: np.dot(x.T, dout) -> [[1, 0, -1], [2, 0, -2]]
    expect(matmul(x, dout, { transA: true }).toArray()).toEqual([
      [1, 0, -1],
      [2, 0, -2],
    ]);
    // dx = dout·Wᵀ: (1,3)·(3,2) = (1,2); numpy: np.dot(dout, W.T) -> [[-2, -2]]
    expect(matmul(dout, W, { transB: true }).toArray()).toEqual([[-2, -2]]);
    expect(matmul(W, x, { transA: true, transB: true }).toArray()).toEqual(dot(W.T, x.T).toArray());
  });

  it('equals dot on explicit transposes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (m, k, n, ta, tb, seed) => {
          const rng = createRng(seed);
          const A = randn(ta ? [k, m] : [m, k], rng);
          const B = randn(tb ? [n, k] : [k, n], rng);
          const want = dot(ta ? A.T : A, tb ? B.T : B);
          return allClose(matmul(A, B, { transA: ta, transB: tb }), want, {
            rtol: 1e-12,
            atol: 1e-12,
          });
        },
      ),
    );
  });

  it('reuses out and can accumulate into it', () => {
    const out = zeros([1, 3]);
    matmul(x, W, { out });
    expect(out.toArray()).toEqual([[9, 12, 15]]);
    matmul(x, W, { out, accumulate: true });
    expect(out.toArray()).toEqual([[18, 24, 30]]);
    expect(() => matmul(x, W, { out: zeros([3, 1]) })).toThrow(
      'matmul: out does not fit; expected shape [1, 3] of float64, got [3, 1] of float64',
    );
  });

  it('explains mismatched inner dimensions, with the transposition', () => {
    expect(() => matmul(x, W, { transA: true })).toThrow(
      new ShapeError(
        'matmul: inner dimensions differ; expected a.shape[0] === b.shape[0] (transA), got a=[1, 2], b=[2, 3]',
      ),
    );
  });

  it('keeps float32 for float32 operands', () => {
    const a = randn([3, 4], createRng(1), { dtype: 'float32' });
    const b = randn([4, 2], createRng(2), { dtype: 'float32' });
    const c = matmul(a, b);
    expect(c.dtype).toBe('float32');
    expect(
      allClose(c, dot(a.astype('float64'), b.astype('float64')), { rtol: 1e-5, atol: 1e-5 }),
    ).toBe(true);
  });
});

describe('dot and matmul on a batch standing on compressed rows (takeRowsSparse)', () => {
  const initialBackend = getBackend();
  afterEach(() => {
    setBackend(initialBackend);
  });

  /** Deterministic numbers in [0, 1) from a seed (no global randomness). */
  function lcg(seed: number): () => number {
    let s = seed >>> 0 || 1;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  /** `rows · rowLength` bytes, about a `zeros` share of them 0 (MNIST: about 81%). */
  function images(rows: number, rowLength: number, zeros: number, next: () => number) {
    return Uint8Array.from({ length: rows * rowLength }, () =>
      next() < zeros ? 0 : 1 + Math.floor(next() * 255),
    );
  }

  /** A `[rows, cols]` array of values in [-1, 1). */
  function matrix(rows: number, cols: number, f32: boolean, next: () => number): NDArray {
    const T = f32 ? Float32Array : Float64Array;
    return new NDArray(T.from(Array.from({ length: rows * cols }, () => 2 * next() - 1)), [
      rows,
      cols,
    ]);
  }

  function tableOf(f32: boolean): Float64Array | Float32Array {
    const T = f32 ? Float32Array : Float64Array;
    return T.from(Array.from({ length: 256 }, (_, b) => b / 255));
  }

  /**
   * The same batch twice: `x` standing on rows, and `dense`, an ordinary array of its elements
   * (from a second, identical takeRowsSparse batch, so that `x` itself stays compressed).
   */
  function batch(
    bytes: Uint8Array,
    rowLength: number,
    indices: number[],
    table: Float64Array | Float32Array,
  ) {
    const x = takeRowsSparse(bytes, rowLength, indices, table);
    const twin = takeRowsSparse(bytes, rowLength, indices, table);
    const dense = new NDArray(twin.data.slice(), twin.shape);
    expect(sparseRowsOf(x)).toBeDefined();
    expect(sparseRowsOf(dense)).toBeUndefined();
    return { x, dense };
  }

  /** op(A)·B in float64 by the triple loop, to check that both paths are the product at all. */
  function reference(a: NDArray, b: NDArray, transA: boolean): Float64Array {
    const [a0, a1] = a.shape as [number, number];
    const [m, k] = transA ? [a1, a0] : [a0, a1];
    const n = b.shape[1]!;
    const c = new Float64Array(m * n);
    gemmReference({ m, n, k, transA }, Float64Array.from(a.data), Float64Array.from(b.data), c);
    return c;
  }

  function maxDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
    let d = 0;
    for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
    return d;
  }

  // Terms are ≤ 1 in size (pixels in [0, 1], weights in [-1, 1)), so rounding grows like k·ε.
  const tolerance = (f32: boolean, k: number) => (f32 ? 2e-6 : 1e-14) * k * 4;

  it('x·W, dot(x, W) and xᵀ·dout equal the products of the dense batch, bit for bit (property)', () => {
    fc.assert(
      fc.property(
        // Row lengths (k of x·W): multiples of the kernel's 64-byte blocks and not.
        fc.constantFrom(16, 64, 100, 129, 784),
        fc.integer({ min: 0, max: 40 }), // batch beyond the 2048 elements the rows need
        // Columns of W: 14 doubles (28 floats) make one strip, so 15, 29 and 50 take several.
        fc.constantFrom(1, 2, 3, 7, 13, 14, 15, 28, 29, 31, 50),
        fc.double({ min: 0.7, max: 0.97, noNaN: true }), // share of zero pixels
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.boolean(),
        (rowLength, extra, p, zeros, seed, f32) => {
          expect(setBackend('wasm')).toBe('wasm');
          const next = lcg(seed);
          const rows = 60;
          const bytes = images(rows, rowLength, zeros, next);
          const n = Math.ceil(2048 / rowLength) + (rowLength === 784 ? extra % 9 : extra);
          const indices = Array.from({ length: n }, () => Math.floor(next() * rows));
          const { x, dense } = batch(bytes, rowLength, indices, tableOf(f32));
          const W = matrix(rowLength, p, f32, next);
          const dout = matrix(n, p, f32, next);

          // The dense batch is at most 30% nonzero, so its products take the sparse kernel of
          // gemmWasm, which adds the same terms in the same order: equal bit for bit.
          const xw = matmul(x, W);
          expect(xw.shape).toEqual([n, p]);
          expect(xw.dtype).toBe(f32 ? 'float32' : 'float64');
          expect(Array.from(xw.data)).toEqual(Array.from(matmul(dense, W).data));
          expect(dot(x, W).toArray()).toEqual(dot(dense, W).toArray());
          const dW = matmul(x, dout, { transA: true });
          expect(dW.shape).toEqual([rowLength, p]);
          expect(Array.from(dW.data)).toEqual(
            Array.from(matmul(dense, dout, { transA: true }).data),
          );
          // The products ran over the rows: x's dense elements were never made.
          expect(sparseRowsOf(x)).toBeDefined();
          // And they are the products: close to the triple loop.
          expect(maxDiff(xw.data, reference(dense, W, false))).toBeLessThanOrEqual(
            tolerance(f32, rowLength),
          );
          expect(maxDiff(dW.data, reference(dense, dout, true))).toBeLessThanOrEqual(
            tolerance(f32, n),
          );
        },
      ),
      { numRuns: 40, seed: 71 },
    );
  });

  it('writes into out, overwriting or accumulating, as the dense product does (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(64, 100, 784),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom(1, 3, 15, 29, 50),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (rowLength, extra, p, seed, f32, transA, accumulate) => {
          expect(setBackend('wasm')).toBe('wasm');
          const next = lcg(seed);
          const bytes = images(50, rowLength, 0.8, next);
          const n = Math.ceil(2048 / rowLength) + (extra | 1); // odd extra
          const indices = Array.from({ length: n }, () => Math.floor(next() * 50));
          const { x, dense } = batch(bytes, rowLength, indices, tableOf(f32));
          const B = transA ? matrix(n, p, f32, next) : matrix(rowLength, p, f32, next);
          const m = transA ? rowLength : n;
          const start = matrix(m, p, f32, next); // what out holds before
          const outSparse = new NDArray(start.data.slice(), [m, p]);
          const outDense = new NDArray(start.data.slice(), [m, p]);
          const got = matmul(x, B, { transA, out: outSparse, accumulate });
          expect(got).toBe(outSparse);
          matmul(dense, B, { transA, out: outDense, accumulate });
          expect(Array.from(outSparse.data)).toEqual(Array.from(outDense.data));
          expect(sparseRowsOf(x)).toBeDefined();
          // Without accumulate the old contents are gone; with it they are added in.
          const product = reference(dense, B, transA);
          const want = accumulate ? product.map((v, i) => v + start.data[i]!) : product;
          expect(maxDiff(outSparse.data, want)).toBeLessThanOrEqual(
            tolerance(f32, transA ? n : rowLength) + (f32 ? 4e-7 : 0),
          );
        },
      ),
      { numRuns: 30, seed: 72 },
    );
  });

  it('is still the product at any share of zeros (the dense batch may take the dense kernel)', () => {
    expect(setBackend('wasm')).toBe('wasm');
    for (const [zeros, f32] of [
      [0, false],
      [0.3, true],
      [0.5, false],
      [1, true],
    ] as const) {
      const next = lcg(5);
      const bytes = images(40, 100, zeros, next);
      const indices = Array.from({ length: 23 }, (_, i) => (i * 7) % 40);
      const { x, dense } = batch(bytes, 100, indices, tableOf(f32));
      const W = matrix(100, 17, f32, next);
      const dout = matrix(23, 17, f32, next);
      expect(maxDiff(matmul(x, W).data, reference(dense, W, false))).toBeLessThanOrEqual(
        tolerance(f32, 100),
      );
      expect(
        maxDiff(matmul(x, dout, { transA: true }).data, reference(dense, dout, true)),
      ).toBeLessThanOrEqual(tolerance(f32, 23));
    }
  });

  it('multiplies by a vector (dot(x, v)) over the rows too', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const next = lcg(9);
    const bytes = images(40, 64, 0.8, next);
    const indices = Array.from({ length: 35 }, (_, i) => (i * 3) % 40);
    const { x, dense } = batch(bytes, 64, indices, tableOf(false));
    const v = new NDArray(Float64Array.from({ length: 64 }, () => 2 * next() - 1));
    const got = dot(x, v);
    expect(got.shape).toEqual([35]);
    expect(got.toArray()).toEqual(dot(dense, v).toArray());
  });

  it('falls back to the dense elements for transB, and is still right', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const next = lcg(11);
    const bytes = images(40, 64, 0.8, next);
    const indices = Array.from({ length: 37 }, () => Math.floor(next() * 40));
    for (const f32 of [false, true]) {
      const { x, dense } = batch(bytes, 64, indices, tableOf(f32));
      const Wt = matrix(19, 64, f32, next); // W stored transposed, [p, k]
      const got = matmul(x, Wt, { transB: true });
      expect(got.shape).toEqual([37, 19]);
      expect(Array.from(got.data)).toEqual(Array.from(matmul(dense, Wt, { transB: true }).data));
      expect(maxDiff(got.data, reference(dense, Wt.transpose(), false))).toBeLessThanOrEqual(
        tolerance(f32, 64),
      );
      expect(sparseRowsOf(x)).toBeUndefined(); // the fallback read x.data
    }
  });

  it('gives the dense product’s NaN pattern when W holds Infinity or NaN (0·∞ counts)', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const next = lcg(13);
    const bytes = images(40, 64, 0.8, next);
    bytes.fill(0, 0, 64); // row 0 blank: column 3 is 0 there
    bytes[64 + 3] = 200; // row 1 lit at column 3
    const indices = [0, 1, ...Array.from({ length: 31 }, () => Math.floor(next() * 40))];
    for (const f32 of [false, true]) {
      for (const special of [Number.POSITIVE_INFINITY, Number.NaN]) {
        const { x, dense } = batch(bytes, 64, indices, tableOf(f32));
        const W = matrix(64, 5, f32, next);
        W.set(3, 0, special);
        const got = matmul(x, W);
        expect(Array.from(got.data)).toEqual(Array.from(matmul(dense, W).data));
        // numpy: 0·inf = nan, so every row's column 0 is NaN, except a lit pixel's +inf.
        expect(got.get(0, 0)).toBeNaN();
        if (special === Number.POSITIVE_INFINITY) expect(got.get(1, 0)).toBe(special);
        expect(Number.isFinite(got.get(0, 1))).toBe(true);
        // And xᵀ·dout with an infinite dout.
        const dout = matrix(33, 4, f32, next);
        dout.set(0, 2, special);
        expect(Array.from(matmul(x, dout, { transA: true }).data)).toEqual(
          Array.from(matmul(dense, dout, { transA: true }).data),
        );
      }
    }
  });

  it('uses the elements, not the rows, once x.data has been read and written', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const next = lcg(17);
    const bytes = images(40, 64, 0.8, next);
    const indices = Array.from({ length: 33 }, (_, i) => i);
    for (const f32 of [false, true]) {
      const x = takeRowsSparse(bytes, 64, indices, tableOf(f32));
      const W = matrix(64, 15, f32, next);
      const before = matmul(x, W);
      const data = x.data;
      // A zero pixel made nonzero and a lit one changed: the rows know neither.
      data[0] = data[0] === 0 ? 0.75 : 0;
      data[5 * 64 + 9] = -2;
      expect(sparseRowsOf(x)).toBeUndefined();
      const copy = new NDArray(data.slice(), x.shape);
      const after = matmul(x, W);
      expect(Array.from(after.data)).toEqual(Array.from(matmul(copy, W).data));
      expect(Array.from(after.data)).not.toEqual(Array.from(before.data));
      expect(dot(x, W).toArray()).toEqual(dot(copy, W).toArray());
      const dout = matrix(33, 6, f32, next);
      expect(Array.from(matmul(x, dout, { transA: true }).data)).toEqual(
        Array.from(matmul(copy, dout, { transA: true }).data),
      );
    }
  });

  it('mixes dtypes as the dense product does', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const next = lcg(19);
    const bytes = images(40, 64, 0.8, next);
    const indices = Array.from({ length: 33 }, () => Math.floor(next() * 40));
    for (const [xf32, wf32] of [
      [true, false],
      [false, true],
    ] as const) {
      const { x, dense } = batch(bytes, 64, indices, tableOf(xf32));
      const W = matrix(64, 15, wf32, next);
      const got = matmul(x, W);
      expect(got.dtype).toBe('float64');
      expect(Array.from(got.data)).toEqual(Array.from(matmul(dense, W).data));
      const dout = matrix(33, 6, wf32, next);
      const dW = matmul(x, dout, { transA: true });
      expect(dW.dtype).toBe('float64');
      expect(Array.from(dW.data)).toEqual(Array.from(matmul(dense, dout, { transA: true }).data));
    }
  });

  it("falls back to the dense elements with backend 'js', and is still right", () => {
    expect(setBackend('wasm')).toBe('wasm');
    const next = lcg(23);
    const bytes = images(40, 64, 0.8, next);
    const indices = Array.from({ length: 33 }, () => Math.floor(next() * 40));
    const { x, dense } = batch(bytes, 64, indices, tableOf(false));
    const W = matrix(64, 15, false, next);
    setBackend('js');
    const got = matmul(x, W);
    expect(sparseRowsOf(x)).toBeUndefined();
    expect(Array.from(got.data)).toEqual(Array.from(matmul(dense, W).data));
    expect(maxDiff(got.data, reference(dense, W, false))).toBeLessThanOrEqual(tolerance(false, 64));
  });

  it('multiplies hand-made rows (negative values, NaN, −0, small products) as their dense matrix (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), // rows
        fc.integer({ min: 1, max: 90 }), // cols
        fc.constantFrom(1, 2, 15, 29),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.boolean(),
        fc.boolean(),
        (r, q, p, seed, f32, transA) => {
          expect(setBackend('wasm')).toBe('wasm');
          const next = lcg(seed);
          const T = f32 ? Float32Array : Float64Array;
          // About 20% nonzero, some of the stored entries NaN or −0.
          const elements = T.from(
            Array.from({ length: r * q }, () => {
              const u = next();
              if (u < 0.8) return 0;
              if (u < 0.81) return Number.NaN;
              if (u < 0.82) return -0;
              return 2 * next() - 1;
            }),
          );
          const starts = new Int32Array(r + 1);
          const cols: number[] = [];
          const vals: number[] = [];
          for (let i = 0; i < r; i++) {
            starts[i] = cols.length;
            for (let j = 0; j < q; j++) {
              const v = elements[i * q + j]!;
              if (v !== 0 || Object.is(v, -0)) {
                cols.push(j);
                vals.push(v);
              }
            }
            cols.push(0); // spare slot
            vals.push(0);
          }
          starts[r] = cols.length;
          const rows = new SparseRows(r, q, starts, Int32Array.from(cols), T.from(vals));
          const x = new NDArray(rows);
          const dense = new NDArray(elements.slice(), [r, q]);
          const B = matrix(transA ? r : q, p, f32, next);
          const got = matmul(x, B, { transA });
          const want = matmul(dense, B, { transA });
          // Products under 128 multiply-adds are not worth WebAssembly: they run on the dense
          // elements, the same computation as for `dense`. The others run over the rows, bit for
          // bit what gemmWasm's sparse kernel gives `dense` when it takes it (op(A) of at least
          // 1024 elements, at most 35% nonzero: ~20% here); otherwise close, same NaNs.
          const [m, k] = transA ? [q, r] : [r, q];
          expect(sparseRowsOf(x) !== undefined).toBe(m * p * k >= 128);
          let nonzero = 0;
          for (const v of elements) if (v !== 0) nonzero++;
          if (m * p * k < 128 || (m * k >= 1024 && nonzero <= 0.35 * m * k)) {
            expect(Array.from(got.data)).toEqual(Array.from(want.data));
          } else {
            expect(Array.from(got.data, Number.isNaN)).toEqual(Array.from(want.data, Number.isNaN));
            const finite = (a: NDArray) => Array.from(a.data, (v) => (Number.isNaN(v) ? 0 : v));
            expect(maxDiff(finite(got), finite(want))).toBeLessThanOrEqual(tolerance(f32, k));
          }
        },
      ),
      { numRuns: 50, seed: 73 },
    );
  });

  // Known bug, kept here as a record: a 1-D array standing on rows (a [n, 1] batch reshaped to
  // [n], or `new NDArray(rows, [n])` for one-column rows) is multiplied by dot as the row vector
  // 1 × n, but gemmSparseRows reads the rows as the n × 1 matrix they hold and multiplies only
  // its first row: dot(x, B) gives x[0]·B[0, :] instead of Σᵢ x[i]·B[i, :]. Drop `.fails` once
  // dot passes only 2-D left operands to gemmSparseRows.
  it('dot of a 1-D array standing on rows with a matrix is the vector-matrix product', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const n = 2048; // n · 1 ≥ 2048 elements: the batch stands on rows
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 + (i % 200) : 0));
    const indices = Array.from({ length: n }, (_, i) => i);
    const v = takeRowsSparse(bytes, 1, indices, tableOf(false)).reshape([n]);
    expect(lazyRowsOf(v)).toBeDefined(); // on the rows, but not their [n, 1] matrix
    const B = new NDArray(
      Float64Array.from({ length: n * 3 }, (_, i) => (i % 7) - 3),
      [n, 3],
    );
    const twin = takeRowsSparse(bytes, 1, indices, tableOf(false)).reshape([n]);
    const dense = new NDArray(twin.data.slice(), [n]);
    expect(dot(v, B).toArray()).toEqual(dot(dense, B).toArray());
  });
});

describe('matmul with a bias row (x·W + b in one pass)', () => {
  const initial = getBackend();
  afterEach(() => {
    setBackend(initial);
  });

  /** The definition: the product, then b added to every row by the plain loop. */
  function plain(
    a: NDArray,
    b: NDArray,
    bias: NDArray,
    options: { transA?: boolean; transB?: boolean },
  ) {
    const out = matmul(a, b, options);
    const od = out.data;
    const bd = bias.data;
    const n = out.shape[1]!;
    for (let row = 0; row < od.length; row += n) {
      for (let j = 0; j < n; j++) od[row + j] = od[row + j]! + bd[j]!;
    }
    return out;
  }

  const cast = (x: NDArray, f32: boolean) =>
    f32 ? new NDArray(Float32Array.from(x.data), x.shape) : x;

  it('equals the product plus the bias added afterwards, bit for bit (both backends, dtypes, transposes)', () => {
    fc.assert(
      fc.property(
        fc.record({
          m: fc.integer({ min: 1, max: 40 }),
          n: fc.integer({ min: 1, max: 40 }),
          k: fc.integer({ min: 1, max: 40 }),
          transA: fc.boolean(),
          transB: fc.boolean(),
          f32: fc.boolean(),
          biasF32: fc.boolean(),
          wasm: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ m, n, k, transA, transB, f32, biasF32, wasm, seed }) => {
          setBackend(wasm ? 'wasm' : 'js');
          const rng = createRng(seed);
          const a = cast(randn(transA ? [k, m] : [m, k], rng), f32);
          const b = cast(randn(transB ? [n, k] : [k, n], rng), f32);
          const bias = cast(randn([n], rng), biasF32);
          const got = matmul(a, b, { transA, transB, bias });
          expect(got.dtype).toBe(f32 ? 'float32' : 'float64');
          expect(Array.from(got.data)).toEqual(
            Array.from(plain(a, b, bias, { transA, transB }).data),
          );
        },
      ),
      { numRuns: 80, seed: 31 },
    );
  });

  it('on a batch standing on compressed rows, and into an out array that accumulates', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const rng = createRng(5);
    const bytes = Uint8Array.from({ length: 64 * 784 }, (_, i) =>
      (i * 7919) % 11 < 2 ? (i * 31) % 256 : 0,
    );
    for (const f32 of [false, true]) {
      const table = f32
        ? Float32Array.from({ length: 256 }, (_, v) => v / 255)
        : Float64Array.from({ length: 256 }, (_, v) => v / 255);
      const x = takeRowsSparse(bytes, 784, [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3], table);
      expect(sparseRowsOf(x)).toBeDefined();
      const W = cast(randn([784, 50], rng), f32);
      const bias = cast(randn([50], rng), f32);
      const dense = new NDArray(x.data.slice(), x.shape);
      const want = plain(dense, W, bias, {});
      const x2 = takeRowsSparse(
        bytes,
        784,
        [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3],
        table,
      );
      expect(Array.from(matmul(x2, W, { bias }).data)).toEqual(Array.from(want.data));
      // accumulate: out + x·W, then + b
      const out = cast(randn([16, 50], rng), f32);
      const start = out.data.slice();
      const x3 = takeRowsSparse(
        bytes,
        784,
        [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3],
        table,
      );
      matmul(x3, W, { out, accumulate: true, bias });
      const product = matmul(dense, W).data;
      const expected = start.map((v, i) => {
        const sum = f32 ? Math.fround(v + product[i]!) : v + product[i]!;
        return f32 ? Math.fround(sum + bias.data[i % 50]!) : sum + bias.data[i % 50]!;
      });
      expect(Array.from(out.data)).toEqual(Array.from(expected));
    }
  });

  it('refuses a bias of the wrong shape, naming matmul', () => {
    const a = zeros([2, 3]);
    const b = zeros([3, 4]);
    expect(() => matmul(a, b, { bias: zeros([3]) })).toThrow(ShapeError);
    expect(() => matmul(a, b, { bias: zeros([3]) })).toThrow(
      'matmul: bias does not fit; expected shape [4] (one value per column of the product), got [3]',
    );
    expect(() => matmul(a, b, { bias: zeros([1, 4]) })).toThrow('got [1, 4]');
  });
});

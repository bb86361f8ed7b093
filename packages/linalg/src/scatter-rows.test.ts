import { afterEach, describe, expect, it } from 'vitest';
import { array } from './creation.js';
import { im2col } from './im2col.js';
import { setBackend } from './kernels/backend.js';
import { lazyRowsOf, NDArray } from './ndarray.js';
import { argmax } from './reductions.js';
import { scatterRows } from './scatter-rows.js';
import { ShapeError } from './shape-error.js';

afterEach(() => {
  setBackend('wasm');
});

describe('scatterRows', () => {
  it("is numpy's m[np.arange(rows), indices] = values on a zero matrix", () => {
    const m = scatterRows(array([3, 0, 1]), array([0.5, -1, 2]), 4);
    expect(m.shape).toEqual([3, 4]);
    expect(m.toArray()).toEqual([
      [0, 0, 0, 0.5],
      [-1, 0, 0, 0],
      [0, 2, 0, 0],
    ]);
    expect(scatterRows(array([1]), array([7], { dtype: 'float32' }), 2).dtype).toBe('float32');
  });

  it('stands on copies of its inputs when large, and is the same matrix when read', () => {
    for (const backend of ['wasm', 'js'] as const) {
      setBackend(backend);
      const rows = 3000;
      const indices = new NDArray(Float64Array.from({ length: rows }, (_, r) => (r * 7) % 4));
      const values = new NDArray(Float64Array.from({ length: rows }, (_, r) => r - 1500.5));
      const m = scatterRows(indices, values, 4);
      expect(lazyRowsOf(m) !== undefined).toBe(backend === 'wasm');
      indices.data.fill(0); // changing the inputs afterwards changes nothing
      values.data.fill(9);
      const d = m.reshape(-1, 12).data; // read through another shape: the same elements
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < 4; j++) {
          expect(d[r * 4 + j]).toBe(j === (r * 7) % 4 ? r - 1500.5 : 0);
        }
      }
    }
  });

  it('makes values not yet made for itself alone: they stay unmade, and later writes do not reach it', () => {
    // The pooling's dout with its channels moved last: planes [N, C, H·W] made only when read.
    const [n, c, len] = [4, 30, 576];
    const dout = new NDArray(
      Float32Array.from({ length: n * c * len }, (_, i) => (i % 97) - 48.5),
      [n, c, 24, 24],
    );
    const values = dout.transpose(0, 2, 3, 1).reshape(-1);
    expect(lazyRowsOf(values)).toBeDefined();
    const rows = values.size;
    const indices = new NDArray(Float32Array.from({ length: rows }, (_, r) => r % 4));
    const m = scatterRows(indices, values, 4);
    expect(lazyRowsOf(values)).toBeDefined(); // not made in values' own array
    values.data.fill(9); // made now, and written: the matrix keeps what values were
    const d = m.data;
    for (let b = 0; b < n; b++) {
      for (let p = 0; p < len; p++) {
        for (let ch = 0; ch < c; ch++) {
          const r = (b * len + p) * c + ch;
          expect(d[r * 4 + (r % 4)]).toBe((((b * c + ch) * len + p) % 97) - 48.5);
        }
      }
    }
    expect(m.dtype).toBe('float32');
  });

  it('says what is wrong, naming the op', () => {
    expect(() => scatterRows(array([0, 1]), array([1]), 2)).toThrow(
      new ShapeError(
        'scatterRows: indices and values do not match; expected two 1-D arrays of one length, got indices=[2], values=[1]',
      ),
    );
    expect(() => scatterRows(array([[0]]), array([[1]]), 2)).toThrow(ShapeError);
    expect(() => scatterRows(array([0]), array([1]), 0)).toThrow(
      new RangeError('scatterRows: invalid cols; expected an integer ≥ 1, got 0'),
    );
    expect(() => scatterRows(array([0, 4]), array([1, 2]), 4)).toThrow(
      new RangeError(
        'scatterRows: index out of range; expected whole numbers in [0, 3], got 4 at row 1',
      ),
    );
    expect(() => scatterRows(array([0.5]), array([1]), 4)).toThrow(
      'scatterRows: index out of range; expected whole numbers in [0, 3], got 0.5 at row 0',
    );
    expect(() => scatterRows([0] as unknown as NDArray, array([1]), 4)).toThrow(
      new TypeError('scatterRows: indices is not an NDArray; expected an NDArray, got object'),
    );
  });

  it('finds a bad index among many (checked in WebAssembly) wherever it is, in both types', () => {
    const rows = 5003; // not a whole number of vectors: the last positions are checked one by one
    const bad = [Number.NaN, -1, 4, 2.5, Number.POSITIVE_INFINITY, -0.5, 3.25, 2 ** 31];
    for (const backend of ['wasm', 'js'] as const) {
      setBackend(backend);
      for (const dtype of ['float64', 'float32'] as const) {
        const values = new NDArray(new Float64Array(rows).fill(1)).astype(dtype);
        const good = Float64Array.from({ length: rows }, (_, r) => r % 4);
        good[7] = -0; // −0 is the position 0
        expect(scatterRows(new NDArray(good), values, 4).data[7 * 4]).toBe(1);
        for (const row of [0, 1, 2500, rows - 3, rows - 1]) {
          for (const v of bad) {
            const at = good.slice();
            at[row] = v;
            const got = dtype === 'float32' ? Math.fround(v) : v;
            expect(() => scatterRows(new NDArray(at), values, 4)).toThrow(
              `scatterRows: index out of range; expected whole numbers in [0, 3], got ${got} at row ${row}`,
            );
          }
        }
      }
    }
  });

  it("takes a pooling's unread argmax as it is, and checks it once read and written, or for fewer cols", () => {
    for (const dtype of ['float64', 'float32'] as const) {
      // 16 images of 30 channels 24 × 24 in 2 × 2 windows: 69,120 positions below 4 (kept back)
      const x = new NDArray(
        Float64Array.from({ length: 16 * 30 * 24 * 24 }, (_, i) => Math.sin(i * 0.37)),
        [16, 30, 24, 24],
      ).astype(dtype);
      const windows = () => im2col(x, 2, 2, 2, 0).reshape(-1, 4);
      const values = new NDArray(new Float64Array(16 * 30 * 12 * 12).fill(1)).astype(dtype);
      const argMax = argmax(windows(), { axis: 1 });
      const want = argMax.data.slice(); // (read: checked from here on)
      const kept = argmax(windows(), { axis: 1 });
      expect(lazyRowsOf(kept)).toBeDefined(); // unread
      const got = scatterRows(kept, values, 4);
      for (let r = 0; r < want.length; r += 997) expect(got.data[r * 4 + want[r]!]).toBe(1);
      // Fewer columns than the windows' size: positions 2 and 3 are out of range.
      expect(() => scatterRows(argmax(windows(), { axis: 1 }), values, 2)).toThrow(
        'scatterRows: index out of range',
      );
      // Read and written: an ordinary array, checked.
      const written = argmax(windows(), { axis: 1 });
      written.data[123] = 4;
      expect(() => scatterRows(written, values, 4)).toThrow(
        'scatterRows: index out of range; expected whole numbers in [0, 3], got 4 at row 123',
      );
    }
  });
});

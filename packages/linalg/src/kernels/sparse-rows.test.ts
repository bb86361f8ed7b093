import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseRows, TRUSTED_ROWS } from './sparse-rows.js';

/**
 * The compressed rows of a dense row-major matrix, in SparseRows' layout: each row's nonzeros in
 * increasing column order, then one spare slot. The spare slot gets `spareColumn`/`spareValue`
 * (garbage on purpose: it belongs to no element, so nothing may read it as one).
 */
function compress(
  dense: ArrayLike<number>,
  rows: number,
  cols: number,
  f32: boolean,
  spareColumn = 0,
  spareValue = 0,
): SparseRows {
  const starts = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    starts[r] = indices.length;
    for (let c = 0; c < cols; c++) {
      const v = dense[r * cols + c]!;
      if (v !== 0) {
        indices.push(c);
        values.push(v);
      }
    }
    indices.push(spareColumn);
    values.push(spareValue);
  }
  starts[rows] = indices.length;
  return new SparseRows(
    rows,
    cols,
    starts,
    Int32Array.from(indices),
    f32 ? Float32Array.from(values) : Float64Array.from(values),
  );
}

describe('SparseRows', () => {
  it('holds the small matrix of its documentation example', () => {
    // [[0, 2, 0], [1, 0, 0]]: row 0 = (column 1, value 2) + spare slot, row 1 = (0, 1) + spare.
    const rows = new SparseRows(
      2,
      3,
      new Int32Array([0, 2, 4]),
      new Int32Array([1, 0, 0, 0]),
      new Float64Array([2, 0, 1, 0]),
    );
    expect(rows.rows).toBe(2);
    expect(rows.cols).toBe(3);
    expect(rows.nonzeros).toBe(2);
    const dense = rows.toDense();
    expect(dense).toBeInstanceOf(Float64Array);
    expect(Array.from(dense)).toEqual([0, 2, 0, 1, 0, 0]);
  });

  it('keeps float32 values as float32, and leaves empty rows (only a spare slot) zero', () => {
    // 3 × 4, by hand: row 0 = [0, 0, 0, 0] (spare only), row 1 = [0.5, 0, 0, -3],
    // row 2 = [0, 0, 7, 0]. Entries: spare | 0.5, -3, spare | 7, spare.
    const rows = new SparseRows(
      3,
      4,
      new Int32Array([0, 1, 4, 6]),
      new Int32Array([0, 0, 3, 0, 2, 0]),
      new Float32Array([0, 0.5, -3, 0, 7, 0]),
    );
    expect(rows.nonzeros).toBe(3);
    const dense = rows.toDense();
    expect(dense).toBeInstanceOf(Float32Array);
    expect(Array.from(dense)).toEqual([0, 0, 0, 0, 0.5, 0, 0, -3, 0, 0, 7, 0]);
  });

  it('ignores what the spare slots hold (garbage columns and values)', () => {
    // Spare slots with a column far out of range and a NaN value: neither the checks nor toDense
    // may treat them as elements. Same matrix as the documentation example.
    const rows = new SparseRows(
      2,
      3,
      new Int32Array([0, 2, 4]),
      new Int32Array([1, 999, 0, -5]),
      new Float64Array([2, Number.NaN, 1, Number.POSITIVE_INFINITY]),
    );
    expect(rows.nonzeros).toBe(2);
    expect(Array.from(rows.toDense())).toEqual([0, 2, 0, 1, 0, 0]);
  });

  it('makes the dense elements once, on the first toDense, and keeps them (writes included)', () => {
    const rows = new SparseRows(
      1,
      2,
      new Int32Array([0, 2]),
      new Int32Array([1, 0]),
      new Float64Array([4, 0]),
    );
    expect(rows.densified).toBe(false);
    const first = rows.toDense();
    expect(rows.densified).toBe(true);
    expect(rows.toDense()).toBe(first);
    first[0] = 9; // from now on the dense elements are the matrix
    expect(Array.from(rows.toDense())).toEqual([9, 4]);
  });

  it('takes zero rows and zero columns', () => {
    const empty = new SparseRows(0, 5, new Int32Array([0]), new Int32Array(0), new Float64Array(0));
    expect(empty.nonzeros).toBe(0);
    expect(empty.toDense().length).toBe(0);
    const noCols = new SparseRows(
      2,
      0,
      new Int32Array([0, 1, 2]),
      new Int32Array(2),
      new Float32Array(2),
    );
    expect(noCols.nonzeros).toBe(0);
    expect(noCols.toDense()).toEqual(new Float32Array(0));
  });

  it('rejects arrays that do not fit together, naming SparseRows', () => {
    const idx = new Int32Array([1, 0, 0, 0]);
    const val = new Float64Array([2, 0, 1, 0]);
    // 2 rows need 3 starts.
    expect(() => new SparseRows(2, 3, new Int32Array([0, 2]), idx, val)).toThrow(
      new RangeError(
        'SparseRows: arrays do not fit; expected 3 starts and as many indices and values as starts[rows], got 2 starts, 4 indices, 4 values',
      ),
    );
    expect(() => new SparseRows(2, 3, new Int32Array([0, 2, 4, 6]), idx, val)).toThrow(
      'SparseRows: arrays do not fit; expected 3 starts',
    );
    // starts[rows] = 4 entries, but only 3 indices / 3 values.
    expect(() => new SparseRows(2, 3, new Int32Array([0, 2, 4]), idx.subarray(0, 3), val)).toThrow(
      'SparseRows: arrays do not fit; expected 3 starts and as many indices',
    );
    expect(() => new SparseRows(2, 3, new Int32Array([0, 2, 4]), idx, val.subarray(0, 3))).toThrow(
      'got 3 starts, 4 indices, 3 values',
    );
    // Sizes that are not counts.
    expect(() => new SparseRows(-1, 3, new Int32Array([0]), idx, val)).toThrow(RangeError);
    expect(() => new SparseRows(1.5, 3, new Int32Array([0, 2]), idx, val)).toThrow(
      'SparseRows: arrays do not fit',
    );
    expect(() => new SparseRows(1, 2.5, new Int32Array([0, 2]), idx, val)).toThrow(
      'SparseRows: arrays do not fit',
    );
    // These checks are about memory safety: the trusted path still makes them.
    expect(() => new SparseRows(2, 3, new Int32Array([0, 2]), idx, val, TRUSTED_ROWS)).toThrow(
      'SparseRows: arrays do not fit',
    );
  });

  it('rejects a row without its spare slot, or starting before 0', () => {
    const idx = new Int32Array(8);
    const val = new Float64Array(8);
    // Row 1 starts at 2 and ends at 2: no spare slot (starts[2] must be ≥ 3).
    expect(() => new SparseRows(2, 3, new Int32Array([0, 2, 2]), idx, val)).toThrow(
      new RangeError(
        'SparseRows: row 1 is malformed; expected starts[1] ≥ 0 and starts[2] ≥ starts[1] + 1 (one spare slot per row), got 2 and 2',
      ),
    );
    // Row 0 is empty without even its spare slot.
    expect(() => new SparseRows(1, 3, new Int32Array([0, 0]), idx, val)).toThrow(
      'SparseRows: row 0 is malformed',
    );
    // Decreasing starts (row 0 itself is fine: columns 0, 1, then its spare slot).
    const ok = new Int32Array([0, 1, 0, 0]);
    expect(() => new SparseRows(2, 3, new Int32Array([0, 3, 1]), ok, val)).toThrow(
      'SparseRows: row 1 is malformed',
    );
    expect(() => new SparseRows(1, 3, new Int32Array([-1, 1]), idx, val)).toThrow(
      'SparseRows: row 0 is malformed; expected starts[0] ≥ 0 and starts[1] ≥ starts[0] + 1 (one spare slot per row), got -1 and 1',
    );
  });

  it('rejects columns that are not increasing or not inside [0, cols)', () => {
    const starts = new Int32Array([0, 3]); // one row: two elements and the spare slot
    const val = new Float64Array([1, 2, 0]);
    expect(() => new SparseRows(1, 3, starts, new Int32Array([2, 1, 0]), val)).toThrow(
      new RangeError(
        'SparseRows: row 0 has a bad column; expected increasing indices in [0, 2], got 1 after 2',
      ),
    );
    // A repeated column would be two values for one element.
    expect(() => new SparseRows(1, 3, starts, new Int32Array([1, 1, 0]), val)).toThrow(
      'SparseRows: row 0 has a bad column; expected increasing indices in [0, 2], got 1 after 1',
    );
    expect(() => new SparseRows(1, 3, starts, new Int32Array([0, 3, 0]), val)).toThrow(
      'SparseRows: row 0 has a bad column; expected increasing indices in [0, 2], got 3 after 0',
    );
    expect(() => new SparseRows(1, 3, starts, new Int32Array([-1, 0, 0]), val)).toThrow(
      'SparseRows: row 0 has a bad column; expected increasing indices in [0, 2], got -1 after -1',
    );
    // Columns restart in each row: row 1 may use column 0 after row 0 used column 2.
    expect(
      () =>
        new SparseRows(
          2,
          3,
          new Int32Array([0, 2, 4]),
          new Int32Array([2, 0, 0, 0]),
          new Float64Array(4),
        ),
    ).not.toThrow();
    // The second row is checked too.
    expect(
      () =>
        new SparseRows(
          2,
          3,
          new Int32Array([0, 2, 5]),
          new Int32Array([2, 0, 2, 0, 0]),
          new Float64Array(5),
        ),
    ).toThrow('SparseRows: row 1 has a bad column');
  });

  it('skips the row checks when passed TRUSTED_ROWS (the package’s own, correct rows)', () => {
    // Columns out of order, accepted as given: the caller vouches for them.
    const rows = new SparseRows(
      1,
      3,
      new Int32Array([0, 3]),
      new Int32Array([2, 1, 0]),
      new Float64Array([1, 2, 0]),
      TRUSTED_ROWS,
    );
    expect(rows.nonzeros).toBe(2);
  });

  it('holds any matrix compressed into its layout: toDense gives it back, nonzeros counts it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }), // share of zeros
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.boolean(),
        (rows, cols, zeros, seed, f32) => {
          let s = seed;
          const next = () => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            return s / 2 ** 32;
          };
          const T = f32 ? Float32Array : Float64Array;
          // Values exact in float32, so the expected dense array is the same in both types.
          const dense = T.from(
            Array.from({ length: rows * cols }, () =>
              next() < zeros ? 0 : Math.round((next() - 0.5) * 512) / 8 || 1,
            ),
          );
          const sparse = compress(dense, rows, cols, f32, 12345, Number.NaN);
          let count = 0;
          for (const v of dense) if (v !== 0) count++;
          expect(sparse.nonzeros).toBe(count);
          expect(sparse.densified).toBe(false);
          const got = sparse.toDense();
          expect(got).toBeInstanceOf(T);
          expect(Array.from(got)).toEqual(Array.from(dense));
          expect(sparse.densified).toBe(true);
        },
      ),
      { numRuns: 60, seed: 41 },
    );
  });

  // Known bug, kept here as a record: the constructor accepts starts[0] > 0 (row 0 then simply
  // begins later), but `nonzeros` assumes starts[0] = 0 and counts the slots before it as
  // elements. Below: one element (column 2, value 5) in slots 1..2, so nonzeros should be 1 (or
  // the rows be refused); it is 2. Drop `.fails` once either is fixed.
  it('refuses rows whose first row does not start at entry 0 (nonzeros would miscount)', () => {
    expect(
      () =>
        new SparseRows(
          1,
          3,
          new Int32Array([1, 3]),
          new Int32Array([9, 2, 0]),
          new Float64Array([9, 5, 0]),
        ),
    ).toThrow('SparseRows: rows do not start at the first entry; expected starts[0] = 0, got 1');
  });
});

import { wholeBelowWasm } from './kernels/add-up.js';
import { getBackend } from './kernels/backend.js';
import {
  denseAfresh,
  planesSourceOf,
  type ScatterSource,
  SparseRows,
  unsharedSourceOf,
} from './kernels/sparse-rows.js';
import { lazyRowsOf, NDArray } from './ndarray.js';
import { formatShape, ShapeError } from './shape-error.js';

/** Below this many rows the matrix is made at once (a learner's small example prints as usual). */
const LATER_MIN_ROWS = 1024;

/**
 * A `[rows, cols]` matrix of zeros with one value per row: `values[r]` at column `indices[r]`.
 * This is numpy's `m = np.zeros((rows, cols)); m[np.arange(rows), indices] = values`, the way the
 * pooling layer's backward (the book's §7.4.4) sends each window's gradient to the position of its
 * maximum: `dmax = scatterRows(argMax, dout, PH·PW)`.
 *
 * On the WebAssembly backend a large result stands on the indices and values (copies of them) and
 * is made when first read; `col2im` of it (reshaped to the windows' rows) adds the values where
 * they belong without making it. Either way it is the same matrix.
 *
 * @param indices - `[rows]`: each row's column, a whole number in `[0, cols)` (as argmax gives)
 * @param values - `[rows]`: each row's value; the result has its dtype
 * @param cols - columns of the result, a positive integer
 * @returns a new `[rows, cols]` array
 * @throws ShapeError when indices or values is not 1-D or their lengths differ
 * @throws RangeError when cols is not a positive integer or an index is not a whole number in
 * `[0, cols)`
 * @throws TypeError when indices or values is not an NDArray
 * @example
 * ```ts
 * import { array, scatterRows } from '@dl/linalg';
 * // Three 2×2 windows whose maxima were at positions 3, 0 and 1: their gradients go there.
 * scatterRows(array([3, 0, 1]), array([0.5, -1, 2]), 4).toArray();
 * // [[0, 0, 0, 0.5], [-1, 0, 0, 0], [0, 2, 0, 0]]
 * ```
 */
export function scatterRows(indices: NDArray, values: NDArray, cols: number): NDArray {
  for (const [name, a] of [
    ['indices', indices],
    ['values', values],
  ] as const) {
    if (!(a instanceof NDArray)) {
      throw new TypeError(
        `scatterRows: ${name} is not an NDArray; expected an NDArray, got ${typeof a}`,
      );
    }
  }
  if (indices.ndim !== 1 || values.ndim !== 1 || indices.size !== values.size) {
    throw new ShapeError(
      `scatterRows: indices and values do not match; expected two 1-D arrays of one length, got indices=${formatShape(indices.shape)}, values=${formatShape(values.shape)}`,
    );
  }
  if (!Number.isInteger(cols) || cols < 1) {
    throw new RangeError(`scatterRows: invalid cols; expected an integer ≥ 1, got ${String(cols)}`);
  }
  const rows = values.size;
  const Values = values.dtype === 'float32' ? Float32Array : Float64Array;
  // The positions in the values' type, a copy, unless they are a new array nothing else holds
  // (pooling's argmax, see kernels/unshared.ts), which this stands on instead.
  const lazyAt = lazyRowsOf(indices);
  const keptAt = lazyAt && unsharedSourceOf(lazyAt);
  const at = keptAt && keptAt.x instanceof Values ? keptAt.x : new Values(indices.data);
  if (keptAt && at === keptAt.x) keptAt.taken = true;
  // Positions an argmax kernel wrote, unread (so unwritten) since, are whole numbers below its
  // windows' size by construction; others are checked, many of them in WebAssembly (the loop then
  // only finds what is wrong).
  const known = keptAt?.below !== undefined && at === keptAt.x && keptAt.below <= cols;
  for (let r = known || wholeBelowWasm(at, cols) ? rows : 0; r < rows; r++) {
    const j = at[r]!;
    if (!Number.isInteger(j) || j < 0 || j >= cols) {
      throw new RangeError(
        `scatterRows: index out of range; expected whole numbers in [0, ${cols - 1}], got ${j} at row ${r}`,
      );
    }
  }
  const later = rows >= LATER_MIN_ROWS && getBackend() === 'wasm';
  // Values not yet made that are planes moved last (the pooling's dout) are kept as the planes,
  // which nothing writes, and made in the rows' order only if read so. Others are copied; made for
  // this alone, they need no second copy.
  const unmade = lazyRowsOf(values);
  const planes = later && unmade ? planesSourceOf(unmade) : undefined;
  const fromPlanes =
    planes && ArrayBuffer.isView(planes.x) && planes.x instanceof Values
      ? { x: planes.x, batches: planes.batches, planes: planes.planes, len: planes.len }
      : undefined;
  let made = fromPlanes
    ? undefined
    : (((unmade && denseAfresh(unmade)) ?? values.data.slice()) as Float64Array | Float32Array);
  // (made from the planes for this alone, as the planes make their transpose)
  const v = () => {
    made ??= planes!.dense() as Float64Array | Float32Array;
    return made;
  };
  const dense = () => {
    const out = new Values(rows * cols);
    const vals = v();
    for (let r = 0; r < rows; r++) out[r * cols + at[r]!] = vals[r]!;
    return out;
  };
  if (!later) return new NDArray(dense(), [rows, cols]);
  const source: ScatterSource = {
    kind: 'scatter',
    at,
    get values() {
      return v();
    },
    fromPlanes,
    cols,
    dense,
    arrays: () => {
      // One entry per row, then the row's spare slot.
      const starts = Int32Array.from({ length: rows + 1 }, (_, r) => 2 * r);
      const idx = new Int32Array(2 * rows);
      const vals = new Values(2 * rows);
      const given = v();
      for (let r = 0; r < rows; r++) {
        idx[2 * r] = at[r]!;
        vals[2 * r] = given[r]!;
      }
      return { starts, indices: idx, values: vals };
    },
  };
  return new NDArray(SparseRows.fromScatter(source), [rows, cols]);
}

import type { ArrayLike } from '../broadcast.js';
import { allocate, promoteTypes, type TypedArray } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { sameShape } from '../shape.js';

/** The arithmetic operations that {@link binaryFast} has plain loops for. */
export type FastBinaryOp = 'add' | 'sub' | 'mul' | 'div';

// Why these exist: `broadcastBinary` calls a closure per element, and once add, sub, mul... have
// all gone through it that call site sees many closures and V8 stops inlining it (the call
// becomes megamorphic), which costs about 8× on the bias add of a training step (measured with
// bench/matmul.ts). Here each operation and each common broadcast pattern is its own loop.

/** r[i] = x[i] op y[i] */
function sameShapeLoop(op: FastBinaryOp, x: TypedArray, y: TypedArray, r: TypedArray): void {
  const n = r.length;
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) r[i] = x[i]! + y[i]!;
      return;
    case 'sub':
      for (let i = 0; i < n; i++) r[i] = x[i]! - y[i]!;
      return;
    case 'mul':
      for (let i = 0; i < n; i++) r[i] = x[i]! * y[i]!;
      return;
    case 'div':
      for (let i = 0; i < n; i++) r[i] = x[i]! / y[i]!;
      return;
  }
}

/** r[i] = x[i] op s, or s op x[i] when `scalarFirst` */
function scalarLoop(
  op: FastBinaryOp,
  x: TypedArray,
  s: number,
  scalarFirst: boolean,
  r: TypedArray,
): void {
  const n = r.length;
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) r[i] = x[i]! + s;
      return;
    case 'sub':
      if (scalarFirst) for (let i = 0; i < n; i++) r[i] = s - x[i]!;
      else for (let i = 0; i < n; i++) r[i] = x[i]! - s;
      return;
    case 'mul':
      for (let i = 0; i < n; i++) r[i] = x[i]! * s;
      return;
    case 'div':
      if (scalarFirst) for (let i = 0; i < n; i++) r[i] = s / x[i]!;
      else for (let i = 0; i < n; i++) r[i] = x[i]! / s;
      return;
  }
}

/** r[i][j] = x[i][j] op y[j]: a row vector `y` of length `len` repeated over the rows of `x`. */
function rowLoop(op: FastBinaryOp, x: TypedArray, y: TypedArray, r: TypedArray): void {
  const n = r.length;
  const len = y.length;
  for (let o = 0; o < n; o += len) {
    switch (op) {
      case 'add':
        for (let j = 0; j < len; j++) r[o + j] = x[o + j]! + y[j]!;
        break;
      case 'sub':
        for (let j = 0; j < len; j++) r[o + j] = x[o + j]! - y[j]!;
        break;
      case 'mul':
        for (let j = 0; j < len; j++) r[o + j] = x[o + j]! * y[j]!;
        break;
      case 'div':
        for (let j = 0; j < len; j++) r[o + j] = x[o + j]! / y[j]!;
        break;
    }
  }
}

/** r[i][j] = x[i][j] op y[i]: a column `y` (one value per row) spread over rows of `cols`. */
function columnLoop(
  op: FastBinaryOp,
  x: TypedArray,
  y: TypedArray,
  cols: number,
  r: TypedArray,
): void {
  const rows = y.length;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const v = y[i]!;
    switch (op) {
      case 'add':
        for (let j = 0; j < cols; j++) r[o + j] = x[o + j]! + v;
        break;
      case 'sub':
        for (let j = 0; j < cols; j++) r[o + j] = x[o + j]! - v;
        break;
      case 'mul':
        for (let j = 0; j < cols; j++) r[o + j] = x[o + j]! * v;
        break;
      case 'div':
        for (let j = 0; j < cols; j++) r[o + j] = x[o + j]! / v;
        break;
    }
  }
}

/** Whether `row` is `[n]`, `[1, n]`, `[1, 1, n]`... with n the last dimension of `shape`. */
function isRowOf(row: readonly number[], shape: readonly number[]): boolean {
  if (row.length === 0 || row.length > shape.length) return false;
  if (row[row.length - 1] !== shape[shape.length - 1]) return false;
  for (let d = 0; d < row.length - 1; d++) if (row[d] !== 1) return false;
  return true;
}

/**
 * `a op b` for the broadcasts a training step uses, as plain loops: equal shapes, a number on
 * either side, a row vector over a batch (`x·W + b`) and a column over a matrix (softmax's
 * `x - max(x, axis 1)`). Any other case, and an `out` of the
 * wrong shape, gives `undefined`, and the caller uses `broadcastBinary`, which handles every
 * broadcast and reports errors. Results equal `broadcastBinary`'s exactly (same operations in
 * the same order); a property test checks that.
 *
 * @param op - `add`, `sub`, `mul` or `div`
 * @param a - first operand
 * @param b - second operand
 * @param out - optional array of the result's shape to write into
 * @returns the result, or `undefined` when the case is not one of these
 */
export function binaryFast(
  op: FastBinaryOp,
  a: ArrayLike,
  b: ArrayLike,
  out?: NDArray,
): NDArray | undefined {
  if (typeof a === 'number') {
    if (typeof b === 'number') return undefined;
    if (out && !sameShape(out.shape, b.shape)) return undefined;
    const r = out ?? new NDArray(allocate(b.dtype, b.size), b.shape);
    scalarLoop(op, b.data, a, true, r.data);
    return r;
  }
  if (typeof b === 'number') {
    if (out && !sameShape(out.shape, a.shape)) return undefined;
    const r = out ?? new NDArray(allocate(a.dtype, a.size), a.shape);
    scalarLoop(op, a.data, b, false, r.data);
    return r;
  }
  const same = sameShape(a.shape, b.shape);
  const row = !same && b.size > 0 && isRowOf(b.shape, a.shape);
  // A column over a matrix: [m, 1] against [m, n], as softmax's max and sum with keepdims give.
  const column =
    !same && !row && a.ndim === 2 && b.ndim === 2 && b.shape[0] === a.shape[0] && b.shape[1] === 1;
  if (!same && !row && !column) return undefined;
  if (out && !sameShape(out.shape, a.shape)) return undefined;
  const r = out ?? new NDArray(allocate(promoteTypes(a.dtype, b.dtype), a.size), a.shape);
  if (same) sameShapeLoop(op, a.data, b.data, r.data);
  else if (row) rowLoop(op, a.data, b.data, r.data);
  else columnLoop(op, a.data, b.data, a.shape[1]!, r.data);
  return r;
}

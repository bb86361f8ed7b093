import { allocate, promoteTypes } from './dtype.js';
import { NDArray } from './ndarray.js';
import { sameShape, stridesOf } from './shape.js';
import { formatShape, ShapeError } from './shape-error.js';

/** An array or a plain number, which broadcasts like a 0-dimensional array. */
export type ArrayLike = NDArray | number;

/**
 * The shape two shapes broadcast to under numpy's rules: align from the right; each pair of
 * dimensions must be equal or one of them 1.
 *
 * @param op - the operation's name, for the error message
 * @param a - first shape
 * @param b - second shape
 * @returns the broadcast shape
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { broadcastShapes } from '@dl/linalg';
 * broadcastShapes('add', [100, 50], [50]); // [100, 50]: a bias over a batch
 * ```
 */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes do not broadcast; expected equal dimensions or 1 (aligned from the right), got a=${formatShape(a)}, b=${formatShape(b)}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides of `shape` seen from a broadcast `target` shape: 0 along broadcast dimensions. */
function broadcastStrides(shape: readonly number[], target: readonly number[]): number[] {
  const own = stridesOf(shape);
  const offset = target.length - shape.length;
  return target.map((_, i) => (i < offset || shape[i - offset] === 1 ? 0 : own[i - offset]!));
}

/**
 * Applies `f` element by element over two broadcast operands.
 *
 * @param op - the operation's name, for error messages
 * @param a - first operand
 * @param b - second operand
 * @param f - the scalar function
 * @param out - optional array to write into; must have the broadcast shape
 * @returns the result (`out` when given)
 * @throws ShapeError when the operands do not broadcast, or `out` has the wrong shape
 * @example
 * ```ts
 * import { array, broadcastBinary } from '@dl/linalg';
 * broadcastBinary('hypot', array([3, 5]), 4, Math.hypot).toArray(); // [5, 6.4031242374328485]
 * ```
 */
export function broadcastBinary(
  op: string,
  a: ArrayLike,
  b: ArrayLike,
  f: (x: number, y: number) => number,
  out?: NDArray,
): NDArray {
  const A = typeof a === 'number' ? undefined : a;
  const B = typeof b === 'number' ? undefined : b;
  const aShape = A?.shape ?? [];
  const bShape = B?.shape ?? [];
  const shape = broadcastShapes(op, aShape, bShape);
  const dtype = A && B ? promoteTypes(A.dtype, B.dtype) : ((A ?? B)?.dtype ?? 'float64');
  if (out && !sameShape(out.shape, shape)) {
    throw new ShapeError(
      `${op}: out has the wrong shape; expected ${formatShape(shape)}, got ${formatShape(out.shape)}`,
    );
  }
  const result =
    out ??
    new NDArray(
      allocate(
        dtype,
        shape.reduce((p, d) => p * d, 1),
      ),
      shape,
    );
  const r = result.data;
  const n = r.length;
  if (!A || !B) {
    // One side is a plain number.
    if (A) {
      const x = A.data;
      const y = b as number;
      for (let i = 0; i < n; i++) r[i] = f(x[i]!, y);
    } else if (B) {
      const x = a as number;
      const y = B.data;
      for (let i = 0; i < n; i++) r[i] = f(x, y[i]!);
    } else {
      r[0] = f(a as number, b as number);
    }
    return result;
  }
  const x = A.data;
  const y = B.data;
  if (sameShape(aShape, bShape)) {
    for (let i = 0; i < n; i++) r[i] = f(x[i]!, y[i]!);
    return result;
  }
  // A row vector over a batch (the bias in x·W + b): b repeats every `len` elements.
  if (sameShape(aShape, shape) && y.length > 0 && n % y.length === 0 && isTrailing(bShape, shape)) {
    const len = y.length;
    for (let i = 0; i < n; i += len) for (let j = 0; j < len; j++) r[i + j] = f(x[i + j]!, y[j]!);
    return result;
  }
  const sa = broadcastStrides(aShape, shape);
  const sb = broadcastStrides(bShape, shape);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < n; k++) {
    r[k] = f(x[ia]!, y[ib]!);
    // Advance the multi-index like an odometer, updating both offsets.
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      ia += sa[d]!;
      ib += sb[d]!;
      if (idx[d]! < shape[d]!) break;
      ia -= sa[d]! * shape[d]!;
      ib -= sb[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return result;
}

/** Whether `small` equals the trailing dimensions of `big` once leading 1s are dropped. */
function isTrailing(small: readonly number[], big: readonly number[]): boolean {
  let s = 0;
  while (s < small.length && small[s] === 1) s++;
  const rest = small.slice(s);
  if (rest.length > big.length) return false;
  return sameShape(rest, big.slice(big.length - rest.length));
}

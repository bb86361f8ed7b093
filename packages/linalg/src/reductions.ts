import { allocate, type TypedArray } from './dtype.js';
import { sumPlanesWasm } from './kernels/planes.js';
import { poolRows } from './kernels/pool.js';
import { reduceRowsWasm } from './kernels/reduce-rows.js';
import { planesSourceOf } from './kernels/sparse-rows.js';
import { sumColumnsWasm } from './kernels/sum-columns.js';
import { unsharedArray } from './kernels/unshared.js';
import { lazyRowsOf, NDArray } from './ndarray.js';
import { normalizeAxis } from './shape.js';
import { formatShape, ShapeError } from './shape-error.js';

/** Options of the reductions (`sum`, `mean`, `max`, `min`, `argmax`, `argmin`). */
export interface ReduceOptions {
  /** The axis to reduce along (negative counts from the end); all elements when omitted. */
  axis?: number;
  /** Keep the reduced axis as a dimension of size 1, so the result broadcasts against the input. */
  keepdims?: boolean;
}

type Reducer = (data: ArrayLike<number>, start: number, count: number, stride: number) => number;

/**
 * Reduces along one axis by splitting the shape into outer × axis × inner blocks.
 * @internal
 */
function reduce(op: string, a: NDArray, options: ReduceOptions, f: Reducer): NDArray {
  const nd = a.ndim;
  if (options.axis === undefined) {
    if (a.size === 0 && op !== 'sum' && op !== 'mean') {
      throw new ShapeError(
        `${op}: empty array; expected at least one element, got shape ${formatShape(a.shape)}`,
      );
    }
    const out = allocate(a.dtype, 1);
    out[0] = f(a.data, 0, a.size, 1);
    return new NDArray(out, options.keepdims ? a.shape.map(() => 1) : []);
  }
  const axis = normalizeAxis(op, options.axis, nd);
  const dim = a.shape[axis]!;
  if (dim === 0 && op !== 'sum' && op !== 'mean') {
    throw new ShapeError(
      `${op}: empty axis; expected axis ${axis} to have elements, got shape ${formatShape(a.shape)}`,
    );
  }
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= a.shape[i]!;
  let inner = 1;
  for (let i = axis + 1; i < nd; i++) inner *= a.shape[i]!;
  // Along the last axis, max and argmax of a large array run in WebAssembly, and so does a sum
  // along the first (the same numbers).
  const rowWise = inner === 1 && (op === 'max' || op === 'argmax');
  const columnWise = outer === 1 && op === 'sum';
  // Pooling's col not yet made is reduced from its images, into a new array (poolRows).
  const pooled = rowWise ? poolRows(op as 'max' | 'argmax', a, outer, dim) : undefined;
  const out = pooled?.values ?? allocate(a.dtype, outer * inner);
  if (
    pooled === undefined &&
    !(rowWise && reduceRowsWasm(op, a.data, outer, dim, out)) &&
    !(columnWise && (sumOfPlanes(a, inner, out) || sumColumnsWasm(a.data, dim, inner, out)))
  ) {
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        out[o * inner + i] = f(a.data, o * dim * inner + i, dim, inner);
      }
    }
  }
  const shape = options.keepdims
    ? a.shape.map((d, i) => (i === axis ? 1 : d))
    : a.shape.filter((_, i) => i !== axis);
  // Pooling's maxima and their positions are new arrays nothing else holds (see kernels/unshared.ts).
  // (The maxima are written channels first: see kernels/pool.ts.)
  return pooled ? unsharedArray(pooled.values, shape, pooled) : new NDArray(out, shape);
}

/**
 * The sum over the rows of an array standing on planes moved last (the convolution's dout as
 * `[N·OH·OW, FN]`, whose row sums are db), read from the planes (kernels/planes.ts) without making
 * the array; false when `a` is not such an array (or its rows are not `inner` wide).
 */
function sumOfPlanes(a: NDArray, inner: number, out: TypedArray): boolean {
  const rows = lazyRowsOf(a);
  const planes = rows && planesSourceOf(rows);
  return planes !== undefined && planes.planes === inner && sumPlanesWasm(planes, out);
}

const sumReducer: Reducer = (d, start, count, stride) => {
  let s = 0;
  for (let k = 0, j = start; k < count; k++, j += stride) s += d[j]!;
  return s;
};

const maxReducer: Reducer = (d, start, count, stride) => {
  let m = Number.NEGATIVE_INFINITY;
  for (let k = 0, j = start; k < count; k++, j += stride) {
    const v = d[j]!;
    if (v > m || Number.isNaN(v)) m = v;
    if (Number.isNaN(m)) break;
  }
  return m;
};

const minReducer: Reducer = (d, start, count, stride) => {
  let m = Number.POSITIVE_INFINITY;
  for (let k = 0, j = start; k < count; k++, j += stride) {
    const v = d[j]!;
    if (v < m || Number.isNaN(v)) m = v;
    if (Number.isNaN(m)) break;
  }
  return m;
};

const argReducer =
  (better: (v: number, best: number) => boolean): Reducer =>
  (d, start, count, stride) => {
    let best = d[start]!;
    let at = 0;
    for (let k = 1, j = start + stride; k < count; k++, j += stride) {
      const v = d[j]!;
      if (better(v, best)) {
        best = v;
        at = k;
      }
    }
    return at;
  };

/**
 * Sum of the elements, in total or along an axis (`np.sum`).
 *
 * @param a - the input
 * @returns the sum of every element, as a number
 * @example
 * ```ts
 * import { array, sum } from '@dl/linalg';
 * const a = array([[1, 2], [3, 4]]);
 * sum(a); // 10
 * sum(a, { axis: 0 }).toArray(); // [4, 6]  (db = Σ dout over the batch)
 * ```
 */
export function sum(a: NDArray): number;
/**
 * Sum along an axis (`np.sum(a, axis=…, keepdims=…)`).
 *
 * @param a - the input
 * @param options - `{ axis, keepdims }`: the axis to sum over, and whether to keep it with size 1
 * @returns the sums, with the axis removed (or kept with size 1)
 * @throws RangeError when the axis is out of range
 */
export function sum(a: NDArray, options: ReduceOptions): NDArray;
export function sum(a: NDArray, options?: ReduceOptions): number | NDArray {
  const r = reduce('sum', a, options ?? {}, sumReducer);
  return options ? r : r.data[0]!;
}

/**
 * Arithmetic mean, in total or along an axis (`np.mean`): m = (1/N)·Σ xᵢ.
 *
 * @example
 * ```ts
 * import { array, mean } from '@dl/linalg';
 * mean(array([1, 2, 3, 4])); // 2.5
 * ```
 */
export function mean(a: NDArray): number;
export function mean(a: NDArray, options: ReduceOptions): NDArray;
export function mean(a: NDArray, options?: ReduceOptions): number | NDArray {
  const n =
    options?.axis === undefined ? a.size : a.shape[normalizeAxis('mean', options.axis, a.ndim)]!;
  const r = reduce('mean', a, options ?? {}, (d, s, c, st) => sumReducer(d, s, c, st) / n);
  return options ? r : r.data[0]!;
}

/**
 * Largest element, in total or along an axis (`np.max`). NaN wins, as in numpy.
 *
 * @throws ShapeError when the array (or the axis) is empty
 * @example
 * ```ts
 * import { array, max } from '@dl/linalg';
 * max(array([[1, 5], [3, 2]]), { axis: 1 }).toArray(); // [5, 3]
 * ```
 */
export function max(a: NDArray): number;
export function max(a: NDArray, options: ReduceOptions): NDArray;
export function max(a: NDArray, options?: ReduceOptions): number | NDArray {
  const r = reduce('max', a, options ?? {}, maxReducer);
  return options ? r : r.data[0]!;
}

/**
 * Smallest element, in total or along an axis (`np.min`).
 *
 * @throws ShapeError when the array (or the axis) is empty
 * @example
 * ```ts
 * import { array, min } from '@dl/linalg';
 * min(array([4, -1, 2])); // -1
 * ```
 */
export function min(a: NDArray): number;
export function min(a: NDArray, options: ReduceOptions): NDArray;
export function min(a: NDArray, options?: ReduceOptions): number | NDArray {
  const r = reduce('min', a, options ?? {}, minReducer);
  return options ? r : r.data[0]!;
}

/**
 * Index of the largest element (`np.argmax`): a flat index without an axis, otherwise an array
 * of indices along the axis. Ties go to the first. The network's prediction is `argmax(y, {axis: 1})`.
 *
 * @throws ShapeError when the array (or the axis) is empty
 * @example
 * ```ts
 * import { argmax, array } from '@dl/linalg';
 * argmax(array([0.1, 0.7, 0.2])); // 1
 * argmax(array([[0, 1], [1, 0]]), { axis: 1 }).toArray(); // [1, 0]
 * ```
 */
export function argmax(a: NDArray): number;
export function argmax(a: NDArray, options: ReduceOptions): NDArray;
export function argmax(a: NDArray, options?: ReduceOptions): number | NDArray {
  const r = reduce(
    'argmax',
    a,
    options ?? {},
    argReducer((v, b) => v > b || (Number.isNaN(v) && !Number.isNaN(b))),
  );
  return options ? r : r.data[0]!;
}

/**
 * Index of the smallest element (`np.argmin`), like {@link argmax}.
 *
 * @throws ShapeError when the array (or the axis) is empty
 * @example
 * ```ts
 * import { argmin, array } from '@dl/linalg';
 * argmin(array([3, 1, 2])); // 1
 * ```
 */
export function argmin(a: NDArray): number;
export function argmin(a: NDArray, options: ReduceOptions): NDArray;
export function argmin(a: NDArray, options?: ReduceOptions): number | NDArray {
  const r = reduce(
    'argmin',
    a,
    options ?? {},
    argReducer((v, b) => v < b || (Number.isNaN(v) && !Number.isNaN(b))),
  );
  return options ? r : r.data[0]!;
}

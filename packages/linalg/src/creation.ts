import { allocate, type DType, dtypeOf, type TypedArray } from './dtype.js';
import { NDArray, type NestedArray } from './ndarray.js';
import { checkShape } from './shape.js';
import { formatShape, ShapeError } from './shape-error.js';

/** Options shared by the functions that create arrays. */
export interface CreateOptions {
  /** Element type; `float64` unless given. */
  dtype?: DType;
}

/** Options of {@link array}. */
export interface ArrayOptions extends CreateOptions {
  /** The shape to give the elements; inferred from the nesting unless given. */
  shape?: readonly number[];
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0]!;
  }
  return shape;
}

function flattenInto(
  values: NestedArray,
  shape: readonly number[],
  depth: number,
  path: number[],
  out: TypedArray,
  pos: { i: number },
): void {
  if (depth === shape.length) {
    if (typeof values !== 'number') {
      throw new ShapeError(
        `array: ragged nested sequence; expected a number at index ${formatShape(path)}, got ${Array.isArray(values) ? 'an array' : typeof values}`,
      );
    }
    out[pos.i++] = values;
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[depth]) {
    const got = Array.isArray(values) ? `length ${values.length}` : typeof values;
    throw new ShapeError(
      `array: ragged nested sequence; expected length ${shape[depth]} at index ${formatShape(path)} (shape ${formatShape(shape)}), got ${got}`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    flattenInto(values[i]!, shape, depth + 1, [...path, i], out, pos);
  }
}

/**
 * Creates an array from nested JavaScript arrays (like `np.array`) or from a flat typed array.
 *
 * @param values - nested arrays of numbers, a flat list of numbers, or a typed array
 * @param options - a shape (as an array) or `{ shape, dtype }`
 * @returns a new array; the input is copied
 * @throws ShapeError when the nesting is ragged or the shape does not fit the element count
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * const A = array([[1, 1], [2, 3]]); // the lecture's 2×2 fruit-price matrix
 * A.shape; // [2, 2]
 * array(new Float64Array([1, 2, 3, 4]), [2, 2]).get(1, 0); // 3
 * ```
 */
export function array(
  values: NestedArray | TypedArray,
  options: readonly number[] | ArrayOptions = {},
): NDArray {
  const opts: ArrayOptions = Array.isArray(options)
    ? { shape: options as readonly number[] }
    : (options as ArrayOptions);
  if (values instanceof Float64Array || values instanceof Float32Array) {
    const dtype = opts.dtype ?? dtypeOf(values);
    const data = allocate(dtype, values.length);
    data.set(values);
    return new NDArray(data, opts.shape ?? [values.length]);
  }
  const nestedShape = inferShape(values);
  const size = checkShape('array', nestedShape);
  const data = allocate(opts.dtype ?? 'float64', size);
  flattenInto(values, nestedShape, 0, [], data, { i: 0 });
  return new NDArray(data, opts.shape ?? nestedShape);
}

/**
 * An array of zeros.
 *
 * @param shape - the dimensions (a number for one dimension)
 * @example
 * ```ts
 * import { zeros } from '@dl/linalg';
 * zeros([2, 3]).size; // 6
 * ```
 */
export function zeros(shape: number | readonly number[], options: CreateOptions = {}): NDArray {
  return full(shape, 0, options);
}

/**
 * An array of ones.
 *
 * @param shape - the dimensions (a number for one dimension)
 * @example
 * ```ts
 * import { ones } from '@dl/linalg';
 * ones(3).toArray(); // [1, 1, 1]
 * ```
 */
export function ones(shape: number | readonly number[], options: CreateOptions = {}): NDArray {
  return full(shape, 1, options);
}

/**
 * An array with every element set to `value`.
 *
 * @param shape - the dimensions (a number for one dimension)
 * @param value - the fill value
 * @throws RangeError when a dimension is negative or fractional
 * @example
 * ```ts
 * import { full } from '@dl/linalg';
 * full([2], 7).toArray(); // [7, 7]
 * ```
 */
export function full(
  shape: number | readonly number[],
  value: number,
  options: CreateOptions = {},
): NDArray {
  const dims = typeof shape === 'number' ? [shape] : shape;
  const size = checkShape('full', dims);
  const data = allocate(options.dtype ?? 'float64', size);
  if (value !== 0) data.fill(value);
  return new NDArray(data, dims);
}

/**
 * An array of zeros with the shape and element type of another.
 *
 * @param a - the array whose shape and dtype to copy
 * @example
 * ```ts
 * import { ones, zerosLike } from '@dl/linalg';
 * zerosLike(ones([2, 2])).toArray(); // [[0, 0], [0, 0]]
 * ```
 */
export function zerosLike(a: NDArray): NDArray {
  return zeros(a.shape, { dtype: a.dtype });
}

/**
 * The identity matrix: ones on the diagonal, zeros elsewhere.
 *
 * @param n - number of rows and columns
 * @example
 * ```ts
 * import { eye } from '@dl/linalg';
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 * ```
 */
export function eye(n: number, options: CreateOptions = {}): NDArray {
  const I = zeros([n, n], options);
  for (let i = 0; i < n; i++) I.data[i * n + i] = 1;
  return I;
}

/**
 * Evenly spaced values in `[start, stop)`, like `np.arange`. With one argument it counts from 0.
 *
 * @param start - first value (or the stop, when it is the only argument)
 * @param stop - the end, not included
 * @param step - the spacing; must not be 0
 * @throws RangeError when `step` is 0 or a bound is not finite
 * @example
 * ```ts
 * import { arange } from '@dl/linalg';
 * arange(4).toArray(); // [0, 1, 2, 3]
 * arange(0, 1, 0.25).toArray(); // [0, 0.25, 0.5, 0.75]
 * ```
 */
export function arange(
  start: number,
  stop?: number,
  step = 1,
  options: CreateOptions = {},
): NDArray {
  const [lo, hi] = stop === undefined ? [0, start] : [start, stop];
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !Number.isFinite(step) || step === 0) {
    throw new RangeError(
      `arange: invalid range; expected finite start/stop and a non-zero step, got start=${lo}, stop=${hi}, step=${step}`,
    );
  }
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const data = allocate(options.dtype ?? 'float64', n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return new NDArray(data, [n]);
}

/**
 * `num` evenly spaced values from `start` to `stop`, both included, like `np.linspace`.
 *
 * @param start - first value
 * @param stop - last value
 * @param num - how many values (default 50)
 * @throws RangeError when `num` is negative or not an integer
 * @example
 * ```ts
 * import { linspace } from '@dl/linalg';
 * linspace(0, 1, 5).toArray(); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(
  start: number,
  stop: number,
  num = 50,
  options: CreateOptions = {},
): NDArray {
  if (!Number.isInteger(num) || num < 0) {
    throw new RangeError(
      `linspace: invalid count; expected a non-negative integer num, got ${num}`,
    );
  }
  const data = allocate(options.dtype ?? 'float64', num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (num > 1) data[num - 1] = stop;
  return new NDArray(data, [num]);
}

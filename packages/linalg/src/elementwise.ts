import { type ArrayLike, broadcastBinary } from './broadcast.js';
import { allocate } from './dtype.js';
import { binaryFast } from './kernels/binary-fast.js';
import { unaryFast } from './kernels/unary-fast.js';
import { NDArray } from './ndarray.js';
import { sameShape } from './shape.js';
import { formatShape, ShapeError } from './shape-error.js';

/**
 * `a + b` element by element, with numpy broadcasting.
 *
 * @param a - first operand (an array or a number)
 * @param b - second operand (an array or a number)
 * @param out - optional array to write the result into
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { add, array } from '@dl/linalg';
 * add(array([[1, 2], [3, 4]]), array([10, 20])).toArray(); // [[11, 22], [13, 24]]
 * ```
 */
export function add(a: ArrayLike, b: ArrayLike, out?: NDArray): NDArray {
  return binaryFast('add', a, b, out) ?? broadcastBinary('add', a, b, (x, y) => x + y, out);
}

/**
 * `a - b` element by element, with numpy broadcasting.
 *
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { array, sub } from '@dl/linalg';
 * sub(array([5, 7]), 2).toArray(); // [3, 5]
 * ```
 */
export function sub(a: ArrayLike, b: ArrayLike, out?: NDArray): NDArray {
  return binaryFast('sub', a, b, out) ?? broadcastBinary('sub', a, b, (x, y) => x - y, out);
}

/**
 * `a * b` element by element (not the matrix product: that is {@link dot}), with broadcasting.
 *
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { array, mul } from '@dl/linalg';
 * mul(array([1, 2, 3]), 0.01).toArray(); // [0.01, 0.02, 0.03]
 * ```
 */
export function mul(a: ArrayLike, b: ArrayLike, out?: NDArray): NDArray {
  return binaryFast('mul', a, b, out) ?? broadcastBinary('mul', a, b, (x, y) => x * y, out);
}

/**
 * `a / b` element by element, with broadcasting.
 *
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { array, div } from '@dl/linalg';
 * div(array([1, 3]), array([2, 4])).toArray(); // [0.5, 0.75]
 * ```
 */
export function div(a: ArrayLike, b: ArrayLike, out?: NDArray): NDArray {
  return binaryFast('div', a, b, out) ?? broadcastBinary('div', a, b, (x, y) => x / y, out);
}

/**
 * `a ** b` element by element, with broadcasting.
 *
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { array, pow } from '@dl/linalg';
 * pow(array([1, 2, 3]), 2).toArray(); // [1, 4, 9]
 * ```
 */
export function pow(a: ArrayLike, b: ArrayLike, out?: NDArray): NDArray {
  return broadcastBinary('pow', a, b, (x, y) => x ** y, out);
}

/**
 * The larger of `a` and `b` element by element (numpy's `maximum`; `maximum(0, x)` is ReLU).
 *
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { array, maximum } from '@dl/linalg';
 * maximum(0, array([-1, 2])).toArray(); // [0, 2]
 * ```
 */
export function maximum(a: ArrayLike, b: ArrayLike, out?: NDArray): NDArray {
  return broadcastBinary('maximum', a, b, (x, y) => (x > y || Number.isNaN(x) ? x : y), out);
}

/**
 * The smaller of `a` and `b` element by element.
 *
 * @throws ShapeError when the shapes do not broadcast
 * @example
 * ```ts
 * import { array, minimum } from '@dl/linalg';
 * minimum(array([1, 5]), 3).toArray(); // [1, 3]
 * ```
 */
export function minimum(a: ArrayLike, b: ArrayLike, out?: NDArray): NDArray {
  return broadcastBinary('minimum', a, b, (x, y) => (x < y || Number.isNaN(x) ? x : y), out);
}

/**
 * Applies a function to every element, returning a new array of the same shape and dtype.
 *
 * @param a - the input
 * @param f - called with each element and its flat index
 * @param out - optional array of the same shape to write into
 * @throws ShapeError when `out` has a different shape
 * @example
 * ```ts
 * import { array, map } from '@dl/linalg';
 * map(array([1, -2]), (x) => x * x).toArray(); // [1, 4]
 * ```
 */
export function map(a: NDArray, f: (x: number, i: number) => number, out?: NDArray): NDArray {
  if (out && !sameShape(out.shape, a.shape)) {
    throw new ShapeError(
      `map: out has the wrong shape; expected ${formatShape(a.shape)}, got ${formatShape(out.shape)}`,
    );
  }
  const result = out ?? new NDArray(allocate(a.dtype, a.size), a.shape);
  const x = a.data;
  const r = result.data;
  for (let i = 0; i < x.length; i++) r[i] = f(x[i]!, i);
  return result;
}

/**
 * eˣ element by element.
 *
 * @example
 * ```ts
 * import { array, exp } from '@dl/linalg';
 * exp(array([0, 1])).toArray(); // [1, 2.718281828459045]
 * ```
 */
export function exp(a: NDArray, out?: NDArray): NDArray {
  return unaryFast('exp', a, out) ?? map(a, Math.exp, out);
}

/**
 * Natural logarithm element by element (`log(0)` is `-Infinity`, as in numpy).
 *
 * @example
 * ```ts
 * import { array, log } from '@dl/linalg';
 * log(array([1, Math.E])).toArray(); // [0, 1]
 * ```
 */
export function log(a: NDArray, out?: NDArray): NDArray {
  return unaryFast('log', a, out) ?? map(a, Math.log, out);
}

/**
 * Square root element by element.
 *
 * @example
 * ```ts
 * import { array, sqrt } from '@dl/linalg';
 * sqrt(array([4, 9])).toArray(); // [2, 3]
 * ```
 */
export function sqrt(a: NDArray, out?: NDArray): NDArray {
  return unaryFast('sqrt', a, out) ?? map(a, Math.sqrt, out);
}

/**
 * Absolute value element by element.
 *
 * @example
 * ```ts
 * import { abs, array } from '@dl/linalg';
 * abs(array([-1, 2])).toArray(); // [1, 2]
 * ```
 */
export function abs(a: NDArray, out?: NDArray): NDArray {
  return unaryFast('abs', a, out) ?? map(a, Math.abs, out);
}

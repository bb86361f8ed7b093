/** The element types an {@link NDArray} can hold. `float64` is the default. */
export type DType = 'float64' | 'float32';

/** The typed arrays behind an {@link NDArray}. */
export type TypedArray = Float64Array | Float32Array;

/**
 * Allocates a zero-filled typed array of the given element type.
 *
 * @param dtype - `float64` or `float32`
 * @param length - number of elements
 * @returns a new `Float64Array` or `Float32Array`
 * @throws RangeError when the array is larger than the JavaScript engine allows or than memory
 *   holds, with its size in elements and GiB
 * @example
 * ```ts
 * import { allocate } from '@dl/linalg';
 * allocate('float32', 3); // Float32Array [0, 0, 0]
 * ```
 */
export function allocate(dtype: DType, length: number): TypedArray {
  try {
    return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    // The engine's own words ("Invalid typed array length: 1000000000000", "Array buffer
    // allocation failed") say neither what was being made nor how big that is.
    const gib = (length * (dtype === 'float32' ? 4 : 8)) / 2 ** 30;
    throw new RangeError(
      `allocate: array too large; expected an array that fits in memory and under the engine's typed array limit, got ${length} ${dtype} elements (${gib.toFixed(1)} GiB): ${error.message}`,
    );
  }
}

/**
 * The element type of a typed array.
 *
 * @param data - a `Float64Array` or `Float32Array`
 * @returns its {@link DType}
 * @example
 * ```ts
 * import { dtypeOf } from '@dl/linalg';
 * dtypeOf(new Float32Array(2)); // 'float32'
 * ```
 */
export function dtypeOf(data: TypedArray): DType {
  return data instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * The element type of the result of combining two element types, as numpy promotes them:
 * `float32` only when both are `float32`.
 *
 * @param a - first element type
 * @param b - second element type
 * @returns the promoted element type
 * @example
 * ```ts
 * import { promoteTypes } from '@dl/linalg';
 * promoteTypes('float32', 'float64'); // 'float64'
 * ```
 */
export function promoteTypes(a: DType, b: DType): DType {
  return a === 'float32' && b === 'float32' ? 'float32' : 'float64';
}

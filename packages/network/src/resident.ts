// Internal: parameters in resident memory. Not exported from the package.
import { allocateResident, NDArray } from '@dl/linalg';

/**
 * A copy of `a` whose elements live in the WebAssembly memory when it can be shared (an ordinary
 * copy otherwise): the training step's kernels then read and update it in place.
 *
 * @param a - the initial values
 * @returns an array of a's shape, dtype and values
 */
export function resident(a: NDArray): NDArray {
  const data = allocateResident(a.dtype, a.size);
  data.set(a.data);
  return new NDArray(data, a.shape);
}

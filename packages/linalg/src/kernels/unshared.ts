import { NDArray } from '../ndarray.js';
import { getBackend } from './backend.js';
import { compressDense, SparseRows, type UnsharedSource } from './sparse-rows.js';

// A new array written by a kernel is, until someone reads its `data`, held by nothing else. The
// layers hand the ReLU's output to im2col (pooling, the next convolution), its backward's and
// Affine's dx to the transpose that moves channels last, and pooling's argmax to scatterRows; each
// keeps a copy of its operand to stand on, so that later writes to it do not reach them. Kept back
// (see UnsharedSource), the elements need no such copy: whoever stands on them says so (`taken`),
// and from then on whoever reads `data` gets a copy instead, once. Read before anything stands on
// them, they are the array's elements, as any other array's.

/** From this many elements on (the sizes im2col and the transpose keep for later), kept back. */
const UNSHARED_MIN_ELEMENTS = 65_536;

/**
 * An array of `shape` on elements just written into a new typed array that nothing else holds:
 * kept back until read when large and on the WebAssembly backend, an ordinary array otherwise.
 *
 * @param x - the elements, not to be written or handed out after this call
 * @param shape - the array's shape
 */
export function unsharedArray(x: Float64Array | Float32Array, shape: readonly number[]): NDArray {
  if (x.length < UNSHARED_MIN_ELEMENTS || getBackend() !== 'wasm') return new NDArray(x, shape);
  const source: UnsharedSource = {
    kind: 'unshared',
    x,
    taken: false,
    dense: () => (source.taken ? x.slice() : x),
    arrays: () => compressDense(x, 1, x.length),
  };
  return new NDArray(SparseRows.fromUnshared(source), shape);
}

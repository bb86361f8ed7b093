import { NDArray } from '../ndarray.js';
import { getBackend } from './backend.js';
import { compressDense, type MovedSource, SparseRows, type UnsharedSource } from './sparse-rows.js';
import { transposeBatches } from './transpose.js';

// A new array written by a kernel is, until someone reads its `data`, held by nothing else. The
// layers hand the ReLU's output to im2col (pooling, the next convolution), its backward's and
// Affine's dx to the transpose that moves channels last, and pooling's argmax to scatterRows; each
// keeps a copy of its operand to stand on, so that later writes to it do not reach them. Kept back
// (see UnsharedSource), the elements need no such copy: whoever stands on them says so (`taken`),
// and from then on whoever reads `data` gets a copy instead, once. Read before anything stands on
// them, they are the array's elements, as any other array's.

/** From this many elements on (the sizes im2col and the transpose keep for later), kept back. */
const UNSHARED_MIN_ELEMENTS = 65_536;

/** How a kernel wrote an array's elements moved: `batches` matrices `rows × cols`, each transposed. */
export interface Moved {
  readonly batches: number;
  readonly rows: number;
  readonly cols: number;
}

/**
 * An array of `shape` on elements just written into a new typed array that nothing else holds:
 * kept back until read when large and on the WebAssembly backend, an ordinary array otherwise.
 *
 * @param x - the elements, not to be written or handed out after this call
 * @param shape - the array's shape
 * @param options - `moved` when the kernel wrote x with its matrices transposed (see
 * {@link movedArray}); `below` when every element of x is a whole number below it (positions)
 */
export function unsharedArray(
  x: Float64Array | Float32Array,
  shape: readonly number[],
  { moved, below }: { moved?: Moved; below?: number } = {},
): NDArray {
  if (moved) return movedArray(x, shape, moved);
  if (x.length < UNSHARED_MIN_ELEMENTS || getBackend() !== 'wasm') return new NDArray(x, shape);
  const source: UnsharedSource = {
    kind: 'unshared',
    x,
    taken: false,
    below,
    dense: () => (source.taken ? x.slice() : x),
    arrays: () => compressDense(x, 1, x.length),
  };
  return new NDArray(SparseRows.fromUnshared(source), shape);
}

/**
 * An array of `shape` whose elements were written with each of its matrices transposed (a
 * pooling's maxima, channels first): the transpose that moves them so is a copy of `x` (see
 * MovedSource), and the elements themselves are moved back only when read.
 *
 * @param x - the elements, `moved.batches` matrices `moved.cols × moved.rows`; not to be written
 * or handed out after this call
 * @param shape - the array's shape (`batches · rows · cols` elements)
 * @param moved - the matrices
 */
function movedArray(
  x: Float64Array | Float32Array,
  shape: readonly number[],
  { batches, rows, cols }: Moved,
): NDArray {
  const back = () => {
    const out = x instanceof Float32Array ? new Float32Array(x.length) : new Float64Array(x.length);
    transposeBatches(x, out, batches, cols, rows);
    return out;
  };
  if (getBackend() !== 'wasm') return new NDArray(back(), shape);
  const source: MovedSource = {
    kind: 'moved',
    x,
    batches,
    rows,
    cols,
    dense: back,
    arrays: () => compressDense(back(), 1, x.length),
  };
  return new NDArray(SparseRows.fromMoved(source), shape);
}

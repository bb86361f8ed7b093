import { allocate, type TypedArray } from '../dtype.js';
import { lazyRowsOf, NDArray } from '../ndarray.js';
import { formatShape, ShapeError } from '../shape-error.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { zeroMaskedLater } from './pool.js';
import { reluOfProduct } from './product-later.js';
import { copyOut, type Parked, park, parkHolds, scratchAddress } from './scratch.js';
import {
  compressDense,
  type ParkedSource,
  type ProductSource,
  pooledSourceOf,
  productSourceOf,
  SparseRows,
} from './sparse-rows.js';
import { reluMaskParallel, zeroMaskedParallel } from './threads.js';
import { unsharedArray } from './unshared.js';
import { type WasmKernels, wasmKernels } from './wasm-kernels.js';

/**
 * From this many elements on, the WebAssembly loops (copies in and out included) beat the plain
 * ones, whose branch on the sign is mispredicted about half the time: for a 100 × 50 hidden layer
 * about 4 µs against 20 µs per call on Node 20.
 */
const WASM_MIN_LENGTH = 1024;

/**
 * The readable definition of {@link reluWithMask}: `mask[i] = x[i] ≤ 0`, `out[i] = mask[i] ? 0 : x[i]`.
 *
 * @param x - the input elements
 * @param out - as many elements, written
 * @param mask - as many bytes, written (1 where the input was ≤ 0)
 */
export function reluWithMaskReference(x: TypedArray, out: TypedArray, mask: Uint8Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    const off = v <= 0;
    out[i] = off ? 0 : v; // NaN is not ≤ 0: it passes through, as in numpy
    mask[i] = off ? 1 : 0;
  }
}

/**
 * The readable definition of {@link zeroMasked}: `dx[i] = mask[i] ? 0 : dout[i]`.
 *
 * @param dout - the incoming gradient's elements
 * @param mask - as many bytes, the forward pass's mask
 * @param dx - as many elements, written
 */
export function zeroMaskedReference(dout: TypedArray, mask: Uint8Array, dx: TypedArray): void {
  for (let i = 0; i < dout.length; i++) dx[i] = mask[i] !== 0 ? 0 : dout[i]!;
}

/**
 * The ReLU layer's forward pass with the mask it keeps for the backward pass (the lecture's
 * `self.mask = (x <= 0); out = x.copy(); out[self.mask] = 0`): a new array with the elements ≤ 0
 * set to 0, and `mask[i]` set to 1 where that happened, 0 elsewhere. NaN is kept, as in numpy.
 * Large float arrays go through a branch-free WebAssembly loop (backend `'wasm'`), the same
 * numbers as the plain loop `reluWithMaskReference`.
 *
 * @param x - the input
 * @param mask - `x.size` bytes, overwritten with the mask
 * @returns a new array of x's shape and dtype
 * @throws ShapeError when `mask` does not have `x.size` bytes
 * @example
 * ```ts
 * import { array, reluWithMask } from '@dl/linalg';
 * const mask = new Uint8Array(3);
 * reluWithMask(array([-1, 0, 2]), mask).toArray(); // [0, 0, 2]
 * Array.from(mask); // [1, 1, 0]
 * ```
 */
export function reluWithMask(x: NDArray, mask: Uint8Array): NDArray {
  checkMask('reluWithMask', x, mask);
  const n = x.size;
  // The convolution's product not yet made is made, transposed and cut where the kernels run,
  // and the output left there, in the park, for a pooling to read next.
  const lazy = lazyRowsOf(x);
  const product = lazy && productSourceOf(lazy);
  if (product) {
    const w = getBackend() === 'wasm' ? wasmKernels() : null;
    const into = w ? park(w, n * (x.dtype === 'float32' ? 4 : 8)) : undefined;
    const made = reluOfProduct(product, mask, into);
    if (made && !ArrayBuffer.isView(made)) {
      return new NDArray(SparseRows.fromParked(parkedSource(product, made)), x.shape);
    }
    if (made) return unsharedArray(made, x.shape);
  }
  const out = allocate(x.dtype, n);
  const src = x.data;
  const w = wasmFor(n);
  if (w) {
    const size = src instanceof Float32Array ? 4 : 8;
    const outAt = align16(n * size);
    const maskAt = align16(outAt + n * size);
    const at = scratchAddress(w, maskAt + n);
    if (at !== undefined) {
      const buf = w.memory.buffer;
      const View = size === 4 ? Float32Array : Float64Array;
      new View(buf, at, n).set(src);
      reluMaskParallel(w, size === 4, n, at, at + outAt, at + maskAt);
      out.set(new View(buf, at + outAt, n));
      mask.set(new Uint8Array(buf, at + maskAt, n));
      return unsharedArray(out, x.shape);
    }
  }
  reluWithMaskReference(src, out, mask);
  return unsharedArray(out, x.shape);
}

/**
 * The ReLU layer's backward pass (the lecture's `dout[self.mask] = 0; dx = dout`, into a new array
 * rather than in place): `dout` with the elements where `mask` is nonzero set to 0. Large float
 * arrays go through a branch-free WebAssembly loop (backend `'wasm'`).
 *
 * @param dout - the gradient flowing back
 * @param mask - `dout.size` bytes, from {@link reluWithMask}
 * @returns a new array of dout's shape and dtype
 * @throws ShapeError when `mask` does not have `dout.size` bytes
 * @example
 * ```ts
 * import { array, zeroMasked } from '@dl/linalg';
 * zeroMasked(array([5, 6, 7]), new Uint8Array([1, 0, 1])).toArray(); // [0, 6, 0]
 * ```
 */
export function zeroMasked(dout: NDArray, mask: Uint8Array): NDArray {
  checkMask('zeroMasked', dout, mask);
  const n = dout.size;
  // Of a pooling layer's dx not yet made, not made either: added up and zeroed where it is read.
  const lazy = lazyRowsOf(dout);
  const pooled = lazy && pooledSourceOf(lazy);
  const later = pooled && zeroMaskedLater(pooled, mask);
  if (later) return new NDArray(later, dout.shape);
  const dx = allocate(dout.dtype, n);
  const src = dout.data;
  const w = wasmFor(n);
  if (w) {
    const size = src instanceof Float32Array ? 4 : 8;
    const maskAt = align16(n * size);
    const dxAt = align16(maskAt + n);
    const at = scratchAddress(w, dxAt + n * size);
    if (at !== undefined) {
      const buf = w.memory.buffer;
      const View = size === 4 ? Float32Array : Float64Array;
      new View(buf, at, n).set(src);
      new Uint8Array(buf, at + maskAt, n).set(mask.subarray(0, n));
      zeroMaskedParallel(w, size === 4, n, at, at + maskAt, at + dxAt);
      dx.set(new View(buf, at + dxAt, n));
      return unsharedArray(dx, dout.shape);
    }
  }
  zeroMaskedReference(src, mask, dx);
  return unsharedArray(dx, dout.shape);
}

/**
 * The ReLU's output of `product` left in the park at `parked`: copied out while it is there, made
 * again from the product (a mask thrown away) when it is not.
 */
function parkedSource(product: ProductSource, parked: Parked): ParkedSource {
  const source: ParkedSource = {
    kind: 'parked',
    product,
    parked,
    dense: () => {
      const { m, n } = product.shape;
      const f32 = product.b instanceof Float32Array;
      const w = wasmKernels();
      if (w && parkHolds(w, parked)) return copyOut(w, f32, parked.at, m * n);
      const mask = new Uint8Array(m * n);
      const again = reluOfProduct(product, mask);
      if (again && ArrayBuffer.isView(again)) return again;
      const out = f32 ? new Float32Array(m * n) : new Float64Array(m * n);
      reluWithMaskReference(product.dense(), out, mask);
      return out;
    },
    arrays: () =>
      compressDense(
        source.dense() as Float64Array | Float32Array,
        1,
        product.shape.m * product.shape.n,
      ),
  };
  return source;
}

function wasmFor(n: number): WasmKernels | null {
  return n >= WASM_MIN_LENGTH && getBackend() === 'wasm' ? wasmKernels() : null;
}

function checkMask(op: string, a: NDArray, mask: Uint8Array): void {
  if (!(mask instanceof Uint8Array) || mask.length !== a.size) {
    throw new ShapeError(
      `${op}: mask does not fit; expected a Uint8Array of ${a.size} bytes for shape ${formatShape(a.shape)}, got ${mask instanceof Uint8Array ? `${mask.length} bytes` : String(mask)}`,
    );
  }
}

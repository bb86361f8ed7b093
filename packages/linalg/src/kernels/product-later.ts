import type { TypedArray } from '../dtype.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { gemm, gemmUnfolded } from './gemm.js';
import type { GemmShape } from './gemm-reference.js';
import type { ProductFinish } from './gemm-wasm.js';
import { copyOut, type Parked, parkHolds } from './scratch.js';
import { compressDense, type ProductSource, SparseRows, type UnfoldSource } from './sparse-rows.js';
import { reluMaskParallel, transposeBatchesParallel } from './threads.js';
import { transposeBatches } from './transpose.js';
import { type WasmKernels, wasmKernels } from './wasm-kernels.js';

// The convolution's forward, `col · colWᵀ + b` put channels first and through the ReLU, with C
// kept in the kernels' memory from the product to the ReLU. `matmul` of an im2col array and a
// small B returns an array standing on the operands (see ProductSource); the transpose that puts
// the channels first stands on them too; and the ReLU has the WebAssembly product make C, then
// transposes it and cuts it below zero where it lies, and copies out only its result and mask.
// When the product is made image by image from the images (the sparse kernel's way with MNIST
// digits), each image's C is moved and cut as soon as it is made, while it is still in cache
// (ProductFinish.moved), and C as a whole is never written.
// Made one step at a time, C went out to JavaScript, in again and out for the transpose, in again
// and out for the ReLU. Every step is the one it replaces (the same product, a transpose that only
// moves elements, the ReLU's rule lane for lane, applied in the transpose's own pass when the
// channels move), so the numbers are the same bit for bit.

/** Below this many elements of C the product is made at once: the copies saved are few. */
const LATER_MIN_ELEMENTS = 65_536;

/** The largest B (elements) kept for later as a copy: DeepConvNet's filters are 64 × 576. */
const B_COPY_MAX = 65_536;

/**
 * `C = A·op(B) (+ bias)` of im2col's images and a small B, as rows made only when read (see
 * ProductSource), when the WebAssembly kernels can take it; otherwise undefined (the caller
 * multiplies at once).
 *
 * @param s - the sizes and flags (A untransposed, C overwritten)
 * @param a - the images A unfolds
 * @param b - B's elements (copied: the rows stand for the product of B as it is now)
 * @param bias - the row added to every row of C, of C's type (copied)
 * @returns rows of C's `m × n`
 */
export function productLater(
  s: GemmShape,
  a: UnfoldSource,
  b: TypedArray,
  bias: TypedArray | undefined,
): SparseRows | undefined {
  const { m, n, k } = s;
  if (s.transA || s.accumulate || m * n < LATER_MIN_ELEMENTS || k * n > B_COPY_MAX)
    return undefined;
  if (getBackend() !== 'wasm' || !wasmKernels()) return undefined;
  const f32 = a.x instanceof Float32Array;
  if (b instanceof Float32Array !== f32) return undefined;
  if (bias !== undefined && bias instanceof Float32Array !== f32) return undefined;
  const bCopy = b.slice(0, k * n) as Float64Array | Float32Array;
  const biasCopy = bias?.slice(0, n) as Float64Array | Float32Array | undefined;
  return SparseRows.fromProduct(productSource(s, a, bCopy, biasCopy, undefined));
}

function productSource(
  shape: GemmShape,
  a: UnfoldSource,
  b: Float64Array | Float32Array,
  bias: Float64Array | Float32Array | undefined,
  channelsFirst: ProductSource['channelsFirst'],
): ProductSource {
  const source: ProductSource = {
    kind: 'product',
    shape,
    a,
    b,
    bias,
    channelsFirst,
    channelsFirstOf: (batches) =>
      productSource(shape, a, b, bias, { batches, len: shape.m / batches }),
    dense: () => makeDense(source),
    arrays: () => {
      const rows = SparseRows.fromProduct(source);
      return compressDense(source.dense() as Float64Array | Float32Array, rows.rows, rows.cols);
    },
  };
  return source;
}

/** C into `c` the way `matmul` makes it: unfolded where the product runs, else from col's elements. */
function multiply(source: ProductSource, c: TypedArray, finish?: ProductFinish): boolean {
  const { shape, a, b, bias } = source;
  if (gemmUnfolded(shape, a, b, c, bias, finish)) return true;
  if (finish) return false;
  gemm(shape, a.dense(), b, c, bias);
  return true;
}

/** The dense elements: C, or C channels first (transposed where the product made it). */
function makeDense(source: ProductSource): TypedArray {
  const { m, n } = source.shape;
  const f32 = source.b instanceof Float32Array;
  const out = f32 ? new Float32Array(m * n) : new Float64Array(m * n);
  const first = source.channelsFirst;
  if (first === undefined) {
    multiply(source, out);
    return out;
  }
  const size = f32 ? 4 : 8;
  const transposed: ProductFinish = {
    bytes: m * n * size,
    run(w: WasmKernels, c: number, work: number): void {
      transposeBatchesParallel(w, f32, first.batches, first.len, n, c, work);
      out.set(view(w, f32, work, m * n));
    },
    moved: {
      images: first.batches,
      place: (_w, work) => ({ at: work, mask: 0 }),
      done: (w, work) => out.set(view(w, f32, work, m * n)),
    },
  };
  if (multiply(source, out, transposed)) return out;
  const c = f32 ? new Float32Array(m * n) : new Float64Array(m * n);
  multiply(source, c);
  transposeBatches(c, out, first.batches, first.len, n);
  return out;
}

/**
 * The ReLU layer's forward (see reluWithMask) of a product not yet made: C is made, put channels
 * first when the rows say so, and cut below zero in the kernels' memory, and `mask` written from
 * there; the output is left in the park when given its place there (see kernels/scratch.ts),
 * otherwise copied out into a new array.
 *
 * @param source - the product
 * @param mask - `m·n` bytes, written
 * @param into - the output's place in the park, from `park`
 * @returns `into` when the output was left there; otherwise its `m·n` elements, of C's type, in a
 * new array; undefined, with nothing written, when this path cannot be taken (then the caller
 * reads the product's elements)
 */
export function reluOfProduct(
  source: ProductSource,
  mask: Uint8Array,
  into?: Parked,
): Float64Array | Float32Array | Parked | undefined {
  const { m, n } = source.shape;
  const f32 = source.b instanceof Float32Array;
  const len = m * n;
  const maskAt = align16(len * (f32 ? 4 : 8));
  const first = source.channelsFirst;
  let out: Float64Array | Float32Array | Parked | undefined;
  // (Scratch space lies past the park: the product cannot have moved it, but check.)
  const output = (w: WasmKernels, work: number) => {
    const kept = into !== undefined && parkHolds(w, into);
    return { kept, at: kept ? into.at : work };
  };
  const done = (w: WasmKernels, work: number) => {
    const { kept, at } = output(w, work);
    out = kept ? into : copyOut(w, f32, at, len);
    mask.set(new Uint8Array(w.memory.buffer, work + maskAt, len));
  };
  const relu: ProductFinish = {
    bytes: maskAt + len,
    run(w: WasmKernels, c: number, work: number): void {
      const { at } = output(w, work);
      // Moved channels first and through the ReLU in one pass, or only the latter.
      if (first)
        transposeBatchesParallel(w, f32, first.batches, first.len, n, c, at, work + maskAt);
      else reluMaskParallel(w, f32, len, c, at, work + maskAt);
      done(w, work);
    },
    // Or each image's C moved and through the ReLU by the product, as it is made.
    moved: first && {
      images: first.batches,
      place: (w, work) => ({ at: output(w, work).at, mask: work + maskAt }),
      done,
    },
  };
  // C's type: the finish, not C, is written.
  const typed = f32 ? new Float32Array(0) : new Float64Array(0);
  return multiply(source, typed, relu) ? out : undefined;
}

function view(w: WasmKernels, f32: boolean, at: number, len: number): Float64Array | Float32Array {
  return f32
    ? new Float32Array(w.memory.buffer, at, len)
    : new Float64Array(w.memory.buffer, at, len);
}

import type { TypedArray } from '../dtype.js';
import { getBackend } from './backend.js';
import { runOnCopies } from './scratch.js';
import { transposeBatchesParallel } from './threads.js';
import { wasmKernels } from './wasm-kernels.js';

/**
 * From this many elements on, WebAssembly (copies in and out included) beats the loop of
 * {@link transposeBatchesReference}. Measured on Node 20 with the blocked kernel: at 1,024 elements
 * the two are about even (the copies and the call cost as much as the loop saves), at 2,880 the
 * WebAssembly path takes half the time, at 11,520 a third.
 */
const WASM_MIN_ELEMENTS = 2048;

/**
 * The readable definition of {@link transposeBatches}: out[b][j][i] = src[b][i][j], tile by tile
 * so that both the reads and the writes of a tile stay in cache. Also the path of small arrays and
 * of the `'js'` backend.
 *
 * @param src - the `batches · rows · cols` elements
 * @param out - as many elements of the same type, written
 * @param batches - matrices, one after the other
 * @param rows - rows of each source matrix (columns of its transpose)
 * @param cols - columns of each source matrix (rows of its transpose)
 */
export function transposeBatchesReference(
  src: TypedArray,
  out: TypedArray,
  batches: number,
  rows: number,
  cols: number,
): void {
  const T = 32; // tiles for the cache
  for (let b = 0; b < batches; b++) {
    const base = b * rows * cols;
    for (let i0 = 0; i0 < rows; i0 += T) {
      const i1 = Math.min(rows, i0 + T);
      for (let j0 = 0; j0 < cols; j0 += T) {
        const j1 = Math.min(cols, j0 + T);
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) out[base + j * rows + i] = src[base + i * cols + j]!;
        }
      }
    }
  }
}

/**
 * out[b][j][i] = src[b][i][j] for `batches` matrices `rows × cols`: the transposes of
 * `NDArray.transpose` that move one axis past a block of others, such as the convolution layers'
 * `[N, OH·OW, FN]` ↔ `[N, FN, OH·OW]`. Arrays of 2,048 elements or more go to WebAssembly
 * (assembly/transpose.ts: 4 × 4 blocks moved with vector shuffles), the batches shared among the
 * kernel threads; smaller ones, and every array on the `'js'` backend, to
 * {@link transposeBatchesReference}. The elements are only moved, so the result is the same bit
 * for bit either way.
 *
 * @param src - the `batches · rows · cols` elements
 * @param out - as many elements of the same type, written
 * @param batches - matrices, one after the other
 * @param rows - rows of each source matrix (columns of its transpose)
 * @param cols - columns of each source matrix (rows of its transpose)
 */
export function transposeBatches(
  src: TypedArray,
  out: TypedArray,
  batches: number,
  rows: number,
  cols: number,
): void {
  const n = batches * rows * cols;
  if (
    n >= WASM_MIN_ELEMENTS &&
    getBackend() === 'wasm' &&
    transposeWasm(src, out, batches, rows, cols)
  ) {
    return;
  }
  transposeBatchesReference(src, out, batches, rows, cols);
}

/** The WebAssembly path; false, with nothing written, when it cannot be taken. */
function transposeWasm(
  src: TypedArray,
  out: TypedArray,
  batches: number,
  rows: number,
  cols: number,
): boolean {
  const w = wasmKernels();
  if (!w) return false;
  const f32 = src instanceof Float32Array;
  const n = batches * rows * cols;
  return runOnCopies(w, src, n, out, n, (srcAt, outAt) =>
    transposeBatchesParallel(w, f32, batches, rows, cols, srcAt, outAt),
  );
}

import type { TypedArray } from '../dtype.js';
import { getBackend } from './backend.js';
import { runOnCopies } from './scratch.js';
import { transposeBatchesParallel } from './threads.js';
import { wasmKernels } from './wasm-kernels.js';

/** From this many elements on, WebAssembly (copies in and out included) beats the loop below. */
const WASM_MIN_ELEMENTS = 16_384;

/**
 * out[b][j][i] = src[b][i][j] for `batches` matrices `rows × cols`: the transposes of
 * `NDArray.transpose` that move one axis past a block of others, such as the convolution layers'
 * `[N, OH·OW, FN]` ↔ `[N, FN, OH·OW]`. Large arrays go to WebAssembly (assembly/transpose.ts), the
 * batches shared among the kernel threads; the elements are only moved, so the result is the same.
 *
 * @param src - the `batches · rows · cols` elements
 * @param out - as many elements of the same type, written
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

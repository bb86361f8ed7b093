import type { TypedArray } from '../dtype.js';
import { getBackend } from './backend.js';
import { runOnCopies } from './scratch.js';
import { wasmKernels } from './wasm-kernels.js';

/** From this many elements on, WebAssembly (copies in and out included) beats the plain loops. */
const WASM_MIN_ELEMENTS = 4096;

/**
 * `max` or `argmax` along the last axis of a contiguous `rows × size` array, in WebAssembly
 * (assembly/reduce-rows.ts, the same rules and numbers as the loops of reductions.ts).
 *
 * @param op - which reduction
 * @param src - the `rows · size` elements
 * @param out - `rows` elements of the same type, written
 * @returns false, with nothing written, when this path cannot be taken (backend `'js'`, no
 * WebAssembly, a small array, or memory that cannot grow)
 */
export function reduceRowsWasm(
  op: 'max' | 'argmax',
  src: TypedArray,
  rows: number,
  size: number,
  out: TypedArray,
): boolean {
  const n = rows * size;
  if (n < WASM_MIN_ELEMENTS || size === 0 || getBackend() !== 'wasm') return false;
  const w = wasmKernels();
  if (!w) return false;
  const f32 = src instanceof Float32Array;
  const run =
    op === 'max' ? (f32 ? w.maxRows32 : w.maxRows64) : f32 ? w.argmaxRows32 : w.argmaxRows64;
  return runOnCopies(w, src, n, out, rows, (srcAt, outAt) => run(rows, size, srcAt, outAt));
}

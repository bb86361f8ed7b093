import type { TypedArray } from '../dtype.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { scratchAddress } from './scratch.js';
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
  if (f32 !== out instanceof Float32Array) return false;
  const bytes = f32 ? 4 : 8;
  const outAt = align16(n * bytes);
  if (outAt + rows * bytes > 2 ** 30) return false;
  const at = scratchAddress(w, outAt + rows * bytes);
  if (at === undefined) return false;
  const View = f32 ? Float32Array : Float64Array;
  new View(w.memory.buffer, at, n).set(src.subarray(0, n));
  const run =
    op === 'max' ? (f32 ? w.maxRows32 : w.maxRows64) : f32 ? w.argmaxRows32 : w.argmaxRows64;
  run(rows, size, at, at + outAt);
  out.set(new View(w.memory.buffer, at + outAt, rows));
  return true;
}

import type { TypedArray } from '../dtype.js';
import { getBackend } from './backend.js';
import { runOnCopies } from './scratch.js';
import { wasmKernels } from './wasm-kernels.js';

/** From this many elements on, WebAssembly (the copy in included) beats the plain loop. */
const WASM_MIN_ELEMENTS = 4096;

/**
 * The sums of the columns of a contiguous `rows × m` array (`np.sum(a, axis=0)`), in WebAssembly
 * (assembly/sum-columns.ts: each column added from the first row down in doubles, as the loop of
 * reductions.ts adds it, so the same numbers).
 *
 * @param src - the `rows · m` elements
 * @param out - `m` elements of the same type, written
 * @returns false, with nothing written, when this path cannot be taken (backend `'js'`, no
 * WebAssembly, a small array, or memory that cannot grow)
 */
export function sumColumnsWasm(src: TypedArray, rows: number, m: number, out: TypedArray): boolean {
  const n = rows * m;
  if (n < WASM_MIN_ELEMENTS || m === 0 || getBackend() !== 'wasm') return false;
  const w = wasmKernels();
  if (!w) return false;
  const run = src instanceof Float32Array ? w.sumColumns32 : w.sumColumns64;
  // The sums are added in m doubles of work space past the result.
  return runOnCopies(
    w,
    src,
    n,
    out,
    m,
    (srcAt, outAt, accAt) => run(rows, m, srcAt, accAt, outAt),
    m * 8,
  );
}

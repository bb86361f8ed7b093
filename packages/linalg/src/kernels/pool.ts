import type { ConvGeometry } from '../conv-geometry.js';
import type { TypedArray } from '../dtype.js';
import { lazyRowsOf, type NDArray } from '../ndarray.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { scratchAddress } from './scratch.js';
import { scatterSourceOf, unfoldSourceOf } from './sparse-rows.js';
import { col2imScatterParallel, poolMaxParallel } from './threads.js';
import { wasmKernels } from './wasm-kernels.js';

// The pooling layer's `max(col, { axis: 1 })` and `argmax(col, { axis: 1 })` when col is
// `im2col(x, PH, PW, stride, pad).reshape(-1, PH·PW)` not yet made: one window per row. Both are
// computed at once from the images (assembly/pool.ts), so col is never made, and the one not
// asked for is kept with col's images, handed out to the next call for it (the layer asks for
// both, one after the other). The numbers are those of the row loops on col.

/**
 * `max` or `argmax` along the last axis of `a` (`rows × size`) into `out`, when `a` is pooling's
 * unmade col (see above); false, with nothing written, otherwise.
 *
 * @param op - which reduction
 * @param a - the array being reduced, 2-D
 * @param rows - its rows
 * @param size - its columns (the window's PH·PW)
 * @param out - `rows` elements of a's type, written
 */
export function poolRows(
  op: 'max' | 'argmax',
  a: NDArray,
  rows: number,
  size: number,
  out: TypedArray,
): boolean {
  const lazy = lazyRowsOf(a);
  const source = lazy && unfoldSourceOf(lazy);
  if (!source) return false;
  const { g, x } = source;
  if (a.ndim !== 2 || size !== g.fh * g.fw || rows !== g.n * g.oh * g.ow * g.c) return false;
  const kept = source.pooled;
  if (kept?.op === op) {
    source.pooled = undefined; // handed out once: the caller owns the array it was copied into
    out.set(kept.values);
    return true;
  }
  const w = getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w) return false;
  const f32 = x instanceof Float32Array;
  const bytes = f32 ? 4 : 8;
  const xBytes = align16(x.length * bytes);
  const outBytes = align16(rows * bytes);
  const at = scratchAddress(w, xBytes + 2 * outBytes);
  if (at === undefined) return false;
  const View = f32 ? Float32Array : Float64Array;
  new View(w.memory.buffer, at, x.length).set(x);
  poolMaxParallel(w, f32, g, at, at + xBytes, at + xBytes + outBytes);
  const maxima = new View(w.memory.buffer, at + xBytes, rows);
  const indices = new View(w.memory.buffer, at + xBytes + outBytes, rows);
  out.set(op === 'max' ? maxima : indices);
  source.pooled =
    op === 'max'
      ? { op: 'argmax', values: indices.slice() }
      : { op: 'max', values: maxima.slice() };
  return true;
}

/**
 * col2im of pooling's dcol when it is `scatterRows(argMax, dout, PH·PW).reshape(N·OH·OW, C·PH·PW)`
 * not yet made (one value per window, rows in the order (i, oy, ox, ch)): the values are added
 * into `out` where their windows' elements lie (assembly/pool.ts), the dense dcol never made. The
 * numbers are those of col2im on the dense matrix.
 *
 * @param g - the checked geometry of the pooling
 * @param col - the array col2im was given
 * @param out - the images' elements, written
 * @returns false, with nothing written, when col is not such a matrix or WebAssembly cannot run it
 */
export function col2imScatterWasm(g: ConvGeometry, col: NDArray, out: TypedArray): boolean {
  const lazy = lazyRowsOf(col);
  const source = lazy && scatterSourceOf(lazy);
  if (!source || source.cols !== g.fh * g.fw || lazy.rows !== g.n * g.oh * g.ow * g.c) return false;
  if (out instanceof Float32Array !== source.values instanceof Float32Array) return false;
  const w = getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w) return false;
  const { at, values } = source;
  const f32 = values instanceof Float32Array;
  const bytes = f32 ? 4 : 8;
  const rows = values.length;
  const vecBytes = align16(rows * bytes);
  const xElements = g.n * g.c * g.h * g.w;
  const scratch = scratchAddress(w, 2 * vecBytes + xElements * bytes);
  if (scratch === undefined) return false;
  const View = f32 ? Float32Array : Float64Array;
  const buf = w.memory.buffer;
  // The positions in values' own type (argmax gives them so; scatterRows checked they are whole).
  new View(buf, scratch, rows).set(at);
  new View(buf, scratch + vecBytes, rows).set(values);
  col2imScatterParallel(w, f32, g, scratch, scratch + vecBytes, scratch + 2 * vecBytes);
  out.set(new View(w.memory.buffer, scratch + 2 * vecBytes, xElements));
  return true;
}

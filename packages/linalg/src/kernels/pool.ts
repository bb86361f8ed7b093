import type { ConvGeometry } from '../conv-geometry.js';
import { lazyRowsOf, type NDArray } from '../ndarray.js';
import { addUpAt, addUpBytes } from './add-up.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { col2imKernel } from './im2col.js';
import { copyOut, parkHolds, scratchAddress } from './scratch.js';
import {
  compressDense,
  type PooledSource,
  type ScatterSource,
  SparseRows,
  scatterSourceOf,
  unfoldSourceOf,
} from './sparse-rows.js';
import { poolMaxParallel } from './threads.js';
import type { Moved } from './unshared.js';
import { wasmKernels } from './wasm-kernels.js';

// The pooling layer's `max(col, { axis: 1 })` and `argmax(col, { axis: 1 })` when col is
// `im2col(x, PH, PW, stride, pad).reshape(-1, PH·PW)` not yet made: one window per row. Both are
// computed at once from the images (assembly/pool.ts), so col is never made, and the one not
// asked for is kept with col's images, handed out to the next call for it (the layer asks for
// both, one after the other). The numbers are those of the row loops on col.

/**
 * `max` or `argmax` along the last axis of `a` (`rows × size`), when `a` is pooling's unmade col
 * (see above); undefined otherwise.
 *
 * @param op - which reduction
 * @param a - the array being reduced, 2-D
 * @param rows - its rows
 * @param size - its columns (the window's PH·PW)
 * @returns `rows` elements of a's type in a new array, the caller's; the maxima are written
 * channels first, as the planes `[N, C, OH, OW]` that the pooling layer's transpose makes of
 * them (`moved` says so: see unsharedArray); the positions are whole numbers `below` the window's
 * size
 */
export function poolRows(
  op: 'max' | 'argmax',
  a: NDArray,
  rows: number,
  size: number,
): { values: Float64Array | Float32Array; moved?: Moved; below?: number } | undefined {
  const lazy = lazyRowsOf(a);
  const source = lazy && unfoldSourceOf(lazy);
  if (!source) return undefined;
  const { g } = source;
  if (a.ndim !== 2 || size !== g.fh * g.fw || rows !== g.n * g.oh * g.ow * g.c) return undefined;
  const moved: Moved = { batches: g.n, rows: g.oh * g.ow, cols: g.c };
  const kept = source.pooled;
  if (kept?.op === op) {
    source.pooled = undefined; // handed out once: from now on the caller's
    return op === 'max' ? { values: kept.values, moved } : { values: kept.values, below: size };
  }
  const w = getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w) return undefined;
  // Images that are a ReLU's output still in the park are read there; others are copied in.
  const parked = source.parked;
  const inPark = parked !== undefined && parkHolds(w, parked.parked);
  const f32 = inPark ? parked.product.b instanceof Float32Array : source.x instanceof Float32Array;
  const bytes = f32 ? 4 : 8;
  const len = g.n * g.c * g.h * g.w;
  const xBytes = inPark ? 0 : align16(len * bytes);
  const outBytes = align16(rows * bytes);
  const at = scratchAddress(w, xBytes + 2 * outBytes);
  if (at === undefined) return undefined;
  const View = f32 ? Float32Array : Float64Array;
  if (!inPark) new View(w.memory.buffer, at, len).set(source.x);
  const images = inPark ? parked.parked.at : at;
  poolMaxParallel(w, f32, g, images, at + xBytes, at + xBytes + outBytes, true);
  const maxima = copyOut(w, f32, at + xBytes, rows);
  const indices = copyOut(w, f32, at + xBytes + outBytes, rows);
  source.pooled = op === 'max' ? { op: 'argmax', values: indices } : { op: 'max', values: maxima };
  return op === 'max' ? { values: maxima, moved } : { values: indices, below: size };
}

/**
 * col2im of pooling's dcol when it is `scatterRows(argMax, dout, PH·PW).reshape(N·OH·OW, C·PH·PW)`
 * not yet made (one value per window, rows in the order (i, oy, ox, ch)), as images made only
 * when read (see PooledSource): the values are added where their windows' elements lie
 * (assembly/pool.ts), the dense dcol never made; the ReLU's backward that usually follows stays
 * unmade too ({@link zeroMaskedLater}). The numbers are those of col2im on the dense matrix.
 *
 * @param g - the checked geometry of the pooling
 * @param col - the array col2im was given
 * @returns rows of the images `N·C·H × W`, or undefined when col is not such a matrix or
 * WebAssembly cannot run it (the caller makes the images at once)
 */
export function col2imLater(g: ConvGeometry, col: NDArray): SparseRows | undefined {
  // col2im checked col's shape: rows of one window each are rows of PH·PW, one per (image,
  // position, channel). (Made on another backend, the images come from the plain loop.)
  const lazy = lazyRowsOf(col);
  const scatter = lazy && scatterSourceOf(lazy);
  if (!scatter || scatter.cols !== g.fh * g.fw) return undefined;
  return SparseRows.fromPooled(pooledSource(g, scatter, undefined));
}

/**
 * The ReLU layer's backward (see zeroMasked) of a pooling layer's dx not yet made, not made
 * either: the same images, zeroed where `mask` says when they are made. The convolution's backward
 * that follows reads them as planes where the kernels add them up (see kernels/planes.ts), so they
 * never go out to JavaScript and in again.
 *
 * @param source - the pooling layer's dx
 * @param mask - one byte per element, the ReLU's forward mask (copied: the ReLU writes it again)
 * @returns rows of the images `N·C·H × W`, or undefined when the images are masked already
 */
export function zeroMaskedLater(source: PooledSource, mask: Uint8Array): SparseRows | undefined {
  if (source.mask) return undefined;
  const { g, scatter } = source;
  return SparseRows.fromPooled(pooledSource(g, scatter, mask.slice(0, g.n * g.c * g.h * g.w)));
}

function pooledSource(
  g: ConvGeometry,
  scatter: ScatterSource,
  mask: Uint8Array | undefined,
): PooledSource {
  const source: PooledSource = {
    kind: 'pooled',
    g,
    scatter,
    mask,
    dense: () => {
      const made = addUpWasm(source);
      if (made) return made;
      const out = new (scatter.at instanceof Float32Array ? Float32Array : Float64Array)(
        g.n * g.c * g.h * g.w,
      );
      col2imKernel(g, scatter.dense(), out);
      // the ReLU's backward: 0 where its input was ≤ 0
      if (mask) for (let i = 0; i < out.length; i++) if (mask[i]) out[i] = 0;
      return out;
    },
    arrays: () =>
      compressDense(source.dense() as Float64Array | Float32Array, g.n * g.c * g.h, g.w),
  };
  return source;
}

/**
 * The images of `source` added up in WebAssembly and copied out; undefined when WebAssembly or its
 * memory is not there.
 */
function addUpWasm(source: PooledSource): Float64Array | Float32Array | undefined {
  const w = getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w) return undefined;
  const { g, scatter } = source;
  const f32 = scatter.at instanceof Float32Array;
  const len = g.n * g.c * g.h * g.w;
  const xBytes = align16(len * (f32 ? 4 : 8));
  const at = scratchAddress(w, xBytes + addUpBytes(source));
  if (at === undefined) return undefined;
  addUpAt(w, source, at, at + xBytes);
  return copyOut(w, f32, at, len);
}

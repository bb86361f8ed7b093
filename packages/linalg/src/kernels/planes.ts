import type { ConvGeometry } from '../conv-geometry.js';
import type { TypedArray } from '../dtype.js';
import { addUpAt, addUpBytes } from './add-up.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import type { OperandMaker } from './gemm-wasm.js';
import { copyInAndCount, runOnCopies } from './scratch.js';
import { compressDense, type PlanesSource, type PooledSource, SparseRows } from './sparse-rows.js';
import { compressPlanesParallel, planesWindowsParallel, sumPlanesParallel } from './threads.js';
import { transposeBatches } from './transpose.js';
import { type WasmKernels, wasmKernels } from './wasm-kernels.js';

// Channels moved last without moving them: `transpose(0, 2, 3, 1)` of a batch of planes x
// [N, C, H, W] is the matrix M [N·H·W, C] that the convolution's backward pass multiplies
// (dW = Mᵀ·col) and sums (db = Σ over M's rows). Its elements are made only when read; until then
// the WebAssembly kernels read Mᵀ's rows straight from the planes (assembly/planes.ts): plane c of
// every image, one after the other, is row c of Mᵀ.

/**
 * The most window rows (C·FH) the product of planes and windows takes (assembly/gemm.ts, section
 * "the product of planes and windows": one register per vector of a window row).
 */
const WINDOW_ROWS = 5;

/**
 * Below this many elements the transpose is made at once: the copy kept for later is not repaid.
 */
const LATER_MIN_ELEMENTS = 65_536;

/**
 * The batched transpose `out[b][j][i] = x[b][i][j]` (`batches` matrices `planes × len`) as rows
 * whose elements are made only when read (see PlanesSource), when the WebAssembly kernels can
 * take it; otherwise undefined (the caller transposes at once).
 *
 * @param x - the elements (copied, unless `copy` is false: the rows stand for the transpose of x
 * as it is now), or a pooling layer's dx not yet made, which stays so
 * @param batches - the images
 * @param planes - rows of each source matrix: the channels, columns of the result
 * @param len - columns of each source matrix: the positions, rows of the result per image
 * @param copy - false when nothing can write to x any more (elements kept back, see
 * kernels/unshared.ts)
 * @returns rows of `batches·len × planes`
 */
export function transposeLater(
  x: TypedArray | PooledSource,
  batches: number,
  planes: number,
  len: number,
  copy = true,
): SparseRows | undefined {
  const n = batches * planes * len;
  if (n < LATER_MIN_ELEMENTS || getBackend() !== 'wasm' || !wasmKernels()) return undefined;
  const kept = ArrayBuffer.isView(x)
    ? ((copy ? x.slice(0, n) : x.subarray(0, n)) as Float64Array | Float32Array)
    : x;
  const source: PlanesSource = {
    kind: 'planes',
    x: kept,
    batches,
    planes,
    len,
    dense: () => {
      const elements = planesElements(source);
      const out = new (elements instanceof Float32Array ? Float32Array : Float64Array)(n);
      transposeBatches(elements, out, batches, planes, len);
      return out;
    },
    arrays: () => compressDense(source.dense(), batches * len, planes),
  };
  return SparseRows.fromPlanes(source);
}

/**
 * Whether the planes are float32.
 *
 * @param source - the planes
 */
export function planesAreFloat32(source: PlanesSource): boolean {
  const { x } = source;
  return (ArrayBuffer.isView(x) ? x : x.scatter.at) instanceof Float32Array;
}

/** The planes' elements in JavaScript: made, when they are a pooling layer's dx not yet made. */
function planesElements(source: PlanesSource): Float64Array | Float32Array {
  const { x } = source;
  return ArrayBuffer.isView(x) ? x : (x.dense() as Float64Array | Float32Array);
}

/**
 * What makes Mᵀ (`planes × batches·len`) in place as the left operand of the WebAssembly product:
 * the planes are copied in (their share of nonzeros is Mᵀ's), then copied run by run into Mᵀ's
 * rows, or, for the sparse kernel, listed straight as compressed rows. While they are in, they are
 * also added up, plane by plane, into the source's `sums`: the sum over M's rows that the
 * convolution asks for next (db after dW), which then needs no second copy in.
 *
 * @param source - the planes
 */
export function planesMaker(source: PlanesSource): OperandMaker {
  const { x, batches, planes, len } = source;
  const f32 = planesAreFloat32(source);
  const size = f32 ? 4 : 8;
  const n = batches * planes * len;
  const xBytes = align16(n * size);
  const sumsBytes = align16(planes * size);
  return {
    workBytes: xBytes + sumsBytes + (ArrayBuffer.isView(x) ? 0 : addUpBytes(x)),
    prepare: (w: WasmKernels, work: number) => {
      const density = ArrayBuffer.isView(x)
        ? copyInAndCount(w, work, x)
        : addUpAndCount(w, x, work, work + xBytes + sumsBytes, n);
      if (source.sums === undefined) {
        sumPlanesParallel(w, f32, planes, batches, len, work, work + xBytes);
        const View = f32 ? Float32Array : Float64Array;
        source.sums = new View(w.memory.buffer, work + xBytes, planes).slice();
      }
      return density;
    },
    make(w: WasmKernels, at: number, work: number): void {
      w.gatherPlanes(planes, batches, len, size, work, at);
    },
    makeRows(w: WasmKernels, starts: number, cols: number, vals: number, work: number): number {
      return compressPlanesParallel(w, f32, planes, batches, len, work, starts, cols, vals);
    },
    windowsOf: (g: ConvGeometry) =>
      g.n === batches &&
      g.oh * g.ow === len &&
      g.pad === 0 &&
      g.c * g.fh <= WINDOW_ROWS &&
      g.fw <= (f32 ? 8 : 6)
        ? (w, work, images, c, table) =>
            planesWindowsParallel(w, f32, g, planes, work, images, c, table)
        : undefined,
  };
}

/**
 * `np.sum(M, axis=0)` read from the planes: out[c] = the sum of plane c over every image, added in
 * the order, and with the rounding, of the sum over M's rows (assembly/planes.ts), in WebAssembly.
 *
 * @param source - the planes
 * @param out - `planes` elements of the planes' type, written
 * @returns false, with nothing written, when this path cannot be taken (backend `'js'`, no
 * WebAssembly, or memory that cannot grow)
 */
export function sumPlanesWasm(source: PlanesSource, out: TypedArray): boolean {
  const w = getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w) return false;
  const { batches, planes, len, sums } = source;
  if (sums) {
    // added up by the product that read the planes (see planesMaker)
    out.set(sums);
    return true;
  }
  const x = planesElements(source);
  const f32 = x instanceof Float32Array;
  return runOnCopies(w, x, x.length, out, planes, (xAt, outAt) =>
    sumPlanesParallel(w, f32, planes, batches, len, xAt, outAt),
  );
}

/**
 * A pooling layer's dx added up at `at` (see kernels/add-up.ts), the planes' `n` elements, and
 * their share of nonzeros (as copyInAndCount gives for planes copied in).
 */
function addUpAndCount(
  w: WasmKernels,
  source: PooledSource,
  at: number,
  work: number,
  n: number,
): number {
  const nonzero = addUpAt(w, source, at, work, true);
  return n === 0 ? 0 : nonzero / n;
}

import type { ConvGeometry } from '../conv-geometry.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { scratchAddress } from './scratch.js';
import type { PooledSource } from './sparse-rows.js';
import { col2imScatterParallel } from './threads.js';
import { type WasmKernels, wasmKernels } from './wasm-kernels.js';

// A pooling layer's dx not yet made (see PooledSource), made in the kernels' memory: each window's
// gradient added into the images at its maximum (col2im of the scatter rows), then, when it is the
// ReLU's backward of it, zeroed where the ReLU's mask says. Whoever wants the images there (the
// pooling's own copy out, the convolution's backward reading them as planes) gives the address.

/**
 * Bytes of work space {@link addUpAt} needs beside the images it writes.
 *
 * @param source - the pooling layer's dx
 */
export function addUpBytes(source: PooledSource): number {
  const { g, scatter, mask } = source;
  const vecBytes = align16(scatter.at.length * (scatter.at instanceof Float32Array ? 4 : 8));
  return 2 * vecBytes + (mask ? align16(imagesLength(g)) : 0) + align16(4 * g.n);
}

/**
 * Writes the images `[N, C, H, W]` of `source` at `x` in the kernels' memory, zeroed where the
 * ReLU's mask says (when it is the ReLU's backward of it) image by image as they are added up.
 *
 * @param w - the kernels
 * @param source - the pooling layer's dx (masked when it is the ReLU's backward of it)
 * @param x - where the images go (`N·C·H·W` elements of the values' type)
 * @param work - {@link addUpBytes} of work space, apart from the images
 * @param count - whether to count the images' nonzero elements as they are written
 * @returns the count of nonzero elements, or −1 when not asked
 */
export function addUpAt(
  w: WasmKernels,
  source: PooledSource,
  x: number,
  work: number,
  count = false,
): number {
  const { g, scatter, mask } = source;
  const { at, fromPlanes: moved } = scatter;
  const f32 = at instanceof Float32Array;
  const rows = at.length;
  const vecBytes = align16(rows * (f32 ? 4 : 8));
  const View = f32 ? Float32Array : Float64Array;
  const buf = w.memory.buffer;
  // The positions in values' own type (argmax gives them so; scatterRows checked they are whole).
  new View(buf, work, rows).set(at);
  // The values as the planes they were moved from when those are the windows' [N, C, OH, OW]
  // (their count is the rows', N·OH·OW·C: then the planes are the channels).
  const planes = moved !== undefined && moved.batches === g.n && moved.len === g.oh * g.ow;
  new View(buf, work + vecBytes, rows).set(planes ? moved.x : scatter.values);
  const len = imagesLength(g);
  const maskAt = mask ? work + 2 * vecBytes : 0;
  if (mask) new Uint8Array(w.memory.buffer, maskAt, len).set(mask.subarray(0, len));
  const countsAt = count ? work + 2 * vecBytes + (mask ? align16(len) : 0) : 0;
  col2imScatterParallel(w, f32, g, work, work + vecBytes, x, planes, maskAt, countsAt);
  if (!count) return -1;
  let nonzero = 0;
  for (const c of new Int32Array(w.memory.buffer, countsAt, g.n)) nonzero += c;
  return nonzero;
}

/** Below this many positions the plain loop checks them (the copy in is not repaid). */
const CHECK_MIN_POSITIONS = 4096;

/**
 * Whether every position in `at` is a whole number from 0 to `cols − 1` (where a scatter row's
 * value may go), checked in WebAssembly.
 *
 * @param at - the positions, as numbers of the values' type
 * @param cols - the columns of the scatter rows
 * @returns the answer, or undefined when the plain loop should check (few positions, another
 * backend, no WebAssembly, or memory that cannot grow)
 */
export function wholeBelowWasm(at: Float64Array | Float32Array, cols: number): boolean | undefined {
  const w = at.length >= CHECK_MIN_POSITIONS && getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w) return undefined;
  const f32 = at instanceof Float32Array;
  const where = scratchAddress(w, at.length * (f32 ? 4 : 8));
  if (where === undefined) return undefined;
  new (f32 ? Float32Array : Float64Array)(w.memory.buffer, where, at.length).set(at);
  return (f32 ? w.wholeBelow32 : w.wholeBelow64)(where, at.length, cols) !== 0;
}

/** Elements of the images `[N, C, H, W]` of a geometry. */
function imagesLength(g: ConvGeometry): number {
  return g.n * g.c * g.h * g.w;
}

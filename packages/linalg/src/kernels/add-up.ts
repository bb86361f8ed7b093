import type { ConvGeometry } from '../conv-geometry.js';
import { align16 } from './align.js';
import type { PooledSource } from './sparse-rows.js';
import { col2imScatterParallel } from './threads.js';
import type { WasmKernels } from './wasm-kernels.js';

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
  const vecBytes = align16(
    scatter.values.length * (scatter.values instanceof Float32Array ? 4 : 8),
  );
  return 2 * vecBytes + (mask ? align16(g.n * g.c * g.h * g.w) : 0);
}

/**
 * Writes the images `[N, C, H, W]` of `source` at `x` in the kernels' memory.
 *
 * @param w - the kernels
 * @param source - the pooling layer's dx (masked when it is the ReLU's backward of it)
 * @param x - where the images go (`N·C·H·W` elements of the values' type)
 * @param work - {@link addUpBytes} of work space, apart from the images
 */
export function addUpAt(w: WasmKernels, source: PooledSource, x: number, work: number): void {
  const { g, scatter, mask } = source;
  const { at, values } = scatter;
  const f32 = values instanceof Float32Array;
  const rows = values.length;
  const vecBytes = align16(rows * (f32 ? 4 : 8));
  const View = f32 ? Float32Array : Float64Array;
  const buf = w.memory.buffer;
  // The positions in values' own type (argmax gives them so; scatterRows checked they are whole).
  new View(buf, work, rows).set(at);
  new View(buf, work + vecBytes, rows).set(values);
  col2imScatterParallel(w, f32, g, work, work + vecBytes, x);
  if (mask) {
    const len = imagesLength(g);
    const maskAt = work + 2 * vecBytes;
    new Uint8Array(w.memory.buffer, maskAt, len).set(mask.subarray(0, len));
    (f32 ? w.zeroMasked32 : w.zeroMasked64)(len, x, maskAt, x);
  }
}

/** Elements of the images `[N, C, H, W]` of a geometry. */
function imagesLength(g: ConvGeometry): number {
  return g.n * g.c * g.h * g.w;
}

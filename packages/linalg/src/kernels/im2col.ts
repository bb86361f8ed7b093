import type { ConvGeometry } from '../conv-geometry.js';
import type { TypedArray } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import type { OperandMaker } from './gemm-wasm.js';
import { copyInAndCount, runOnCopies } from './scratch.js';
import { compressDense, type ParkedSource, SparseRows, type UnfoldSource } from './sparse-rows.js';
import {
  compressUnfoldParallel,
  unfoldFirstWorkBytes,
  unfoldParallel,
  unfoldRowsParallel,
  unfoldRowsWorkBytes,
} from './threads.js';
import { type WasmKernels, wasmKernels } from './wasm-kernels.js';

// Fast im2col and col2im. The readable twins are in im2col-reference.ts; the numbers are the same.
//
// With the WebAssembly backend, the input is copied into the module's memory, unfolded (or folded)
// there by assembly/im2col.ts, the images shared among the kernel threads, and the result copied
// out. Otherwise the loops below do it: the work is pure data movement, so what counts is touching
// each element once, in order, with no tests in the inner loop. Each row of col is one window: a
// window that lies wholly inside the image (all but a thin border of them) is C·FH runs of FW
// neighbouring elements of x, copied as such. Windows that overlap the padding go by the checked
// path, position by position.

/** Below this many elements of col the copies into WebAssembly memory are not repaid. */
const WASM_MIN_COL = 4096;

/** The largest size, stride or pad the WebAssembly path takes (threads.ts packs two in a slot). */
const WASM_MAX_SIZE = 32_767;

/**
 * im2col as an array whose elements are made only when read (see UnfoldSource), when the
 * WebAssembly kernels can take it: matmul unfolds it where it multiplies (a convolution), and
 * max and argmax along its windows read them from the images (pooling, kernels/pool.ts);
 * otherwise undefined.
 *
 * @param g - the checked geometry
 * @param x - the images' elements (copied, unless `copy` is false: the array stands for im2col
 * of x as it is now), or a ReLU's output in the park (see ParkedSource), made when first read
 * unless a pooling reads it there
 * @param copy - false when nothing can write to x any more (elements kept back, see
 * kernels/unshared.ts)
 */
export function unfoldLater(
  g: ConvGeometry,
  x: TypedArray | ParkedSource,
  copy = true,
): NDArray | undefined {
  const { n, c, h, w, fh, fw, stride, pad, oh, ow } = g;
  const colElements = n * oh * ow * c * fh * fw;
  if (
    colElements < WASM_MIN_COL ||
    Math.max(c, h, w, fh, fw, stride, pad) > WASM_MAX_SIZE ||
    getBackend() !== 'wasm' ||
    !wasmKernels()
  ) {
    return undefined;
  }
  const size = n * c * h * w;
  const parked = ArrayBuffer.isView(x) ? undefined : x;
  let images: Float64Array | Float32Array | undefined = ArrayBuffer.isView(x)
    ? ((copy ? x.slice(0, size) : x.subarray(0, size)) as Float64Array | Float32Array)
    : undefined;
  const source: UnfoldSource = {
    kind: 'unfold',
    g,
    get x() {
      images ??= parked!.dense() as Float64Array | Float32Array;
      return images;
    },
    parked,
    dense: () => {
      const xs = source.x;
      const col = new (xs instanceof Float32Array ? Float32Array : Float64Array)(colElements);
      im2colKernel(g, xs, col);
      return col;
    },
    arrays: () => compressDense(source.dense(), n * oh * ow, c * fh * fw),
  };
  return new NDArray(SparseRows.fromUnfold(source), [n * oh * ow, c * fh * fw]);
}

/**
 * What makes an unfolded operand of the WebAssembly product in place: the images are copied in
 * (their share of nonzeros is the estimate of col's), then unfolded where the product reads them,
 * or, for the sparse kernel, gathered straight into compressed rows (col is never written).
 *
 * @param source - the images and the geometry
 */
export function unfoldMaker(source: UnfoldSource): OperandMaker {
  const { x, g } = source;
  const f32 = x instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const len = x.length;
  // After the images, the space unfoldRowsParallel compresses each image's rows into.
  const w = wasmKernels();
  return {
    // (and 64 bytes at least, which the product of planes and windows may read past the images)
    workBytes: align16(len * size) + Math.max(64, w ? unfoldRowsWorkBytes(w, g, f32) : 0),
    unfolds: g,
    prepare: (w: WasmKernels, work: number) => copyInAndCount(w, work, x),
    make(w: WasmKernels, at: number, work: number): void {
      unfoldParallel(w, f32, false, g, work, at);
    },
    makeRows(w: WasmKernels, starts: number, cols: number, vals: number, work: number): number {
      return compressUnfoldParallel(w, f32, g, work, starts, cols, vals);
    },
    multiply(w: WasmKernels, work: number, n: number, b: number, c: number, bias: number): void {
      unfoldRowsParallel(w, f32, g, work, n, b, c, bias);
    },
    multiplyFirst: {
      // (past the images: one space per chunk, in place of unfoldRowsWorkBytes')
      bytes: (n: number) => (w ? unfoldFirstWorkBytes(w, g, n, f32) : 0),
      run(w, work, n, b, bias, dst, mask): void {
        unfoldRowsParallel(w, f32, g, work, n, b, dst, bias, { mask });
      },
    },
  };
}

/**
 * im2col (`fold` false: x → col) or col2im (`fold` true: col → x) on the WebAssembly kernels.
 *
 * @returns false, with nothing written, when this path cannot be taken (backend `'js'`, no
 * WebAssembly, a small or huge input, or memory that cannot grow)
 */
function unfoldWasm(g: ConvGeometry, fold: boolean, src: TypedArray, dst: TypedArray): boolean {
  const colElements = g.n * g.oh * g.ow * g.c * g.fh * g.fw;
  if (colElements < WASM_MIN_COL || getBackend() !== 'wasm') return false;
  const { c, h, w, fh, fw, stride, pad } = g;
  if (Math.max(c, h, w, fh, fw, stride, pad) > WASM_MAX_SIZE) return false;
  const k = wasmKernels();
  if (!k) return false;
  const f32 = src instanceof Float32Array;
  const xElements = g.n * c * h * w;
  // Byte addresses are 32-bit: memory past 2 GiB is refused, and the loops below take over.
  return runOnCopies(
    k,
    src,
    fold ? colElements : xElements,
    dst,
    fold ? xElements : colElements,
    (srcAt, dstAt) => unfoldParallel(k, f32, fold, g, srcAt, dstAt),
  );
}

/**
 * For a window that overlaps the padding: calls `visit(j, at)` for each of its elements, j its
 * column in col and `at` its index in x, or −1 on the padding.
 */
function borderWindow(
  g: ConvGeometry,
  corner: number,
  y0: number,
  x0: number,
  visit: (j: number, at: number) => void,
): void {
  const { c, h, w, fh, fw } = g;
  let j = 0;
  for (let ch = 0; ch < c; ch++) {
    for (let ky = 0; ky < fh; ky++) {
      const y = y0 + ky;
      for (let kx = 0; kx < fw; kx++, j++) {
        const xx = x0 + kx;
        const inside = y >= 0 && y < h && xx >= 0 && xx < w;
        visit(j, inside ? corner + ch * h * w + ky * w + kx : -1);
      }
    }
  }
}

/**
 * im2col: `x` `[N, C, H, W]` → `col` `[N·OH·OW, C·FH·FW]`. Inputs are trusted (im2col checks them).
 *
 * @param g - the checked geometry
 * @param x - the input's elements
 * @param col - the output's elements, overwritten
 */
export function im2colKernel(g: ConvGeometry, x: TypedArray, col: TypedArray): void {
  if (unfoldWasm(g, false, x, col)) return;
  const { n, c, h, w, fh, fw, stride, pad, oh, ow } = g;
  const cols = c * fh * fw;
  const area = h * w;
  let base = 0;
  for (let i = 0; i < n; i++) {
    const image = i * c * area;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * stride - pad;
      const rowsInside = y0 >= 0 && y0 + fh <= h;
      for (let ox = 0; ox < ow; ox++, base += cols) {
        const x0 = ox * stride - pad;
        const corner = image + y0 * w + x0;
        if (rowsInside && x0 >= 0 && x0 + fw <= w) {
          // The whole window is inside: FH runs of FW neighbours per channel.
          let j = base;
          for (let ch = 0; ch < c; ch++) {
            for (let ky = 0, src = corner + ch * area; ky < fh; ky++, src += w) {
              for (let kx = 0; kx < fw; kx++) col[j++] = x[src + kx]!;
            }
          }
        } else {
          const at = base;
          borderWindow(g, corner, y0, x0, (j, from) => {
            col[at + j] = from < 0 ? 0 : x[from]!;
          });
        }
      }
    }
  }
}

/**
 * col2im: adds each element of `col` `[N·OH·OW, C·FH·FW]` back to where im2col read it in `x`
 * `[N, C, H, W]` (overwritten), dropping the padding. Inputs are trusted (col2im checks them).
 *
 * @param g - the checked geometry
 * @param col - the columns' elements
 * @param x - the output's elements, overwritten
 */
export function col2imKernel(g: ConvGeometry, col: TypedArray, x: TypedArray): void {
  if (unfoldWasm(g, true, col, x)) return;
  const { n, c, h, w, fh, fw, stride, pad, oh, ow } = g;
  const cols = c * fh * fw;
  const area = h * w;
  x.fill(0);
  let base = 0;
  for (let i = 0; i < n; i++) {
    const image = i * c * area;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * stride - pad;
      const rowsInside = y0 >= 0 && y0 + fh <= h;
      for (let ox = 0; ox < ow; ox++, base += cols) {
        const x0 = ox * stride - pad;
        const corner = image + y0 * w + x0;
        if (rowsInside && x0 >= 0 && x0 + fw <= w) {
          let j = base;
          for (let ch = 0; ch < c; ch++) {
            for (let ky = 0, dst = corner + ch * area; ky < fh; ky++, dst += w) {
              for (let kx = 0; kx < fw; kx++) x[dst + kx] = x[dst + kx]! + col[j++]!;
            }
          }
        } else {
          const at = base;
          borderWindow(g, corner, y0, x0, (j, to) => {
            if (to >= 0) x[to] = x[to]! + col[at + j]!;
          });
        }
      }
    }
  }
}

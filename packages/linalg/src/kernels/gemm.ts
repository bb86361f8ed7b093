import type { TypedArray } from '../dtype.js';
import { getBackend } from './backend.js';
import { gemmJs } from './gemm-js.js';
import type { GemmShape } from './gemm-reference.js';
import { gemmSparseRowsWasm, gemmWasm, type ProductFinish } from './gemm-wasm.js';
import { unfoldMaker } from './im2col.js';
import { planesAreFloat32, planesMaker } from './planes.js';
import type { PlanesSource, SparseRows, UnfoldSource } from './sparse-rows.js';

export { type GemmShape, gemmReference } from './gemm-reference.js';

/**
 * Below this many multiply-adds (`m·n·k`) a product runs in TypeScript: the call into WebAssembly
 * and the copies cost about 0.2 µs, which a 2×3·3×2 product does not repay; from 8×8·8×8 (512) on,
 * WebAssembly is 3–20× faster (measured on Node 20).
 */
const WASM_MIN_WORK = 128;

/**
 * The matrix-product kernel behind {@link dot} and {@link matmul}: `C = op(A) · op(B)`, or
 * `C += op(A) · op(B)` with `accumulate`. It runs on WebAssembly SIMD (assembly/gemm.ts) when the
 * backend is `'wasm'` and the product is large enough, otherwise on the TypeScript kernel
 * `gemmJs`. float32 when `c` is a `Float32Array`, float64 otherwise. Inputs are trusted:
 * the public functions check shapes before calling it.
 *
 * @param s - the sizes and transposition flags
 * @param a - the elements of `A` (`m·k` of them)
 * @param b - the elements of `B` (`k·n`)
 * @param c - the elements of `C` (`m·n`), written in place
 * @param bias - optional `n` values (of `c`'s type) added to every row of C after the product, as
 * `x·W + b` adds its bias
 * @example
 * ```ts
 * import { gemm } from '@dl/linalg';
 * const c = new Float64Array(4);
 * gemm({ m: 2, n: 2, k: 1 }, new Float64Array([1, 2]), new Float64Array([3, 4]), c);
 * Array.from(c); // [3, 4, 6, 8]
 * ```
 */
export function gemm(
  s: GemmShape,
  a: TypedArray,
  b: TypedArray,
  c: TypedArray,
  bias?: TypedArray,
): void {
  const { m, n, k } = s;
  if (m === 0 || n === 0) return;
  if (
    k !== 0 &&
    m * n * k >= WASM_MIN_WORK &&
    getBackend() === 'wasm' &&
    gemmWasm(s, a, b, c, bias)
  ) {
    return;
  }
  if (k === 0) {
    if (!s.accumulate) c.fill(0, 0, m * n);
  } else gemmJs(s, a, b, c);
  if (bias) addRowJs(m, n, c, bias);
}

/** C[r][j] += bias[j], the plain loop (the bias of `x·W + b`, added after the product). */
function addRowJs(m: number, n: number, c: TypedArray, bias: TypedArray): void {
  for (let row = 0; row < m * n; row += n) {
    for (let j = 0; j < n; j++) c[row + j] = c[row + j]! + bias[j]!;
  }
}

/**
 * {@link gemm} for A given by its compressed rows (see `takeRowsSparse`), run over A's nonzeros
 * on WebAssembly when it can be; A's dense elements are never made here.
 *
 * @param s - the sizes and transposition flags
 * @param rows - A's rows (A is `rows.rows × rows.cols`, op(A) its transpose with `transA`)
 * @param b - the elements of `B`
 * @param c - the elements of `C`, written in place
 * @param bias - optional `n` values (of `c`'s type) added to every row after the product
 * @returns false, with nothing written, when the product must be made from A's dense elements
 * (backend `'js'`, no WebAssembly, a small product, `transB`, B not finite, or mixed dtypes)
 */
export function gemmSparseRows(
  s: GemmShape,
  rows: SparseRows,
  b: TypedArray,
  c: TypedArray,
  bias?: TypedArray,
): boolean {
  const { m, n, k } = s;
  if (m === 0 || n === 0 || k === 0 || m * n * k < WASM_MIN_WORK) return false;
  return getBackend() === 'wasm' && gemmSparseRowsWasm(s, rows, b, c, bias);
}

/**
 * {@link gemm} with A or B (or both) given as images to unfold (an array from `im2col`), or A as
 * planes moved last (an array from `transpose(0, 2, 3, 1)`) under `transA`, on WebAssembly: the
 * operand is made in the kernels' memory, where the product reads it, and never in JavaScript
 * (for planes, op(A) = Aᵀ is read run by run from them). A mostly-zero one (MNIST digits, a
 * pooling layer's gradient) goes to the sparse kernel.
 *
 * @param s - the sizes and transposition flags (an unfolded operand is not transposed; planes are)
 * @param a - the elements of A, or the images it unfolds, or the planes it stands on
 * @param b - the elements of B, or the images it unfolds
 * @param c - the elements of C, written in place
 * @param bias - optional `n` values (of `c`'s type) added to every row after the product
 * @param finish - what to do with C in the module's memory in place of writing `c` (see gemmWasm)
 * @returns false, with nothing written, when this path cannot be taken (backend `'js'`, a small
 * product, a transposed unfolded operand, planes not transposed, operands of another type, or
 * memory that cannot grow); the caller then multiplies the dense elements
 */
export function gemmUnfolded(
  s: GemmShape,
  a: TypedArray | UnfoldSource | PlanesSource,
  b: TypedArray | UnfoldSource,
  c: TypedArray,
  bias?: TypedArray,
  finish?: ProductFinish,
): boolean {
  const { m, n, k } = s;
  if (m === 0 || n === 0 || k === 0 || m * n * k < WASM_MIN_WORK || getBackend() !== 'wasm') {
    return false;
  }
  const f32 = c instanceof Float32Array;
  const operand = (x: TypedArray | UnfoldSource | PlanesSource) => {
    if (ArrayBuffer.isView(x)) return x;
    if (x.kind === 'unfold')
      return x.x instanceof Float32Array === f32 ? unfoldMaker(x) : undefined;
    return planesAreFloat32(x) === f32 ? planesMaker(x) : undefined;
  };
  // Planes make op(A) = Aᵀ itself: the product then multiplies it untransposed.
  const planes = !ArrayBuffer.isView(a) && a.kind === 'planes';
  if (planes && !s.transA) return false;
  const aIn = operand(a);
  const bIn = operand(b);
  const shape = planes ? { ...s, transA: false } : s;
  return aIn !== undefined && bIn !== undefined && gemmWasm(shape, aIn, bIn, c, bias, finish);
}

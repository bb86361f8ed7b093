import { allocate, promoteTypes } from './dtype.js';
import { mul } from './elementwise.js';
import { gemm, gemmSparseRows, gemmUnfolded } from './kernels/gemm.js';
import { productLater } from './kernels/product-later.js';
import { planesSourceOf, unfoldSourceOf } from './kernels/sparse-rows.js';
import { unsharedArray } from './kernels/unshared.js';
import { NDArray, sparseRowsOf } from './ndarray.js';
import { sameShape } from './shape.js';
import { formatShape, ShapeError } from './shape-error.js';

/**
 * The dot product with numpy's rules for 1-D and 2-D operands (`np.dot`):
 * vector·vector gives a 0-dimensional array (use `.item()` for the number), matrix·vector a
 * vector, vector·matrix a vector, matrix·matrix a matrix. A number on either side scales the other.
 *
 * @param a - left operand
 * @param b - right operand
 * @returns the product
 * @throws ShapeError when the inner dimensions differ or an operand has more than 2 dimensions
 * @example
 * ```ts
 * import { array, dot } from '@dl/linalg';
 * // The lecture's 2×2 product: (1 1; 2 3)·(1100; 2800) with A⁻¹ gives the fruit prices.
 * dot(array([[1, 2], [3, 4]]), array([[5, 6], [7, 8]])).toArray(); // [[19, 22], [43, 50]]
 * dot(array([1, 2, 3]), array([4, 5, 6])).item(); // 32
 * ```
 */
export function dot(a: NDArray | number, b: NDArray | number): NDArray {
  if (typeof a === 'number' || typeof b === 'number') return mul(a, b);
  if (a.ndim > 2 || b.ndim > 2 || a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `dot: unsupported dimensions; expected 1-D or 2-D operands, got a=${formatShape(a.shape)}, b=${formatShape(b.shape)}`,
    );
  }
  // View vectors as matrices: a 1-D left operand is a row, a 1-D right operand a column.
  const m = a.ndim === 2 ? a.shape[0]! : 1;
  const k = a.shape[a.ndim - 1]!;
  const kb = b.shape[0]!;
  const n = b.ndim === 2 ? b.shape[1]! : 1;
  if (k !== kb) {
    const rule =
      a.ndim === 2 && b.ndim === 2
        ? 'a.shape[1] === b.shape[0]'
        : `a.shape[${a.ndim - 1}] === b.shape[0]`;
    throw new ShapeError(
      `dot: inner dimensions differ; expected ${rule}, got a=${formatShape(a.shape)}, b=${formatShape(b.shape)}`,
    );
  }
  const out = allocate(promoteTypes(a.dtype, b.dtype), m * n);
  // An array standing on compressed rows (a batch from takeRowsSparse) is multiplied over its
  // nonzeros, when the kernels can; otherwise from its elements.
  // (A vector standing on rows is the rows' n × 1 matrix, not a 1 × k row: it goes by its elements.)
  const rows = a.ndim === 2 ? sparseRowsOf(a) : undefined;
  if (!(rows && gemmSparseRows({ m, n, k }, rows, b.data, out))) {
    gemm({ m, n, k }, a.data, b.data, out);
  }
  const shape = [...(a.ndim === 2 ? [m] : []), ...(b.ndim === 2 ? [n] : [])];
  return new NDArray(out, shape);
}

/** Options of {@link matmul}. */
export interface MatmulOptions {
  /** Use `aᵀ` in place of `a`, without making a transposed copy. */
  transA?: boolean;
  /** Use `bᵀ` in place of `b`, without making a transposed copy. */
  transB?: boolean;
  /** An array of the result's shape and dtype to write into, reused between calls. */
  out?: NDArray;
  /** Add the product to `out` instead of overwriting it. */
  accumulate?: boolean;
  /**
   * A row `[n]` added to every row of the result after the product: the Affine layer's
   * `x·W + b` in one pass (the bias is added where the product is made, not in a second loop).
   */
  bias?: NDArray;
}

/**
 * The matrix product of two 2-D arrays, with the transposed forms that backpropagation needs
 * (`xᵀ · dout` for dW, `dout · Wᵀ` for dx) computed without materialising the transpose.
 * With no options it equals {@link dot} on matrices. (On the WebAssembly backend the product of
 * a large array from {@link im2col} and a small B, a convolution's forward, is made when first
 * read, from copies of B and the bias taken now; {@link reluWithMask} makes it where the kernels
 * run.)
 *
 * @param a - `[m, k]` (or `[k, m]` with `transA`)
 * @param b - `[k, n]` (or `[n, k]` with `transB`)
 * @param options - transposition flags and an optional output buffer
 * @returns the `[m, n]` product (`options.out` when given)
 * @throws ShapeError when an operand is not 2-D, the inner dimensions differ, or `out` or `bias`
 * does not fit
 * @example
 * ```ts
 * import { array, matmul } from '@dl/linalg';
 * const x = array([[1, 2]]);           // (1, 2)
 * const dout = array([[1, 0, -1]]);    // (1, 3)
 * matmul(x, dout, { transA: true }).shape; // [2, 3] = dW
 * matmul(x, array([[1], [1]]), { bias: array([0.5]) }).toArray(); // [[3.5]] = x·W + b
 * ```
 */
export function matmul(a: NDArray, b: NDArray, options: MatmulOptions = {}): NDArray {
  const { transA = false, transB = false, out } = options;
  if (a.ndim !== 2 || b.ndim !== 2) {
    throw new ShapeError(
      `matmul: not matrices; expected 2-D operands, got a=${formatShape(a.shape)}, b=${formatShape(b.shape)}`,
    );
  }
  const [a0, a1] = a.shape as [number, number];
  const [b0, b1] = b.shape as [number, number];
  const [m, k] = transA ? [a1, a0] : [a0, a1];
  const [kb, n] = transB ? [b1, b0] : [b0, b1];
  if (k !== kb) {
    const left = transA ? 'a.shape[0]' : 'a.shape[1]';
    const right = transB ? 'b.shape[1]' : 'b.shape[0]';
    throw new ShapeError(
      `matmul: inner dimensions differ; expected ${left} === ${right}${transA ? ' (transA)' : ''}${transB ? ' (transB)' : ''}, got a=${formatShape(a.shape)}, b=${formatShape(b.shape)}`,
    );
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  if (out && (!sameShape(out.shape, [m, n]) || out.dtype !== dtype)) {
    throw new ShapeError(
      `matmul: out does not fit; expected shape ${formatShape([m, n])} of ${dtype}, got ${formatShape(out.shape)} of ${out.dtype}`,
    );
  }
  const { bias } = options;
  if (
    bias !== undefined &&
    (!(bias instanceof NDArray) || bias.ndim !== 1 || bias.shape[0] !== n)
  ) {
    throw new ShapeError(
      `matmul: bias does not fit; expected shape ${formatShape([n])} (one value per column of the product), got ${bias instanceof NDArray ? formatShape(bias.shape) : String(bias)}`,
    );
  }
  const shape = { m, n, k, transA, transB, accumulate: options.accumulate ?? false };
  // A bias of the result's type is added by the kernels; another (float64 on a float32 product)
  // in the loop below, which rounds each sum once as a float32 product plus a float64 bias should.
  const fused = bias && bias.dtype === dtype ? bias.data : undefined;
  const rows = sparseRowsOf(a);
  const bRows = sparseRowsOf(b);
  // An operand from im2col is unfolded where the product runs, and the transpose of planes moved
  // last read from the planes (see gemmUnfolded).
  const aPlanes = rows && planesSourceOf(rows);
  const aUnfold = rows && unfoldSourceOf(rows);
  const aMade = aUnfold ?? (transA ? aPlanes : undefined);
  const bUnfold = bRows && unfoldSourceOf(bRows);
  // The convolution's forward (im2col's array times its filters) is made when read, so that the
  // ReLU after it can take it where the kernels make it (see kernels/product-later.ts).
  if (aUnfold && !bUnfold && !out && (bias === undefined || fused)) {
    const later = productLater(shape, aUnfold, b.data, fused);
    if (later) return new NDArray(later, [m, n]);
  }
  const rd = out ? out.data : allocate(dtype, m * n);
  const done =
    aMade || bUnfold
      ? gemmUnfolded(shape, aMade ?? a.data, bUnfold ?? b.data, rd, fused)
      : rows !== undefined &&
        aPlanes === undefined &&
        gemmSparseRows(shape, rows, b.data, rd, fused);
  if (!done) gemm(shape, a.data, b.data, rd, fused);
  if (bias && !fused) {
    const bd = bias.data;
    for (let row = 0; row < m * n; row += n) {
      for (let j = 0; j < n; j++) rd[row + j] = rd[row + j]! + bd[j]!;
    }
  }
  // A new product is held by nothing else: what stands on it (Affine's dx, moved channels last by
  // the pooling's backward) need not copy it (see kernels/unshared.ts).
  return out ?? unsharedArray(rd as Float64Array | Float32Array, [m, n]);
}

import { allocate, type DType, dtypeOf, type TypedArray } from './dtype.js';
import { formatArray } from './format.js';
import { transposeLater } from './kernels/planes.js';
import {
  movedSourceOf,
  pooledSourceOf,
  productSourceOf,
  SparseRows,
  standsForDense,
  unsharedSourceOf,
} from './kernels/sparse-rows.js';
import { transposeBatches } from './kernels/transpose.js';
import { checkShape, normalizeAxis, shapeSize, stridesOf } from './shape.js';
import { formatShape, ShapeError } from './shape-error.js';

/** A nested JavaScript array of numbers, as `toArray()` returns and `array()` accepts. */
export type NestedArray = number | NestedArray[];

/**
 * An n-dimensional array of numbers: a flat typed array plus a shape, in row-major (C) order,
 * like a numpy `ndarray` that is always contiguous.
 *
 * Element `[i, j]` of a `[rows, cols]` array lives at `data[i * cols + j]`. Operations such as
 * `add`, `dot` and `sum` are functions of `@dl/linalg`; the class holds what belongs to one array:
 * its shape, element access, reshaping and printing.
 *
 * @example
 * ```ts
 * import { NDArray } from '@dl/linalg';
 * const a = new NDArray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
 * a.get(1, 2); // 6
 * a.T.shape; // [3, 2]
 * console.log(a.toString()); // [[1. 2. 3.]\n [4. 5. 6.]]
 * ```
 */
export class NDArray {
  /** The size of each dimension. */
  readonly shape: readonly number[];
  /** The elements, once made (at once for an array built on a typed array). */
  private elements: TypedArray | undefined;
  /** The compressed rows an array built on {@link SparseRows} stands on. */
  private readonly sparse: SparseRows | undefined;

  /**
   * Wraps a typed array as an array of the given shape. The data is not copied.
   *
   * Given {@link SparseRows} in place of the typed array, the array holds the elements of the
   * matrix those rows hold, in any shape of `rows · cols` elements (`[rows, cols]` by default); its
   * `data` is made from the rows when first read, and until then matrix products with it as the
   * `[rows, cols]` matrix skip its zeros (see {@link takeRowsSparse}).
   *
   * @param data - the elements in row-major order, or the compressed rows of a matrix
   * @param shape - the dimensions; defaults to `[data.length]` (`[rows, cols]` for rows)
   * @throws ShapeError when the shape does not hold exactly `data.length` elements (or, for rows,
   * `rows · cols`)
   * @throws RangeError when a dimension is negative or not an integer
   */
  constructor(data: TypedArray | SparseRows, shape?: readonly number[]) {
    if (!(data instanceof SparseRows)) {
      const dims = shape ?? [data.length];
      const size = checkShape('NDArray', dims);
      if (size !== data.length) {
        throw new ShapeError(
          `NDArray: data length does not match shape; expected ${size} elements for shape ${formatShape(dims)}, got ${data.length}`,
        );
      }
      this.elements = data;
      this.sparse = undefined;
      this.shape = Object.freeze([...dims]);
      return;
    }
    const dims = shape ?? [data.rows, data.cols];
    const size = checkShape('NDArray', dims);
    if (size !== data.rows * data.cols) {
      throw new ShapeError(
        `NDArray: shape does not fit the rows; expected a shape of ${data.rows * data.cols} elements (${data.rows} rows of ${data.cols}), got ${formatShape(dims)}`,
      );
    }
    this.elements = data.densified ? data.toDense() : undefined;
    this.sparse = data;
    this.shape = Object.freeze([...dims]);
  }

  /**
   * The elements in row-major order. Writing to it changes the array. For an array built on
   * {@link SparseRows} they are made here, on the first read.
   */
  get data(): TypedArray {
    if (this.elements === undefined) this.elements = this.sparse!.toDense();
    return this.elements;
  }

  /** Number of elements (the product of the shape). */
  get size(): number {
    return this.elements === undefined
      ? this.sparse!.rows * this.sparse!.cols
      : this.elements.length;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Element type: `float64` or `float32`. */
  get dtype(): DType {
    if (this.elements !== undefined) return dtypeOf(this.elements);
    return this.sparse!.float32 ? 'float32' : 'float64';
  }

  /** The transpose, as `transpose()` returns it (axes reversed). */
  get T(): NDArray {
    return this.transpose();
  }

  /** Flat offset of an index tuple, checked. */
  private offset(op: string, idx: readonly number[]): number {
    if (idx.length !== this.shape.length) {
      throw new RangeError(
        `${op}: wrong number of indices; expected ${this.shape.length} for shape ${formatShape(this.shape)}, got ${idx.length}`,
      );
    }
    let off = 0;
    for (let axis = 0; axis < idx.length; axis++) {
      const dim = this.shape[axis]!;
      let i = idx[axis]!;
      if (!Number.isInteger(i) || i < -dim || i >= dim) {
        throw new RangeError(
          `${op}: index out of range; expected an integer in [${-dim}, ${dim - 1}] for axis ${axis} of shape ${formatShape(this.shape)}, got ${i}`,
        );
      }
      if (i < 0) i += dim;
      off = off * dim + i;
    }
    return off;
  }

  /**
   * Reads one element. Negative indices count from the end, as in numpy.
   *
   * @param idx - one index per dimension
   * @returns the element
   * @throws RangeError when an index is out of range or the count of indices is wrong
   */
  get(...idx: number[]): number {
    return this.data[this.offset('get', idx)]!;
  }

  /**
   * Writes one element: `a.set(i, j, value)`.
   *
   * @param args - one index per dimension, then the value
   * @throws RangeError when an index is out of range or the count of indices is wrong
   */
  set(...args: number[]): void {
    if (args.length === 0) throw new RangeError('set: expected indices and a value, got nothing');
    const value = args[args.length - 1]!;
    this.data[this.offset('set', args.slice(0, -1))] = value;
  }

  /**
   * The single element of a one-element array, as a number.
   *
   * @throws ShapeError when the array has more or fewer than one element
   */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError(
        `item: array is not a single element; expected size 1, got shape ${formatShape(this.shape)}`,
      );
    }
    return this.data[0]!;
  }

  /**
   * The same elements under another shape. One dimension may be `-1`, meaning "whatever fits".
   * The result shares its data with this array (a view), as numpy's reshape of a contiguous array.
   *
   * @param shape - the new dimensions, as one array or as separate numbers
   * @returns an array with the new shape over the same data
   * @throws ShapeError when the element count differs
   * @example
   * ```ts
   * import { arange } from '@dl/linalg';
   * arange(6).reshape(2, -1).shape; // [2, 3]
   * ```
   */
  reshape(...shape: number[] | [readonly number[]]): NDArray {
    const dims: number[] = Array.isArray(shape[0]) ? [...shape[0]] : (shape as number[]);
    const unknown = dims.filter((d) => d === -1).length;
    if (unknown > 1) {
      throw new ShapeError(
        `reshape: more than one -1; expected at most one unknown dimension, got ${formatShape(dims)}`,
      );
    }
    const known = dims.filter((d) => d !== -1);
    checkShape('reshape', known);
    const knownSize = shapeSize(known);
    if (unknown === 1) {
      if (knownSize === 0 || this.size % knownSize !== 0) {
        throw new ShapeError(
          `reshape: cannot infer -1; expected size ${this.size} divisible by ${knownSize}, got shape ${formatShape(this.shape)} to ${formatShape(dims)}`,
        );
      }
      dims[dims.indexOf(-1)] = this.size / knownSize;
    } else if (knownSize !== this.size) {
      throw new ShapeError(
        `reshape: sizes differ; expected a shape of ${this.size} elements, got ${formatShape(this.shape)} to ${formatShape(dims)}`,
      );
    }
    // An array on rows not yet made stays on them (its elements are made once, for all its shapes).
    const rows = lazyRowsOf(this);
    if (rows) return new NDArray(rows, dims);
    return new NDArray(this.data, dims);
  }

  /**
   * Permutes the axes, copying the data into the new order. With no argument the axes are
   * reversed, so a `[rows, cols]` matrix becomes `[cols, rows]`. (On the WebAssembly backend,
   * moving axis 1 of a large array last, as `(0, 2, 3, 1)` does, copies the elements as they are
   * and puts them in the new order when they are first read: a product or a sum over the rows
   * then reads them from the copy without reordering them. A convolution's product not yet made,
   * see {@link matmul}, put channels first as `(0, 3, 1, 2)` does, is transposed where it is made.)
   *
   * @param axes - a permutation of `0 … ndim-1`
   * @returns a new array
   * @throws ShapeError when `axes` is not a permutation of the dimensions
   * @example
   * ```ts
   * import { array } from '@dl/linalg';
   * array([[1, 2, 3]]).transpose().shape; // [3, 1]
   * ```
   */
  transpose(...axes: number[]): NDArray {
    const nd = this.ndim;
    const perm = axes.length === 0 ? [...this.shape.keys()].reverse() : axes;
    const seen = new Set(perm.map((a) => normalizeAxis('transpose', a, Math.max(nd, 1))));
    if (perm.length !== nd || seen.size !== nd) {
      throw new ShapeError(
        `transpose: axes are not a permutation; expected ${nd} distinct axes, got ${formatShape(perm)}`,
      );
    }
    const p = perm.map((a) => (a < 0 ? a + nd : a));
    const outShape = p.map((a) => this.shape[a]!);
    // Axes that stay neighbours in the same order move as one: [N, OH, OW, FN] → (0, 3, 1, 2) is
    // [N, OH·OW, FN] → (0, 2, 1), a transpose of each image's matrix (the convolution layers').
    const merged = mergeAxes(this.shape, p);
    const { shape } = merged;
    const order = merged.perm;
    if (order.length <= 3 && order[order.length - 1] === order.length - 2) {
      const batches = order.length === 3 ? shape[0]! : 1;
      const rows = shape[order.length - 2]!;
      const cols = shape[order.length - 1]!;
      if (order.length === 2 || order[0] === 0) {
        // Channels put first, [N, OH, OW, FN] → (0, 3, 1, 2), of the convolution's product not yet
        // made: the product makes it so where it runs (see kernels/product-later.ts).
        const lazy = lazyRowsOf(this);
        const product = lazy && productSourceOf(lazy);
        if (
          product &&
          product.channelsFirst === undefined &&
          batches * rows === product.shape.m // then cols is C's n: blocks of C's rows swap
        ) {
          return new NDArray(SparseRows.fromProduct(product.channelsFirstOf(batches)), outShape);
        }
        // Channels put first, (0, 3, 1, 2), of a pooling's maxima: written so (kernels/pool.ts).
        const moved = lazy && movedSourceOf(lazy);
        if (moved && moved.batches === batches && moved.rows === rows && moved.cols === cols) {
          return new NDArray(moved.x.slice(), outShape);
        }
        // Channels moved last, [N, C, H, W] → (0, 2, 3, 1) (the convolution's dout in backward):
        // made only when read, the products and sums of kernels/planes.ts read the planes.
        const later = nd >= 3 && p[0] === 0 && p[nd - 1] === 1;
        // Elements kept back by a kernel's new array need no copy (see kernels/unshared.ts), and
        // a pooling layer's dx not yet made (the ReLU's backward of it) stays so.
        const kept = lazy && unsharedSourceOf(lazy);
        const pooled = lazy && pooledSourceOf(lazy);
        const planes = later
          ? transposeLater(pooled ?? (kept ? kept.x : this.data), batches, rows, cols, !kept)
          : undefined;
        if (planes) {
          if (kept) kept.taken = true; // it stands on them now
          return new NDArray(planes, outShape);
        }
        const out = allocate(this.dtype, this.size);
        transposeBatches(this.data, out, batches, rows, cols);
        return new NDArray(out, outShape);
      }
    }
    const out = allocate(this.dtype, this.size);
    const srcStrides = stridesOf(shape);
    const permStrides = order.map((a) => srcStrides[a]!);
    const permShape = order.map((a) => shape[a]!);
    const m = order.length;
    const idx = new Array<number>(m).fill(0);
    for (let k = 0; k < out.length; k++) {
      let off = 0;
      for (let d = 0; d < m; d++) off += idx[d]! * permStrides[d]!;
      out[k] = this.data[off]!;
      for (let d = m - 1; d >= 0; d--) {
        idx[d]!++;
        if (idx[d]! < permShape[d]!) break;
        idx[d] = 0;
      }
    }
    return new NDArray(out, outShape);
  }

  /** A one-dimensional copy of the elements, in row-major order. */
  flatten(): NDArray {
    return new NDArray(this.data.slice(), [this.size]);
  }

  /** A deep copy: same shape, same dtype, its own data. */
  clone(): NDArray {
    return new NDArray(this.data.slice(), this.shape);
  }

  /**
   * A copy converted to another element type.
   *
   * @param dtype - `float64` or `float32`
   */
  astype(dtype: DType): NDArray {
    const out = allocate(dtype, this.size);
    out.set(this.data);
    return new NDArray(out, this.shape);
  }

  /**
   * Sets every element to `value`, in place.
   *
   * @returns this array
   */
  fill(value: number): this {
    this.data.fill(value);
    return this;
  }

  /**
   * The elements as nested JavaScript arrays (a number for a 0-dimensional array).
   *
   * @example
   * ```ts
   * import { arange } from '@dl/linalg';
   * arange(4).reshape(2, 2).toArray(); // [[0, 1], [2, 3]]
   * ```
   */
  toArray(): NestedArray {
    if (this.ndim === 0) return this.data[0]!;
    const build = (axis: number, offset: number, stride: number): NestedArray[] => {
      const dim = this.shape[axis]!;
      const inner = stride / Math.max(dim, 1);
      const out: NestedArray[] = [];
      for (let i = 0; i < dim; i++) {
        out.push(
          axis === this.ndim - 1
            ? this.data[offset + i]!
            : build(axis + 1, offset + i * inner, inner),
        );
      }
      return out;
    };
    return build(0, 0, this.size);
  }

  /** The array printed as numpy's `print` shows it, e.g. `[[1. 2.]\n [3. 4.]]`. */
  toString(): string {
    return formatArray(this);
  }

  /** Node's `console.log` shows the numpy-style text. @internal */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `NDArray(${formatShape(this.shape)}, ${this.dtype})\n${this.toString()}`;
  }
}

/**
 * The compressed rows standing in for `a`'s elements, for kernels that can run over them: only
 * while the elements have not been made (after that, `data` may have been written to, and it is
 * the array), and only when `a` is their matrix, `[rows, cols]`.
 *
 * @param a - any array
 * @returns the rows, or undefined when `a` is an ordinary array, its data has been read, or it
 * holds the rows' elements in another shape
 */
export function sparseRowsOf(a: NDArray): SparseRows | undefined {
  const rows = lazyRowsOf(a);
  // A product, images or elements kept back are dense: they are made, not compressed.
  return rows && a.ndim === 2 && a.shape[0] === rows.rows && !standsForDense(rows)
    ? rows
    : undefined;
}

/**
 * The rows standing in for `a`'s elements while they have not been made, whatever `a`'s shape.
 *
 * @param a - any array
 * @returns the rows, or undefined when `a` is an ordinary array or its data has been read
 */
export function lazyRowsOf(a: NDArray): SparseRows | undefined {
  const rows = (a as unknown as { sparse: SparseRows | undefined }).sparse;
  return rows === undefined || rows.densified ? undefined : rows;
}

/**
 * The same permutation on fewer axes: runs of axes that stay next to each other in the same order
 * are merged into one (their sizes multiplied), and axes of size 1 dropped.
 */
function mergeAxes(
  shape: readonly number[],
  perm: readonly number[],
): { shape: number[]; perm: number[] } {
  const kept = perm.filter((a) => shape[a] !== 1);
  const runs: number[][] = [];
  for (const a of kept) {
    const last = runs.at(-1);
    if (last && last.at(-1)! + 1 === a) last.push(a);
    else runs.push([a]);
  }
  // The merged axes, numbered by where their runs start in the original order.
  const order = [...runs].sort((x, y) => x[0]! - y[0]!);
  const merged = order.map((run) => run.reduce((n, a) => n * shape[a]!, 1));
  const newPerm = runs.map((run) => order.indexOf(run));
  return { shape: merged, perm: newPerm };
}

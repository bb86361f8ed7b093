import type { ConvGeometry } from '../conv-geometry.js';
import type { TypedArray } from '../dtype.js';
import type { GemmShape } from './gemm-reference.js';
import type { Parked } from './scratch.js';

/**
 * Passed by this package's own code, whose rows are right by construction, to skip the checks of
 * the constructor (a pass over every entry). Not exported from the package.
 */
export const TRUSTED_ROWS: unique symbol = Symbol('trusted rows');

/** The three arrays of compressed rows (see {@link SparseRows}). */
export interface RowArrays {
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array | Float32Array;
}

/**
 * Where rows come from when they are not given as arrays: rows of bytes picked from a larger set
 * and looked up in a table (a batch of MNIST images, see `takeRowsSparse`). Kernels that can
 * compress the bytes where they compute (the WebAssembly product) read this and never make the
 * arrays; `arrays` and `dense` make them when something else asks. Internal to the package.
 */
export interface ByteSource {
  readonly kind: 'bytes';
  /** All rows of bytes, `rowLength` each. */
  readonly bytes: Uint8Array;
  readonly rowLength: number;
  /** The picked rows, in order. */
  readonly picks: Int32Array;
  /** 256 values, `table[0]` = +0. */
  readonly table: Float64Array | Float32Array;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements. */
  dense(): TypedArray;
}

/**
 * Rows that are a batch of images unfolded by im2col (`[N·OH·OW, C·FH·FW]`), kept as the images
 * (a copy, FH·FW / stride² times smaller) and the geometry: the WebAssembly product unfolds them
 * in its own memory, where it multiplies, so the unfolded matrix is never made in JavaScript, nor
 * copied in. `arrays` and `dense` make it when something else asks. Internal to the package.
 */
export interface UnfoldSource {
  readonly kind: 'unfold';
  /** The checked geometry of the unfolding. */
  readonly g: ConvGeometry;
  /**
   * The images `[N, C, H, W]`, a copy of the elements im2col was given (made from the park when
   * first read, when they are a ReLU's output kept there).
   */
  readonly x: Float64Array | Float32Array;
  /** The ReLU's output in the park that the images are, when they are (see ParkedSource). */
  readonly parked?: ParkedSource | undefined;
  /**
   * Of a pooling's `max` and `argmax` over these windows, computed together, the one not yet
   * asked for (see kernels/pool.ts), handed out once.
   */
  pooled?: { op: 'max' | 'argmax'; values: Float64Array | Float32Array } | undefined;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements. */
  dense(): TypedArray;
}

/**
 * A vector given as the planes `[batches, planes, len]` it was moved from: the vector is them with
 * the planes moved last (`[N, C, OH, OW]` → `transpose(0, 2, 3, 1)`, flattened; len = OH·OW), as
 * the pooling layer reorders its dout.
 */
export interface MovedPlanes {
  readonly x: Float64Array | Float32Array;
  readonly batches: number;
  readonly planes: number;
  readonly len: number;
}

/**
 * Rows that hold one value each, `values[r]` at column `at[r]` (the pooling layer's dmax: each
 * window's gradient at its maximum), kept as those two arrays (copies, or arrays nothing else
 * writes): col2im adds them where they belong without making the matrix. The values may be kept
 * as the planes they are moved from (the layer's dout before `transpose(0, 2, 3, 1)`), which the
 * kernel reads in their own order; `values` then makes them in the rows' order when first read.
 * `arrays` and `dense` make the matrix when something else asks. Internal to the package.
 */
export interface ScatterSource {
  readonly kind: 'scatter';
  /** The column of each row's value, as the (whole) numbers argmax gives, of the values' type. */
  readonly at: Float64Array | Float32Array;
  /** Each row's value, in the rows' order (made from `fromPlanes` on the first read). */
  readonly values: Float64Array | Float32Array;
  /**
   * The values as the planes `[batches, planes, len]` they were moved from (row r =
   * (b·len + p)·planes + ch holds element (b·planes + ch)·len + p), when given so.
   */
  readonly fromPlanes: MovedPlanes | undefined;
  /** Columns of the matrix. */
  readonly cols: number;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements. */
  dense(): TypedArray;
}

/**
 * Rows that are a batch of planes `x` [batches, planes, len] with the planes moved last (the
 * matrix `[batches·len, planes]` of `transpose(0, 2, 3, 1)` reshaped, the convolution's dout in its
 * backward pass), kept as the planes (a copy): the WebAssembly product reads the rows of the
 * matrix's transpose straight from them, and the sum over its rows adds each plane in turn (see
 * kernels/planes.ts). `arrays` and `dense` make the matrix when something else asks. Internal to
 * the package.
 */
export interface PlanesSource {
  readonly kind: 'planes';
  /**
   * The planes `[batches, planes, len]`: a copy of the elements transposed, or, when they are a
   * pooling layer's dx not yet made (the ReLU's backward of it), that dx, which the WebAssembly
   * product makes where it reads the planes.
   */
  readonly x: Float64Array | Float32Array | PooledSource;
  readonly batches: number;
  readonly planes: number;
  readonly len: number;
  /**
   * The sum over the matrix's rows (one per plane), once a product has had the planes in the
   * kernels' memory and added them up there (the convolution's db after its dW).
   */
  sums?: Float64Array | Float32Array;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements. */
  dense(): TypedArray;
}

/**
 * A product not yet made: C = A·op(B) (+ a bias row), A a batch of images unfolded by im2col and
 * B small (the convolution's forward, `col · colWᵀ + b`), or C with each image's block of rows
 * transposed (`channelsFirst`: element [i][j][p] is C[i·len + p][j], what
 * `reshape(N, OH, OW, FN).transpose(0, 3, 1, 2)` makes of it). Kept as its operands (copies of B
 * and the bias; A's source holds its own copy of the images): what reads it next may take C
 * where the WebAssembly product makes it, without a copy out (the ReLU, see
 * kernels/product-later.ts). `arrays` and `dense` make the matrix when something else asks.
 * Internal to the package.
 */
export interface ProductSource {
  readonly kind: 'product';
  /** C's sizes and the flags of the product (A is not transposed). */
  readonly shape: GemmShape;
  /** The images A unfolds. */
  readonly a: UnfoldSource;
  /** B's elements, a copy. */
  readonly b: Float64Array | Float32Array;
  /** The row added to every row of C, a copy. */
  readonly bias: Float64Array | Float32Array | undefined;
  /** Set when the elements are C with each image's rows transposed: `batches` blocks of `len` rows. */
  readonly channelsFirst: { readonly batches: number; readonly len: number } | undefined;
  /** The same product channels first, in `batches` blocks of rows. */
  channelsFirstOf(batches: number): ProductSource;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements. */
  dense(): TypedArray;
}

/**
 * Images not yet made that are col2im of a pooling layer's dcol given as scatter rows (one value
 * per window, see {@link ScatterSource}): the pooling layer's dx `[N, C, H, W]`, kept as the
 * scatter rows (already copies), and, after the ReLU's backward, a copy of its mask: the
 * convolution's backward that reads them next as planes takes them where the WebAssembly kernels
 * add them up, without a copy out or in (see kernels/add-up.ts). `arrays` and `dense` make the
 * images, as rows of `W`, when something else asks. Internal to the package.
 */
export interface PooledSource {
  readonly kind: 'pooled';
  /** The checked geometry of the pooling. */
  readonly g: ConvGeometry;
  /** The window values and where in its window each goes. */
  readonly scatter: ScatterSource;
  /**
   * A copy of a ReLU's mask when these are the ReLU's dx of the pooling's (its backward after the
   * pooling's): the images are 0 where it is nonzero.
   */
  readonly mask: Uint8Array | undefined;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements. */
  dense(): TypedArray;
}

/**
 * Elements a kernel has just written into a new array that nothing else holds yet (the ReLU's
 * output, its backward's, a large product, pooling's maxima and their positions): kept back, so
 * that what takes a copy of its operand to stand on (im2col, the transpose that moves channels
 * last, scatterRows' positions) can stand on them without copying. Read, they are handed out as
 * they are while nothing stands on them, and as a copy once something does, so that writes to the
 * array never reach it. Internal to the package.
 */
export interface UnsharedSource {
  readonly kind: 'unshared';
  /** The elements, never written once something stands on them. */
  readonly x: Float64Array | Float32Array;
  /** Whether something stands on the elements (set by whatever keeps `x`). */
  taken: boolean;
  /**
   * When every element is known to be a whole number from 0 to `below − 1` (a pooling's argmax:
   * positions in its windows, as its kernel writes them).
   */
  readonly below?: number;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements: `x` itself, or a copy once taken. */
  dense(): TypedArray;
}

/**
 * A new array of `batches` matrices `rows × cols` whose elements were written with each matrix
 * transposed, `cols × rows` (a pooling's maxima, written channels first, see kernels/pool.ts):
 * the transpose that puts them so, `(0, 3, 1, 2)` of `[N, OH, OW, C]`, is then a copy of `x`, and
 * the array's own elements are made, moved back, only when read. Internal to the package.
 */
export interface MovedSource {
  readonly kind: 'moved';
  /** The elements, each matrix transposed; never written. */
  readonly x: Float64Array | Float32Array;
  readonly batches: number;
  readonly rows: number;
  readonly cols: number;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements (the matrices moved back): new ones, each time. */
  dense(): TypedArray;
}

/**
 * The ReLU's output of a convolution's product not yet made (see ProductSource), kept in the
 * kernels' memory where the ReLU wrote it (the park, see kernels/scratch.ts) until another result
 * takes its place: a pooling that reads it next takes it from there, never copied out nor in (see
 * kernels/pool.ts). Read after that, it is made again from the product, with the same numbers.
 * `arrays` and `dense` make it when something else asks. Internal to the package.
 */
export interface ParkedSource {
  readonly kind: 'parked';
  /** The product the ReLU cut below zero. */
  readonly product: ProductSource;
  /** Where in the park the output was written, while it is there. */
  readonly parked: Parked;
  /** Makes the compressed rows. */
  arrays(): RowArrays;
  /** Makes the dense elements: new ones, each time. */
  dense(): TypedArray;
}

/** Where rows not given as arrays come from. */
export type RowSource =
  | ByteSource
  | UnfoldSource
  | ScatterSource
  | PlanesSource
  | ProductSource
  | PooledSource
  | UnsharedSource
  | MovedSource
  | ParkedSource;

/**
 * A matrix kept as its compressed rows (CSR, 압축 행 저장): for each row, the column indices and
 * values of its nonzero elements only. MNIST images are about 81% zeros, so a batch of them takes
 * a fifth of the room, and a product `x·W` over the nonzeros a fifth of the work.
 *
 * Layout: row `r`'s entries are `indices[q]`, `values[q]` for `q` from `starts[r]` up to
 * `starts[r + 1] − 1`, in increasing column order; the slot just before `starts[r + 1]` is a
 * spare one that belongs to no element (the WebAssembly kernels fill rows without branching and
 * need it). An {@link NDArray} can stand on a `SparseRows` (see {@link takeRowsSparse}): it is
 * then a dense array like any other, whose elements are made from these rows the first time its
 * `data` is read, and until then matrix products with it run over the nonzeros only.
 *
 * The arrays are read-only once given: the kernels keep a copy of the last rows they used and
 * know them again by the object, so rows changed in place would not be seen. (To change a matrix,
 * read `data` from an array standing on these rows: from then on its elements are the matrix.)
 *
 * @example
 * ```ts
 * import { SparseRows } from '@dl/linalg';
 * // [[0, 2, 0], [1, 0, 0]]: row 0 holds (column 1, value 2), row 1 holds (column 0, value 1).
 * const rows = new SparseRows(2, 3, new Int32Array([0, 2, 4]), new Int32Array([1, 0, 0, 0]),
 *   new Float64Array([2, 0, 1, 0]));
 * Array.from(rows.toDense()); // [0, 2, 0, 1, 0, 0]
 * ```
 */
export class SparseRows {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  private made: RowArrays | undefined;
  private readonly source: RowSource | undefined;
  private dense: TypedArray | undefined;

  /**
   * @param rows - number of rows
   * @param cols - number of columns
   * @param starts - `rows + 1` entry offsets, the layout above
   * @param indices - column index of each entry, in `[0, cols)`
   * @param values - value of each entry
   * @param trusted - internal: skips the checks
   * @throws RangeError when the arrays do not fit together, a row's columns are not increasing
   * and inside `[0, cols)`, or a row has no spare slot
   */
  constructor(
    rows: number,
    cols: number,
    starts: Int32Array,
    indices: Int32Array,
    values: Float64Array | Float32Array,
    trusted?: symbol,
  ) {
    const entries = starts[rows];
    if (
      !Number.isInteger(rows) ||
      !Number.isInteger(cols) ||
      rows < 0 ||
      cols < 0 ||
      starts.length !== rows + 1 ||
      entries === undefined ||
      indices.length < entries ||
      values.length < entries
    ) {
      throw new RangeError(
        `SparseRows: arrays do not fit; expected ${rows + 1} starts and as many indices and values as starts[rows], got ${starts.length} starts, ${indices.length} indices, ${values.length} values`,
      );
    }
    if (trusted !== TRUSTED_ROWS) checkRows(rows, cols, starts, indices);
    this.rows = rows;
    this.cols = cols;
    this.made = { starts, indices, values };
    this.source = undefined;
  }

  /**
   * Rows made from bytes only when needed (internal: `takeRowsSparse` uses it).
   *
   * @param source - the bytes, picks and table
   * @returns rows of `source.picks.length × source.rowLength`
   * @internal
   */
  static fromBytes(source: ByteSource): SparseRows {
    return SparseRows.fromSource(source, source.picks.length, source.rowLength);
  }

  /**
   * Rows of images unfolded only when needed (internal: `im2col` uses it).
   *
   * @param source - the images and the geometry
   * @returns rows of `N·OH·OW × C·FH·FW`
   * @internal
   */
  static fromUnfold(source: UnfoldSource): SparseRows {
    const { n, c, fh, fw, oh, ow } = source.g;
    return SparseRows.fromSource(source, n * oh * ow, c * fh * fw);
  }

  /**
   * Rows of one value each (internal: `scatterRows` uses it).
   *
   * @param source - the values and their columns
   * @returns rows of `source.at.length × source.cols`
   * @internal
   */
  static fromScatter(source: ScatterSource): SparseRows {
    return SparseRows.fromSource(source, source.at.length, source.cols);
  }

  /**
   * Planes moved last, made only when needed (internal: `NDArray.transpose` uses it).
   *
   * @param source - the planes
   * @returns rows of `batches·len × planes`
   * @internal
   */
  static fromPlanes(source: PlanesSource): SparseRows {
    return SparseRows.fromSource(source, source.batches * source.len, source.planes);
  }

  /**
   * A product made only when needed (internal: `matmul` and `NDArray.transpose` use it).
   *
   * @param source - the product
   * @returns rows of C's `m × n`, or, channels first, `batches·n × len`
   * @internal
   */
  static fromProduct(source: ProductSource): SparseRows {
    const { m, n } = source.shape;
    const first = source.channelsFirst;
    return first
      ? SparseRows.fromSource(source, first.batches * n, first.len)
      : SparseRows.fromSource(source, m, n);
  }

  /**
   * A pooling layer's dx made only when needed (internal: `col2im` uses it).
   *
   * @param source - the scatter rows and the geometry
   * @returns rows of `N·C·H × W`
   * @internal
   */
  static fromPooled(source: PooledSource): SparseRows {
    const { n, c, h, w } = source.g;
    return SparseRows.fromSource(source, n * c * h, w);
  }

  /**
   * A ReLU's output kept in the park (internal: the ReLU's kernels use it).
   *
   * @param source - the product and where its ReLU's output is
   * @returns one row of the output's elements
   * @internal
   */
  static fromParked(source: ParkedSource): SparseRows {
    const { m, n } = source.product.shape;
    return SparseRows.fromSource(source, 1, m * n);
  }

  /**
   * Elements kept back until read (internal: the ReLU's kernels use it).
   *
   * @param source - the elements
   * @returns one row of them
   * @internal
   */
  static fromUnshared(source: UnsharedSource): SparseRows {
    return SparseRows.fromSource(source, 1, source.x.length);
  }

  /**
   * Elements written with their matrices transposed (internal: a pooling's maxima).
   *
   * @param source - the elements
   * @returns one row of them
   * @internal
   */
  static fromMoved(source: MovedSource): SparseRows {
    return SparseRows.fromSource(source, 1, source.x.length);
  }

  private static fromSource(source: RowSource, rows: number, cols: number): SparseRows {
    const out = Object.create(SparseRows.prototype) as SparseRows;
    const fields = out as unknown as {
      rows: number;
      cols: number;
      made: RowArrays | undefined;
      source: RowSource;
      dense: TypedArray | undefined;
    };
    fields.rows = rows;
    fields.cols = cols;
    fields.made = undefined;
    fields.source = source;
    fields.dense = undefined;
    return out;
  }

  private arrays(): RowArrays {
    if (this.made === undefined) this.made = this.source!.arrays();
    return this.made;
  }

  /** Where each row's entries start, `rows + 1` of them; the last is the number of entries. */
  get starts(): Int32Array {
    return this.arrays().starts;
  }

  /** Column index of each entry. */
  get indices(): Int32Array {
    return this.arrays().indices;
  }

  /** Value of each entry (float64 or float32: the dtype of the matrix). */
  get values(): Float64Array | Float32Array {
    return this.arrays().values;
  }

  /** Whether the values are float32 (else float64), known without making the rows. */
  get float32(): boolean {
    const source = this.source;
    return (source === undefined ? this.made!.values : typedBy(source)) instanceof Float32Array;
  }

  /** Number of stored entries that are elements (spare slots not counted). */
  get nonzeros(): number {
    return this.starts[this.rows]! - this.rows;
  }

  /** Whether the dense elements have been made: from then on they, not these rows, are the matrix. */
  get densified(): boolean {
    return this.dense !== undefined;
  }

  /**
   * The dense row-major elements, `rows × cols`, made on the first call and the same array after.
   *
   * @returns the elements, of the values' type
   */
  toDense(): TypedArray {
    if (this.dense) return this.dense;
    if (this.made === undefined && this.source) {
      this.dense = this.source.dense();
      return this.dense;
    }
    const { rows, cols, starts, indices, values } = this;
    const out =
      values instanceof Float32Array
        ? new Float32Array(rows * cols)
        : new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      const end = starts[r + 1]! - 1;
      const base = r * cols;
      for (let q = starts[r]!; q < end; q++) out[base + indices[q]!] = values[q]!;
    }
    this.dense = out;
    return out;
  }
}

function checkRows(rows: number, cols: number, starts: Int32Array, indices: Int32Array): void {
  for (let r = 0; r < rows; r++) {
    const start = starts[r]!;
    if (r === 0 && start > 0) {
      throw new RangeError(
        `SparseRows: rows do not start at the first entry; expected starts[0] = 0, got ${start}`,
      );
    }
    const end = starts[r + 1]! - 1; // the spare slot
    if (start < 0 || end < start) {
      throw new RangeError(
        `SparseRows: row ${r} is malformed; expected starts[${r}] ≥ 0 and starts[${r + 1}] ≥ starts[${r}] + 1 (one spare slot per row), got ${start} and ${end + 1}`,
      );
    }
    let prev = -1;
    for (let q = start; q < end; q++) {
      const c = indices[q]!;
      if (!Number.isInteger(c) || c <= prev || c >= cols) {
        throw new RangeError(
          `SparseRows: row ${r} has a bad column; expected increasing indices in [0, ${cols - 1}], got ${c} after ${prev}`,
        );
      }
      prev = c;
    }
  }
}

/**
 * The byte source of rows made by `takeRowsSparse` whose arrays have not been made, for kernels
 * that compress the bytes themselves; undefined otherwise.
 *
 * @param rows - any rows
 */
export function byteSourceOf(rows: SparseRows): ByteSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'bytes' ? source : undefined;
}

/**
 * The images and geometry of rows made by `im2col` whose dense elements and arrays have not been
 * made, for kernels that unfold the images themselves; undefined otherwise.
 *
 * @param rows - any rows
 */
export function unfoldSourceOf(rows: SparseRows): UnfoldSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'unfold' && !rows.densified ? source : undefined;
}

/**
 * The values and columns of rows made by `scatterRows` whose dense elements and arrays have not
 * been made, for kernels that place them themselves; undefined otherwise.
 *
 * @param rows - any rows
 */
export function scatterSourceOf(rows: SparseRows): ScatterSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'scatter' && !rows.densified ? source : undefined;
}

/**
 * The planes of rows made by `NDArray.transpose` (channels moved last) whose dense elements and
 * arrays have not been made, for kernels that read them from the planes; undefined otherwise.
 *
 * @param rows - any rows
 */
export function planesSourceOf(rows: SparseRows): PlanesSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'planes' && !rows.densified ? source : undefined;
}

/**
 * The product of rows made by `matmul` (an im2col array times a small B) whose dense elements and
 * arrays have not been made, for kernels that take C where it is made; undefined otherwise.
 *
 * @param rows - any rows
 */
export function productSourceOf(rows: SparseRows): ProductSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'product' && !rows.densified ? source : undefined;
}

/**
 * The pooling layer's dx of rows made by `col2im` whose dense elements and arrays have not been
 * made, for kernels that take it where it is made; undefined otherwise.
 *
 * @param rows - any rows
 */
export function pooledSourceOf(rows: SparseRows): PooledSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'pooled' && !rows.densified ? source : undefined;
}

/**
 * The ReLU's output in the park (see ParkedSource), when the rows stand for it and have not been
 * made dense; undefined otherwise.
 *
 * @param rows - any rows
 */
export function parkedSourceOf(rows: SparseRows): ParkedSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'parked' && !rows.densified ? source : undefined;
}

/**
 * The elements kept back by rows that stand for a new array not yet read (see UnsharedSource),
 * for kernels that read them without copying; undefined otherwise.
 *
 * @param rows - any rows
 */
export function unsharedSourceOf(rows: SparseRows): UnsharedSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'unshared' && !rows.densified ? source : undefined;
}

/**
 * The elements written with their matrices transposed, of rows that stand for a new array not yet
 * read (see MovedSource); undefined otherwise.
 *
 * @param rows - any rows
 */
export function movedSourceOf(rows: SparseRows): MovedSource | undefined {
  const source = sourceOf(rows);
  return source?.kind === 'moved' && !rows.densified ? source : undefined;
}

/**
 * Whether the rows stand for a matrix that is dense by nature (a product, images, elements kept
 * back), which products make rather than compress.
 *
 * @param rows - any rows
 */
export function standsForDense(rows: SparseRows): boolean {
  const kind = sourceOf(rows)?.kind;
  return (
    kind === 'product' ||
    kind === 'pooled' ||
    kind === 'unshared' ||
    kind === 'moved' ||
    kind === 'parked'
  );
}

/**
 * The dense elements of rows not yet made, made for the caller alone: the rows do not keep them
 * (an array standing on the rows stays so), and nothing else holds them.
 *
 * @param rows - any rows
 * @returns a new array, or undefined when the rows are given or made as arrays, or made dense
 */
export function denseAfresh(rows: SparseRows): TypedArray | undefined {
  const source = sourceOf(rows);
  return source !== undefined && !rows.densified ? source.dense() : undefined;
}

/** An array of the source's element type. */
function typedBy(source: RowSource): TypedArray {
  switch (source.kind) {
    case 'bytes':
      return source.table;
    case 'product':
      return source.b;
    case 'parked':
      return source.product.b;
    case 'pooled':
      return source.scatter.at;
    case 'planes':
      return ArrayBuffer.isView(source.x) ? source.x : typedBy(source.x);
    case 'scatter':
      return source.at;
    default:
      return source.x;
  }
}

function sourceOf(rows: SparseRows): RowSource | undefined {
  const fields = rows as unknown as { made: RowArrays | undefined; source: RowSource | undefined };
  return fields.made === undefined ? fields.source : undefined;
}

/**
 * Compressed rows (with spare slots) of dense row-major elements, in plain loops.
 *
 * @param dense - `n · cols` elements
 * @param n - rows
 * @param cols - columns
 */
export function compressDense(
  dense: Float64Array | Float32Array,
  n: number,
  cols: number,
): RowArrays {
  let count = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) count++;
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(count + n);
  const values =
    dense instanceof Float32Array ? new Float32Array(count + n) : new Float64Array(count + n);
  let q = 0;
  for (let r = 0; r < n; r++) {
    starts[r] = q;
    for (let j = 0; j < cols; j++) {
      const v = dense[r * cols + j]!;
      if (v !== 0) {
        indices[q] = j;
        values[q] = v;
        q++;
      }
    }
    q++; // the spare slot
  }
  starts[n] = q;
  return { starts, indices, values };
}

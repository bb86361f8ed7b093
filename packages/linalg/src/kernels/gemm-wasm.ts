import type { ConvGeometry } from '../conv-geometry.js';
import type { TypedArray } from '../dtype.js';
import { align16 } from './align.js';
import type { GemmShape } from './gemm-reference.js';
import { residentAddress } from './resident.js';
import {
  ensureMemory,
  MAX_MEMORY_BYTES,
  reserveSparseCache,
  scratchAddress,
  scratchPast,
} from './scratch.js';
import { byteSourceOf, type SparseRows } from './sparse-rows.js';
import { compressPicked, compressScratchBytes } from './take-rows.js';
import {
  denseChunks,
  gemmDenseParallel,
  gemmRowsParallel,
  planesWindowsBytes,
  transposeParallel,
  transposeScratchBytes,
} from './threads.js';
import { type WasmKernels, wasmKernels } from './wasm-kernels.js';

/**
 * The sparse kernel is used when at most this share of op(A)'s elements are nonzero. Measured for
 * 100×784·784×50 on Node 20: gathering the nonzeros costs about a sixth of the dense product, and
 * each nonzero then about twice what the dense kernel spends per element (it cannot reuse a loaded
 * row of B across rows of A), so the two break even near 40% nonzeros. MNIST images are about 19%
 * nonzero (1.5–1.8× faster); ReLU outputs, about half, stay dense.
 */
export const SPARSE_MAX_DENSITY = 0.35;

/**
 * The last sparse product's op(A), whose A and gathered rows are in the sparse cache:
 * `rows,cols,transA,size` of op(A). The gathered rows do not depend on B, so n is not part of it.
 */
let lastSparseKey: string | undefined;

/** Operands larger than this together go to the TypeScript kernel (see {@link gemmWasm}). */
const MAX_OPERAND_BYTES = 2 ** 30;

/**
 * Bytes of the dense kernel's packing space (`workBytes64`/`workBytes32` of assembly/gemm.ts,
 * computed here in doubles so that a huge n cannot overflow): KC = 256 rows of B in panels of
 * NR = 4 (float64) or 8 (float32) columns, MC × KC = 96 × 256 elements of A, and a partial
 * tile's 128 bytes of scratch.
 */
export function packingBytes(n: number, size: number): number {
  const nr = size === 8 ? 4 : 8;
  return 128 + (256 * Math.ceil(n / nr) * nr + 96 * 256) * size;
}

/**
 * The largest transposed B (`k·n` elements) that is written untransposed as it is copied in, so
 * that a mostly-zero A can still go to the sparse kernel (which reads B by rows): a convolution's
 * filters in `col · colWᵀ`, 30 × 25 in SimpleConvNet, at most 64 × 576 in DeepConvNet.
 */
const FLIP_B_MAX = 65_536;

/**
 * An operand made where the product needs it, in the module's memory, instead of copied there
 * from a typed array: the unfolded images of im2col, made from the (much smaller) images.
 */
export interface OperandMaker {
  /** Bytes of work space the maker keeps its input in, from `prepare` to `make` or `makeRows`. */
  readonly workBytes: number;
  /**
   * Puts what the operand is made from at `work` (16-byte aligned) and returns an estimate of the
   * share of the operand's elements that are nonzero.
   */
  prepare(w: WasmKernels, work: number): number;
  /** Writes the operand's elements at `at`, after `prepare(w, work)`. */
  make(w: WasmKernels, at: number, work: number): void;
  /**
   * Writes the operand's nonzeros as compressed rows (the layout of compressRows, room for every
   * element) at `starts`, `cols`, `vals`, after `prepare(w, work)`, and returns the entry count.
   */
  makeRows(w: WasmKernels, starts: number, cols: number, vals: number, work: number): number;
  /**
   * When the maker can multiply without making the rows: C (m × n, at `c`) = op(A) · B (k × n at
   * `b`) plus the bias row at `bias` (0 for none), C overwritten, after `prepare(w, work)`; the
   * same numbers as `makeRows` and the sparse product.
   */
  readonly multiply?: (
    w: WasmKernels,
    work: number,
    n: number,
    b: number,
    c: number,
    bias: number,
  ) => void;
  /**
   * For an operand unfolded from images (im2col): their geometry. `prepare` puts the images at
   * `work`, with at least 64 bytes of room after them.
   */
  readonly unfolds?: ConvGeometry;
  /**
   * When the maker, as A, can multiply the windows of images of geometry g (pad 0) where they
   * lie, B = im2col(images) never made: what does it, C (m × n, at `c`) = op(A) · im2col(images
   * at `x`), C overwritten, after `prepare(w, work)`, with the same numbers as `makeRows` and the
   * sparse product (`table` has `planesWindowsBytes(w, g)` bytes); otherwise undefined.
   */
  readonly windowsOf?: (g: ConvGeometry) => WindowsProduct | undefined;
  /**
   * When the maker can also put C channels first as `multiply` makes it (see
   * {@link ProductFinish.moved}): the bytes it needs past `workBytes` for an n-column C, and the
   * product, C written to `dst` moved (through the ReLU, its mask bytes at `mask`, when that is
   * not 0); the same numbers as `multiply` followed by the move.
   */
  readonly multiplyFirst?: {
    bytes(n: number): number;
    run(
      w: WasmKernels,
      work: number,
      n: number,
      b: number,
      bias: number,
      dst: number,
      mask: number,
    ): void;
  };
}

/** See {@link OperandMaker.windowsOf}. */
export type WindowsProduct = (
  w: WasmKernels,
  work: number,
  x: number,
  c: number,
  table: number,
) => void;

type Operand = TypedArray | OperandMaker;

/**
 * What is done with C where the product made it, in the module's memory, in place of copying it
 * out: the convolution's output put channels first and through the ReLU before it leaves (see
 * kernels/product-later.ts).
 */
export interface ProductFinish {
  /** Bytes of work space `run` needs. */
  readonly bytes: number;
  /** Reads the m × n C at `c`, with `bytes` bytes free at `work` (16-byte aligned). */
  run(w: WasmKernels, c: number, work: number): void;
  /**
   * When `run` puts C channels first, the images' rows (`m / images` each) transposed: what lets a
   * product that makes C image by image move each image's C itself. `place` says where the moved C
   * goes and where the ReLU's mask bytes go (0 for no ReLU); `done` then takes over from `run`.
   */
  readonly moved?: {
    readonly images: number;
    place(w: WasmKernels, work: number): { at: number; mask: number };
    done(w: WasmKernels, work: number): void;
  };
}

function isMaker(x: Operand): x is OperandMaker {
  return !ArrayBuffer.isView(x);
}

/** Below this many elements of op(A), counting the nonzeros is not worth it. */
const SPARSE_MIN_ELEMENTS = 1024;

/**
 * Makes the sparse cache at least `need` bytes and returns its address (see reserveSparseCache);
 * when what it held is lost, this file's record of it is forgotten too.
 */
function reserveCache(w: WasmKernels, need: number): number {
  const { at, cleared } = reserveSparseCache(w, need);
  if (cleared) {
    lastSparseKey = undefined;
    cachedRows = undefined;
  }
  return at;
}

/**
 * `C = op(A) · op(B) (+ C)` on the WebAssembly SIMD kernels of assembly/gemm.ts. The element
 * type is `c`'s: float32 when `c` is a `Float32Array` (then `a` and `b` are read as float32),
 * float64 otherwise.
 *
 * @param s - the sizes and transposition flags
 * @param a - the elements of `A`, or what makes them in place (then A is used untransposed)
 * @param b - the elements of `B`, or what makes them in place (then B is not transposed)
 * @param c - the elements of `C`, written in place (unless `finish` is given: then it only tells
 * the element type, and `finish` takes C where it was made)
 * @param bias - a row added to every row of C
 * @param finish - run on C in the module's memory instead of copying C out to `c`
 * @returns false (and nothing written) when WebAssembly is unavailable or its memory cannot grow,
 * or a made operand is transposed, so that the caller can fall back to TypeScript
 */
export function gemmWasm(
  s: GemmShape,
  a: Operand,
  b: Operand,
  c: TypedArray,
  bias?: TypedArray,
  finish?: ProductFinish,
): boolean {
  const w = wasmKernels();
  if (!w) return false;
  const aMade = isMaker(a);
  const bMade = isMaker(b);
  if ((aMade && s.transA) || (bMade && s.transB)) return false;
  const { m, n, k } = s;
  const f32 = c instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const View = f32 ? Float32Array : Float64Array;
  // Operands are copied into the module's memory and the product out, unless they are resident
  // arrays (B and C, below). The copies are plain memcpys of m·k + k·n + m·n elements against
  // 2·m·n·k flops: from the 100 × 784 · 784 × 50 product up they cost a small fraction of the
  // kernel (bench/matmul.ts measures both).
  const aBytes = m * k * size;
  const bBytes = k * n * size;
  const cBytes = m * n * size;
  // The kernels address memory with 32-bit integers: beyond 1 GiB of operands (far past anything
  // the lecture needs) the TypeScript kernel takes over.
  if (aBytes + bBytes + cBytes > MAX_OPERAND_BYTES) return false;
  // Memory, from the heap base: the sparse cache (a copy of the last sparse product's A and its
  // gathered rows, kept so that the same A next time is not gathered again: a numerical gradient
  // computes x·W1 twice per weight with the same x, and other products come in between), then
  // this call's A, B, C and the dense kernel's packing space.
  // A small op(B) = Bᵀ (a convolution's filters) is transposed as it is copied in, so that a
  // mostly-zero A (im2col of MNIST digits) can still go to the sparse kernel.
  const flipB = s.transB && k * n <= FLIP_B_MAX;
  const sparseOk = (!s.transB || flipB) && m * k >= SPARSE_MIN_ELEMENTS;
  // A made A is not kept in the sparse cache: its rows are gathered in the work space.
  const cacheNeed = sparseOk && !aMade ? align16(aBytes) + w.sparseWorkBytes(m, k, size) : 0;
  const prevAt = reserveCache(w, cacheNeed);
  const rowsAt = align16(prevAt + aBytes);
  const aAt = scratchPast(prevAt);
  const bAt = align16(aAt + aBytes);
  const cAt = align16(bAt + bBytes);
  const work = align16(cAt + cBytes);
  const tA = s.transA ? 1 : 0;
  const tB = s.transB && !flipB ? 1 : 0;
  const key = `${m},${k},${tA},${size}`;
  // Backprop's dW = xᵀ·dout right after the forward x·W: the cache may hold the rows of x, from
  // which the rows of xᵀ are a cheap transpose (they are built at `work`, the cache stays).
  const transposedKey = `${k},${m},0,${size}`;
  const fromTransposed = sparseOk && !aMade && s.transA && lastSparseKey === transposedKey;
  // The dense kernel's packing space grows with n (256 rows of B packed at a time): a very wide,
  // thin product could need more than 32-bit addresses reach, and then goes to TypeScript.
  // A dense product shared among threads packs into one space per chunk.
  const chunks = denseChunks(m, n, k, f32);
  const packBytes = align16(packingBytes(n, size));
  const rowsInWork = fromTransposed || (aMade && sparseOk);
  const top = work + Math.max(chunks * packBytes, rowsInWork ? w.sparseWorkBytes(m, k, size) : 0);
  const biasAt = align16(top);
  const makerAt = align16(bias ? biasAt + n * size : top);
  // A product that moves C channels first itself (see ProductFinish.moved) needs more space.
  const moved = finish?.moved;
  const first =
    aMade && a.multiplyFirst && moved && a.unfolds?.n === moved.images
      ? a.multiplyFirst
      : undefined;
  const makerBAt = align16(makerAt + (aMade ? a.workBytes + (first ? first.bytes(n) : 0) : 0));
  const finishAt = align16(makerBAt + (bMade ? b.workBytes : 0));
  // A convolution's dW = doutᵀ·col: the planes of dout may multiply the windows of the images
  // where they lie, B never made (the sparse kernel's numbers, without its rows or B written).
  const g = bMade ? b.unfolds : undefined;
  const windows = aMade && g && !s.accumulate && !bias ? a.windowsOf?.(g) : undefined;
  const tableAt = align16(finishAt + (finish ? finish.bytes : 0));
  const end = tableAt + (windows ? planesWindowsBytes(w, g!) : 0);
  if (end > MAX_MEMORY_BYTES || !ensureMemory(w, end)) return false;
  const buf = w.memory.buffer;
  const aDensity = aMade ? a.prepare(w, makerAt) : 1;
  if (!aMade) new View(buf, aAt, m * k).set(a.subarray(0, m * k));
  // B and C are used where they are when they are resident arrays (a network's W, its dW): no
  // copy of W in, none of dW out. C only when it overlaps neither B nor the bias (then C, cleared
  // or added to, would change them before they are read); A is always a copy.
  const bHome = bMade || flipB ? undefined : residentAddress(b);
  const cResident = finish ? undefined : residentAddress(c);
  const apart = (at: number | undefined, bytes: number) =>
    at === undefined || cResident! + cBytes <= at || at + bytes <= cResident!;
  const cHome =
    cResident !== undefined &&
    apart(bHome, bBytes) &&
    (bias === undefined || apart(residentAddress(bias), n * size))
      ? cResident
      : undefined;
  const bIn = bHome ?? bAt;
  const cIn = cHome ?? cAt;
  if (bMade) {
    b.prepare(w, makerBAt);
    if (!windows) b.make(w, bAt, makerBAt);
  } else if (flipB) {
    // B is n × k: op(B) = Bᵀ is written k × n, row by row.
    const bView = new View(buf, bAt, k * n);
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) bView[p * n + j] = b[j * k + p]!;
    }
  } else if (bHome === undefined) new View(buf, bAt, k * n).set(b.subarray(0, k * n));
  const cView = new View(buf, cIn, m * n);
  if (s.accumulate && cHome === undefined) cView.set(c.subarray(0, m * n));
  // A mostly-zero left operand (MNIST pixels) goes to the sparse kernel, unless B holds an
  // infinity or NaN (then 0·B must still be added, as numpy does). The same A as in the last
  // sparse product of this shape reuses the rows gathered then; the same A as in the last sparse
  // product untransposed transposes them. A made A is judged by its maker's estimate.
  const same =
    sparseOk && !aMade && lastSparseKey === key && w.bytesEqual(aAt, prevAt, aBytes) !== 0;
  const transposed = !same && fromTransposed && w.bytesEqual(aAt, prevAt, aBytes) !== 0;
  const sparse =
    sparseOk &&
    (same ||
      transposed ||
      (aMade
        ? aDensity <= SPARSE_MAX_DENSITY
        : (f32 ? w.countNonzero32(aAt, m * k) : w.countNonzero64(aAt, m * k)) <=
          SPARSE_MAX_DENSITY * m * k)) &&
    (windows
      ? allFinite(w, f32, makerBAt, g!.n * g!.c * g!.h * g!.w)
      : allFinite(w, f32, bIn, k * n));
  if (windows && !sparse) (b as OperandMaker).make(w, bAt, makerBAt);
  // The sparse kernel overwrites C (unless it accumulates) and adds the bias as it stores each
  // row; the dense one overwrites C too, and the bias is added after.
  const over = !s.accumulate;
  if (sparse && bias) putBias(w, f32, n, bias, biasAt);
  const biasIn = sparse && bias ? biasAt : 0;
  if (sparse && transposed) {
    // op(A) = Aᵀ is m × k; the cache holds the rows of the k × m A.
    if (f32) w.transposeRows32(k, m, rowsAt, work);
    else w.transposeRows64(k, m, rowsAt, work);
    sparseProduct(w, f32, m, n, k, tA, aAt, bIn, cIn, work, true, over, biasIn);
  } else if (sparse && windows) {
    // Multiplied straight from the planes and the images: neither A's rows nor B are written.
    windows(w, makerAt, makerBAt, cIn, tableAt);
  } else if (sparse && aMade && first && over) {
    // The same, each image's C moved channels first as it is made: C itself is not written.
    const { at, mask } = moved!.place(w, finishAt);
    first.run(w, makerAt, n, bIn, biasIn, at, mask);
    moved!.done(w, finishAt);
    return true;
  } else if (sparse && aMade && a.multiply && over) {
    // Multiplied straight from what A is made of: neither A's elements nor its rows are written.
    a.multiply(w, makerAt, n, bIn, cIn, biasIn);
  } else if (sparse && aMade) {
    // The rows are gathered straight from what A is made of: A's elements are never written.
    const cols = align16(work + 4 * (m + 1));
    const vals = align16(cols + 4 * (m * k + m));
    const entries = a.makeRows(w, work, cols, vals, makerAt);
    gemmRowsParallel(w, f32, m, n, entries, work, cols, vals, bIn, cIn, over, biasIn);
  } else if (sparse) {
    sparseProduct(w, f32, m, n, k, tA, aAt, bIn, cIn, rowsAt, same === true, over, biasIn);
    if (!same) new Uint8Array(buf, prevAt, aBytes).set(new Uint8Array(buf, aAt, aBytes));
    lastSparseKey = key;
    cachedRows = undefined; // the cache now holds this A's rows
  } else {
    if (aMade) a.make(w, aAt, makerAt);
    // C overwritten by the first block of k (or cleared, when there is none).
    if (over && k === 0) cView.fill(0);
    const o = over ? 1 : 0;
    gemmDenseParallel(w, f32, chunks, m, n, k, tA, tB, aAt, bIn, cIn, work, packBytes, o);
    if (bias) addBias(w, f32, m, n, cIn, bias, biasAt);
  }
  if (finish) finish.run(w, cIn, finishAt);
  else if (cHome === undefined) c.set(cView);
  return true;
}

/**
 * C += op(A) · B over the nonzeros of the m × k op(A): its rows compressed at `rows` (unless
 * `compressed`: already there, from the last product with the same A or a transpose of its rows),
 * then multiplied with the rows of C shared among the threads. Each row of C is added up as on
 * one thread, so the numbers do not depend on the thread count. `over` and `bias` as in
 * {@link gemmRowsParallel}.
 */
function sparseProduct(
  w: WasmKernels,
  f32: boolean,
  m: number,
  n: number,
  k: number,
  tA: number,
  aAt: number,
  bAt: number,
  cAt: number,
  rows: number,
  compressed: boolean,
  over: boolean,
  bias: number,
): void {
  const entries = compressed
    ? new Int32Array(w.memory.buffer, rows + 4 * m, 1)[0]!
    : (f32 ? w.compressRows32 : w.compressRows64)(m, k, tA, aAt, rows);
  const cols = align16(rows + 4 * (m + 1));
  const vals = align16(cols + 4 * (m * k + m));
  gemmRowsParallel(w, f32, m, n, entries, rows, cols, vals, bAt, cAt, over, bias);
}

/** Whether the `len` elements at `at` are all finite (no infinity, no NaN). */
function allFinite(w: WasmKernels, f32: boolean, at: number, len: number): boolean {
  return (f32 ? w.allFinite32(at, len) : w.allFinite64(at, len)) !== 0;
}

/** Copies the n values of `bias` to `at`. */
function putBias(w: WasmKernels, f32: boolean, n: number, bias: TypedArray, at: number): void {
  new (f32 ? Float32Array : Float64Array)(w.memory.buffer, at, n).set(bias.subarray(0, n));
}

/** C += the row `bias` on every row, in WebAssembly (`bias` copied to `at` first). */
function addBias(
  w: WasmKernels,
  f32: boolean,
  m: number,
  n: number,
  cAt: number,
  bias: TypedArray,
  at: number,
): void {
  putBias(w, f32, n, bias, at);
  if (f32) w.addRow32(m, n, cAt, at);
  else w.addRow64(m, n, cAt, at);
}

/**
 * The SparseRows whose rows are in the sparse cache (from the last call of
 * {@link gemmSparseRowsWasm}), and whether the rows of its transpose are there too. A forward
 * pass's x·W1 and the backward pass's xᵀ·dout use the same x, and a numerical gradient the same x
 * 79,520 times: its rows are copied in once. SparseRows are not modified after they are made.
 */
let cachedRows: { rows: SparseRows; transposed: boolean; entries: number } | undefined;

/**
 * `C = op(A) · B (+ C)` for A given by its compressed rows (an array from `takeRowsSparse`), on the
 * WebAssembly kernels, without ever making A's dense elements: A's rows are copied in (a fifth of
 * the dense bytes for MNIST) and kept in the sparse cache for the next product with the same A,
 * transposed there when `transA` (rows of Aᵀ by a counting sort), and the product runs over the
 * nonzeros ({@link gemmRowsParallel}). The terms are added in the same order as the sparse path of
 * {@link gemmWasm} adds them for the same A given densely, so the result is the same bit for bit.
 *
 * @param s - the sizes and transposition flags (`transB` must be false)
 * @param rows - A's rows; A is `rows.rows × rows.cols`
 * @param b - the elements of `B`
 * @param c - the elements of `C`, written in place; its type must be that of A's values
 * @returns false (and nothing written) when this path cannot be taken: WebAssembly unavailable,
 * `transB`, A's values of another type than C, B holding an infinity or NaN (then `0 · B` must
 * count, and the caller multiplies A's dense elements), or memory that cannot grow
 */
export function gemmSparseRowsWasm(
  s: GemmShape,
  rows: SparseRows,
  b: TypedArray,
  c: TypedArray,
  bias?: TypedArray,
): boolean {
  const w = wasmKernels();
  if (!w || s.transB) return false;
  const f32 = c instanceof Float32Array;
  if (f32 !== rows.float32) return false;
  const { m, n, k } = s;
  const size = f32 ? 4 : 8;
  const View = f32 ? Float32Array : Float64Array;
  const r = rows.rows; // A is r × q; op(A) = Aᵀ (q × r) when transA
  const q = rows.cols;
  // Rows made from bytes (a batch from takeRowsSparse) are compressed here, straight into the
  // cache, with room for every element; rows given as arrays are copied in.
  const source = byteSourceOf(rows);
  const capacity = source ? r * q + r : rows.starts[r]!;
  // The sparse cache: A's rows, then the rows of Aᵀ (q + 1 starts, and at most the entries less
  // A's r spare slots plus Aᵀ's q), laid out for both so that they fit whichever product comes first.
  const tCapacity = capacity - r + q;
  const startsBytes = align16((r + 1) * 4);
  const colsBytes = align16(capacity * 4);
  const valsBytes = align16(capacity * size);
  const tStartsBytes = align16((q + 1) * 4);
  const tColsBytes = align16(tCapacity * 4);
  const rowsBytes = startsBytes + colsBytes + valsBytes;
  const cacheNeed = rowsBytes + tStartsBytes + tColsBytes + align16(tCapacity * size);
  // B and C are used where they are when they are resident arrays (a network's W and dW), else
  // copied into scratch space past the cache. The kernel may read a vector past B's last row:
  // past a resident B lies more of the memory (the scratch space), past a copied one lies C.
  const bHome = residentAddress(b);
  const cHome = residentAddress(c);
  const bBytes = bHome === undefined ? align16(k * n * size) + 16 : 0;
  const cBytes = cHome === undefined ? align16(m * n * size) : 0;
  const compressBytes = source ? compressScratchBytes(r, q, size) : 0;
  const transposeBytes = s.transA ? transposeScratchBytes(q) : 0;
  const biasBytes = bias ? align16(n * size) : 0;
  const scratchBytes = bBytes + cBytes + compressBytes + transposeBytes + biasBytes;
  if (cacheNeed + scratchBytes > MAX_OPERAND_BYTES) return false;
  const cacheAt = reserveCache(w, cacheNeed);
  const at = scratchAddress(w, scratchBytes);
  if (at === undefined) return false;
  const bAt = bHome ?? at;
  const cAt = cHome ?? at + bBytes;
  const buf = w.memory.buffer;
  if (bHome === undefined) new View(buf, bAt, k * n).set(b.subarray(0, k * n));
  if ((f32 ? w.allFinite32(bAt, k * n) : w.allFinite64(bAt, k * n)) === 0) return false;
  const startsAt = cacheAt;
  const colsAt = startsAt + startsBytes;
  const valsAt = colsAt + colsBytes;
  if (cachedRows?.rows !== rows) {
    let entries: number;
    if (source) {
      const { bytes, rowLength, picks, table } = source;
      entries = compressPicked(
        w,
        bytes,
        rowLength,
        picks,
        table,
        at + bBytes + cBytes,
        startsAt,
        colsAt,
        valsAt,
      );
    } else {
      entries = rows.starts[r]!;
      new Int32Array(buf, startsAt, r + 1).set(rows.starts);
      new Int32Array(buf, colsAt, entries).set(rows.indices.subarray(0, entries));
      new View(buf, valsAt, entries).set(rows.values.subarray(0, entries));
    }
    lastSparseKey = undefined; // the dense path's cached A is overwritten
    cachedRows = { rows, transposed: false, entries };
  }
  const entries = cachedRows.entries;
  const cView = new View(buf, cAt, m * n);
  if (s.accumulate && cHome === undefined) cView.set(c.subarray(0, m * n));
  let opStarts = startsAt;
  let opCols = colsAt;
  let opVals = valsAt;
  if (s.transA) {
    opStarts = cacheAt + rowsBytes;
    opCols = opStarts + tStartsBytes;
    opVals = opCols + tColsBytes;
    if (!cachedRows.transposed) {
      const scratch = at + bBytes + cBytes + compressBytes;
      transposeParallel(
        w,
        f32,
        r,
        q,
        entries,
        startsAt,
        colsAt,
        valsAt,
        opStarts,
        opCols,
        opVals,
        scratch,
      );
      cachedRows.transposed = true;
    }
  }
  // C is overwritten (unless the product accumulates) and the bias added as each row is stored.
  const biasAt = at + scratchBytes - biasBytes;
  if (bias) putBias(w, f32, n, bias, biasAt);
  const over = !s.accumulate;
  gemmRowsParallel(
    w,
    f32,
    m,
    n,
    entries,
    opStarts,
    opCols,
    opVals,
    bAt,
    cAt,
    over,
    bias ? biasAt : 0,
  );
  if (cHome === undefined) c.set(cView);
  return true;
}

import type { TypedArray } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { residentAddress } from './resident.js';
import { scratchAddress } from './scratch.js';
import { type ByteSource, compressDense, type RowArrays, SparseRows } from './sparse-rows.js';
import { compressPickedParallel } from './threads.js';
import { type WasmKernels, wasmKernels } from './wasm-kernels.js';

/** Below this many output elements the plain loop is as fast as the copies into WebAssembly. */
const WASM_MIN_LENGTH = 2048;

/**
 * The readable definition of {@link takeRows}: `out[r·L + j] = table[bytes[indices[r]·L + j]]`.
 *
 * @param bytes - the rows of bytes, `L` bytes each, one after another
 * @param rowLength - `L`
 * @param indices - the rows to take, in order (repeats allowed); trusted to be in range
 * @param table - 256 values, one per byte value
 * @param out - `indices.length · L` elements, written
 */
export function takeRowsReference(
  bytes: Uint8Array,
  rowLength: number,
  indices: ArrayLike<number>,
  table: TypedArray,
  out: TypedArray,
): void {
  for (let r = 0; r < indices.length; r++) {
    const src = indices[r]! * rowLength;
    const dst = r * rowLength;
    for (let j = 0; j < rowLength; j++) out[dst + j] = table[bytes[src + j]!]!;
  }
}

/**
 * Batch gathering (배치): the rows `indices` of a byte matrix (MNIST images kept as bytes), turned
 * into floats through a 256-entry table (`b / 255` to normalise pixels), into one new array
 * `[indices.length × rowLength]` of the table's element type. This is numpy's
 * `table[images[batch_mask]]`, the float batch of a mini-batch step.
 *
 * With backend `'wasm'` and large enough batches the rows' bytes are copied into WebAssembly memory
 * and looked up there, blank runs of 16 zero bytes at a time (3–4× faster than the loop for a batch
 * of 100 MNIST images); the result is the table's values, so it is the same either way.
 *
 * @param bytes - the rows of bytes, `rowLength` bytes each, one after another
 * @param rowLength - bytes per row, a positive integer
 * @param indices - the rows to take (integers in `[0, rows)`, repeats allowed)
 * @param table - 256 values (a Float64Array or Float32Array): row byte `b` becomes `table[b]`
 * @returns a new array of `indices.length · rowLength` values, of `table`'s type
 * @throws RangeError when `rowLength` is not a positive integer dividing `bytes.length`, an index
 * is out of range, or `table` does not have 256 entries
 * @throws TypeError when `bytes` is not a Uint8Array or `table` not a float array
 * @example
 * ```ts
 * import { takeRows } from '@dl/linalg';
 * const images = new Uint8Array([0, 255, 51, 0, 0, 0]); // three 2-pixel images
 * const table = Float64Array.from({ length: 256 }, (_, b) => b / 255);
 * Array.from(takeRows(images, 2, [1, 0], table)); // [0.2, 0, 0, 1]
 * ```
 */
export function takeRows(
  bytes: Uint8Array,
  rowLength: number,
  indices: ArrayLike<number>,
  table: Float64Array | Float32Array,
): Float64Array | Float32Array {
  checkTakeRows('takeRows', bytes, rowLength, indices, table);
  const n = indices.length;
  const f32 = table instanceof Float32Array;
  const length = n * rowLength;
  const out = f32 ? new Float32Array(length) : new Float64Array(length);
  if (length >= WASM_MIN_LENGTH && getBackend() === 'wasm') {
    const w = wasmKernels();
    const size = f32 ? 4 : 8;
    // Memory: the table, the taken rows' bytes, then the floats.
    const at = w ? scratchAddress(w, 256 * size + length + 16 + length * size) : undefined;
    if (w && at !== undefined) {
      const srcAt = at + 256 * size;
      const dstAt = align16(srcAt + length);
      const buf = w.memory.buffer;
      const View = f32 ? Float32Array : Float64Array;
      new View(buf, at, 256).set(table);
      const src = new Uint8Array(buf, srcAt, length);
      gatherRows(bytes, rowLength, indices, src);
      if (f32) w.lookupBytes32(length, srcAt, at, dstAt);
      else w.lookupBytes64(length, srcAt, at, dstAt);
      out.set(new View(buf, dstAt, length));
      return out;
    }
  }
  takeRowsReference(bytes, rowLength, indices, table, out);
  return out;
}

/** The argument checks of {@link takeRows} and {@link takeRowsSparse}, under the name `op`. */
function checkTakeRows(
  op: string,
  bytes: Uint8Array,
  rowLength: number,
  indices: ArrayLike<number>,
  table: Float64Array | Float32Array,
): void {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `${op}: bytes must be a Uint8Array; expected bytes, got ${typeName(bytes)}`,
    );
  }
  if (!(table instanceof Float64Array || table instanceof Float32Array)) {
    throw new TypeError(
      `${op}: table must be a Float64Array or Float32Array; expected 256 floats, got ${typeName(table)}`,
    );
  }
  if (table.length !== 256) {
    throw new RangeError(
      `${op}: table does not cover every byte; expected 256 entries, got ${table.length}`,
    );
  }
  if (!Number.isInteger(rowLength) || rowLength <= 0 || bytes.length % rowLength !== 0) {
    throw new RangeError(
      `${op}: invalid rowLength; expected a positive integer dividing ${bytes.length}, got ${rowLength}`,
    );
  }
  const rows = bytes.length / rowLength;
  const n = indices.length;
  for (let r = 0; r < n; r++) {
    const k = indices[r]!;
    if (!Number.isInteger(k) || k < 0 || k >= rows) {
      throw new RangeError(
        `${op}: index out of range; expected integers in [0, ${rows - 1}], got ${k} at position ${r}`,
      );
    }
  }
}

function typeName(x: unknown): string {
  return (x as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof x;
}

/**
 * {@link takeRows} as an `[indices.length, rowLength]` {@link NDArray} standing on compressed rows
 * ({@link SparseRows}): the bytes are gathered and compressed in WebAssembly (blank runs of 16
 * bytes skipped at once) into the nonzero pixels only, and the dense floats are made only if the
 * array's `data` is read. Products with it (`x·W1` forward, `xᵀ·dout` backward) run over the
 * nonzeros, a fifth of an MNIST batch, with no dense copy in or out of WebAssembly. In every other
 * respect it is the array `takeRows` gives, element for element.
 *
 * Where the WebAssembly kernels are not used (backend `'js'`, no WebAssembly), for small batches,
 * and when `table[0]` is not +0 (then a zero byte is not a zero element), the array is an ordinary
 * one, made by `takeRows`.
 *
 * @param bytes - the rows of bytes, `rowLength` bytes each, one after another
 * @param rowLength - bytes per row, a positive integer
 * @param indices - the rows to take (integers in `[0, rows)`, repeats allowed)
 * @param table - 256 values (a Float64Array or Float32Array): byte `b` becomes `table[b]`
 * @returns a new `[indices.length, rowLength]` array of `table`'s type
 * @throws RangeError when `rowLength` is not a positive integer dividing `bytes.length`, an index
 * is out of range, or `table` does not have 256 entries
 * @throws TypeError when `bytes` is not a Uint8Array or `table` not a float array
 * @example
 * ```ts
 * import { matmul, ones, takeRowsSparse } from '@dl/linalg';
 * const images = new Uint8Array(3 * 64).fill(0);
 * images[64 + 5] = 255; // image 1 has one white pixel
 * const table = Float64Array.from({ length: 256 }, (_, b) => b / 255);
 * const x = takeRowsSparse(images, 64, [1, 0], table); // [2, 64]
 * matmul(x, ones([64, 3])).toArray(); // [[1, 1, 1], [0, 0, 0]]
 * x.get(0, 5); // 1
 * ```
 */
export function takeRowsSparse(
  bytes: Uint8Array,
  rowLength: number,
  indices: ArrayLike<number>,
  table: Float64Array | Float32Array,
): NDArray {
  checkTakeRows('takeRowsSparse', bytes, rowLength, indices, table);
  const n = indices.length;
  const length = n * rowLength;
  if (
    length >= WASM_MIN_LENGTH &&
    getBackend() === 'wasm' &&
    Object.is(table[0], 0) &&
    wasmKernels()
  ) {
    const picks = Int32Array.from(indices);
    const source: ByteSource = {
      kind: 'bytes',
      bytes,
      rowLength,
      picks,
      table,
      arrays: () => compressedArrays(bytes, rowLength, picks, table),
      dense: () => takeRows(bytes, rowLength, picks, table),
    };
    return new NDArray(SparseRows.fromBytes(source), [n, rowLength]);
  }
  return new NDArray(takeRows(bytes, rowLength, indices, table), [n, rowLength]);
}

/**
 * Compresses the picked rows of bytes into WebAssembly memory: copies the table and the rows' bytes
 * to `scratch` and writes the rows' starts, columns and values at `starts`, `cols`, `vals` (room
 * for picks.length · rowLength + picks.length entries). Blank runs of 16 bytes are skipped at once.
 *
 * @returns the number of entries written, spare slots included
 */
export function compressPicked(
  w: WasmKernels,
  bytes: Uint8Array,
  rowLength: number,
  picks: Int32Array,
  table: Float64Array | Float32Array,
  scratch: number,
  starts: number,
  cols: number,
  vals: number,
): number {
  const n = picks.length;
  const f32 = table instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const buf = w.memory.buffer;
  new (f32 ? Float32Array : Float64Array)(buf, scratch, 256).set(table);
  const srcAt = scratch + 256 * size;
  const home = residentAddress(bytes);
  if (home !== undefined) {
    // The bytes live in this memory (residentBytes): compress the picked rows where they lie.
    new Int32Array(buf, srcAt, n).set(picks);
    return compressPickedParallel(w, f32, n, rowLength, home, srcAt, scratch, starts, cols, vals);
  }
  const src = new Uint8Array(buf, srcAt, n * rowLength);
  gatherRows(bytes, rowLength, picks, src);
  const compress = f32 ? w.compressBytes32 : w.compressBytes64;
  return compress(n, rowLength, srcAt, scratch, starts, cols, vals);
}

/** Bytes of scratch space {@link compressPicked} needs for `n` rows of `rowLength` bytes. */
export function compressScratchBytes(n: number, rowLength: number, size: number): number {
  return align16(256 * size + n * Math.max(rowLength, 4));
}

/** The compressed rows of the picked byte rows as arrays of their own (made in WebAssembly). */
function compressedArrays(
  bytes: Uint8Array,
  rowLength: number,
  picks: Int32Array,
  table: Float64Array | Float32Array,
): RowArrays {
  const n = picks.length;
  const f32 = table instanceof Float32Array;
  const size = f32 ? 4 : 8;
  const slots = n * rowLength + n; // at most: every element, and a spare slot per row
  const w = wasmKernels();
  const startsAt = compressScratchBytes(n, rowLength, size);
  const colsAt = align16(startsAt + (n + 1) * 4);
  const valsAt = align16(colsAt + slots * 4);
  const at = w ? scratchAddress(w, valsAt + slots * size) : undefined;
  if (!w || at === undefined) {
    // No WebAssembly memory after all: compress the dense elements in plain loops.
    return compressDense(takeRows(bytes, rowLength, picks, table), n, rowLength);
  }
  const entries = compressPicked(
    w,
    bytes,
    rowLength,
    picks,
    table,
    at,
    at + startsAt,
    at + colsAt,
    at + valsAt,
  );
  // The values moved down to just after the columns, so that the rows come out in one copy
  // (one allocation rather than three: at MNIST's sizes, allocating is what costs).
  const packedValsAt = align16(colsAt + entries * 4);
  w.moveBytes(at + packedValsAt, at + valsAt, entries * size);
  const buf = w.memory.buffer;
  const out = new Uint8Array(buf, at + startsAt, packedValsAt - startsAt + entries * size).slice();
  const View = f32 ? Float32Array : Float64Array;
  return {
    starts: new Int32Array(out.buffer, 0, n + 1),
    indices: new Int32Array(out.buffer, colsAt - startsAt, entries),
    values: new View(out.buffer, packedValsAt - startsAt, entries),
  };
}

/**
 * Copies rows `indices` of `bytes` (`rowLength` each) one after another into `dst`. Runs of
 * consecutive rows (an evaluation walks the set in order) are copied in one go.
 */
function gatherRows(
  bytes: Uint8Array,
  rowLength: number,
  indices: ArrayLike<number>,
  dst: Uint8Array,
): void {
  const n = indices.length;
  for (let r = 0; r < n; ) {
    const first = indices[r]!;
    let run = 1;
    while (r + run < n && indices[r + run] === first + run) run++;
    dst.set(bytes.subarray(first * rowLength, (first + run) * rowLength), r * rowLength);
    r += run;
  }
}

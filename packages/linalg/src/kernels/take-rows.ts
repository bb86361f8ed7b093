import type { TypedArray } from '../dtype.js';
import { getBackend } from './backend.js';
import { scratchAddress } from './gemm-wasm.js';
import { wasmKernels } from './wasm-kernels.js';

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
  const op = 'takeRows';
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
      const dstAt = (srcAt + length + 15) & ~15;
      const buf = w.memory.buffer;
      const View = f32 ? Float32Array : Float64Array;
      new View(buf, at, 256).set(table);
      const src = new Uint8Array(buf, srcAt, length);
      for (let r = 0; r < n; r++) {
        const from = indices[r]! * rowLength;
        src.set(bytes.subarray(from, from + rowLength), r * rowLength);
      }
      if (f32) w.lookupBytes32(length, srcAt, at, dstAt);
      else w.lookupBytes64(length, srcAt, at, dstAt);
      out.set(new View(buf, dstAt, length));
      return out;
    }
  }
  takeRowsReference(bytes, rowLength, indices, table, out);
  return out;
}

function typeName(x: unknown): string {
  return (x as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof x;
}

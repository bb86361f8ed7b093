import { FormatError, formatShape } from '@dl/linalg';
import { IDX_TYPES, type IdxArray, idxTypeOfCode } from './idx-array.js';

const hex = (n: number, width = 2): string => `0x${n.toString(16).padStart(width, '0')}`;

/**
 * Reads an array from the bytes of an IDX file, the format the MNIST files are stored in.
 *
 * An IDX file is a 4-byte magic number (two zero bytes, a type byte, the number of dimensions),
 * one big-endian 32-bit size per dimension, then the elements in row-major order, big-endian.
 * Everything is checked against the byte count before anything is allocated, so a file with a
 * lying header fails fast with a {@link FormatError} instead of allocating or looping on what
 * the header claims.
 *
 * For `uint8` and `int8` files the returned `data` is a view over `bytes` (no copy: the 47 MB of
 * MNIST training images are not duplicated); wider types are decoded into a new typed array.
 *
 * @param bytes - the whole file
 * @param name - the file's name, used in error messages; `'IDX data'` unless given
 * @returns the dimensions, element type and elements
 * @throws FormatError when the magic number is wrong, the type byte is unknown, the header or
 *   the data is truncated, or the byte count does not match the dimensions
 * @throws TypeError when `bytes` is not a `Uint8Array`
 * @example
 * ```ts
 * import { readIdx } from '@dl/data';
 * // magic 0x00000801 (unsigned bytes, 1 dimension), size 3, then 3 labels
 * const labels = readIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 4]));
 * labels.dims; // [3]
 * Array.from(labels.data); // [5, 0, 4]
 * ```
 */
export function readIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `readIdx: bytes are not a Uint8Array; expected the file's bytes as a Uint8Array (or Buffer), got ${describe(bytes)}`,
    );
  }
  const where = `readIdx(${name})`;
  if (bytes.length < 4) {
    throw new FormatError(
      `${where}: truncated header; expected at least 4 bytes for the magic number, got ${bytes.length}`,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const magic = hex(
      ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0,
      8,
    );
    throw new FormatError(
      `${where}: bad magic number; expected two zero bytes then a type byte and a dimension count (e.g. 0x00000803), got ${magic}`,
    );
  }
  const type = idxTypeOfCode(bytes[2]!);
  if (type === undefined) {
    throw new FormatError(
      `${where}: unknown element type; expected a type byte of 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e, got ${hex(bytes[2]!)}`,
    );
  }
  const ndim = bytes[3]!;
  const headerSize = 4 + 4 * ndim;
  if (bytes.length < headerSize) {
    throw new FormatError(
      `${where}: truncated header; expected ${headerSize} bytes for ${ndim} dimension sizes, got ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < ndim; i++) dims.push(view.getUint32(4 + 4 * i, false));

  // Compare what the header claims with the bytes actually present before allocating anything.
  // The product is a float: at most 255 multiplications, and an absurd claim only becomes a
  // huge (or infinite) number to compare, never an allocation.
  const { size: itemSize } = IDX_TYPES[type];
  const available = bytes.length - headerSize;
  const count = dims.reduce((p, d) => p * d, 1);
  const claimed = count * itemSize;
  if (claimed !== available) {
    const problem =
      claimed > available ? 'truncated data' : 'data size does not match the dimensions';
    const total = Number.isSafeInteger(claimed) ? `${claimed}` : 'more than 2^53';
    throw new FormatError(
      `${where}: ${problem}; expected ${formatShape(dims)} × ${itemSize} byte(s) of ${type} = ${total} bytes after the ${headerSize}-byte header, got ${available}`,
    );
  }

  if (type === 'uint8') {
    return {
      dims,
      type,
      data: new Uint8Array(bytes.buffer, bytes.byteOffset + headerSize, count),
    };
  }
  if (type === 'int8') {
    return {
      dims,
      type,
      data: new Int8Array(bytes.buffer, bytes.byteOffset + headerSize, count),
    };
  }
  const data = IDX_TYPES[type].make(count);
  for (let i = 0, p = headerSize; i < count; i++, p += itemSize) {
    // Big-endian in the file; DataView reads it whatever the machine's byte order.
    switch (type) {
      case 'int16':
        data[i] = view.getInt16(p, false);
        break;
      case 'int32':
        data[i] = view.getInt32(p, false);
        break;
      case 'float32':
        data[i] = view.getFloat32(p, false);
        break;
      case 'float64':
        data[i] = view.getFloat64(p, false);
        break;
    }
  }
  return { dims, type, data };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'an object';
}

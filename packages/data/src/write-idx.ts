import { formatShape, ShapeError } from '@dl/linalg';
import { IDX_TYPES, type IdxData, type IdxType, idxTypeOfData } from './idx-array.js';

/** What {@link writeIdx} accepts: an {@link IdxArray}, whose `type` may be left to the data. */
export interface IdxInput {
  /** The size of each dimension; their product must equal `data.length`. */
  dims: readonly number[];
  /** The element type; taken from the kind of typed array when left out. */
  type?: IdxType;
  /** The elements in row-major order. */
  data: IdxData;
}

/**
 * Writes an array as the bytes of an IDX file: the inverse of {@link readIdx}.
 *
 * The header is two zero bytes, the type byte, the number of dimensions, then each size as a
 * big-endian 32-bit integer; the elements follow, big-endian for the multi-byte types.
 *
 * @param array - dimensions, element type (optional) and elements
 * @returns the file's bytes
 * @throws TypeError when `data` is not one of the IDX typed arrays, or `type` does not match it
 * @throws RangeError when there are more than 255 dimensions or a size is not an integer in
 *   `[0, 2^32)`
 * @throws ShapeError when the dimensions do not hold exactly `data.length` elements
 * @example
 * ```ts
 * import { readIdx, writeIdx } from '@dl/data';
 * const bytes = writeIdx({ dims: [3], data: new Uint8Array([5, 0, 4]) });
 * Array.from(bytes); // [0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 4]
 * Array.from(readIdx(bytes).data); // [5, 0, 4]
 * ```
 */
export function writeIdx(array: IdxInput): Uint8Array {
  const { dims, data } = array;
  const dataType = idxTypeOfData(data);
  if (dataType === undefined) {
    throw new TypeError(
      `writeIdx: unsupported data; expected a Uint8Array, Int8Array, Int16Array, Int32Array, Float32Array or Float64Array, got ${data === null ? 'null' : ((data as object)?.constructor?.name ?? typeof data)}`,
    );
  }
  const type = array.type ?? dataType;
  if (type !== dataType) {
    throw new TypeError(
      `writeIdx: type does not match the data; expected type '${dataType}' for a ${data.constructor.name}, got '${type}'`,
    );
  }
  if (!Array.isArray(dims) || dims.length > 255) {
    throw new RangeError(
      `writeIdx: too many dimensions; expected at most 255 (one header byte), got ${Array.isArray(dims) ? dims.length : typeof dims}`,
    );
  }
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0 || d > 0xffffffff) {
      throw new RangeError(
        `writeIdx: invalid dimension size; expected integers in [0, 2^32), got ${formatShape(dims)}`,
      );
    }
  }
  const count = dims.reduce((p, d) => p * d, 1);
  if (count !== data.length) {
    throw new ShapeError(
      `writeIdx: dimensions do not match the data; expected ${formatShape(dims)} to hold ${data.length} elements, got ${count}`,
    );
  }

  const { code, size } = IDX_TYPES[type];
  const headerSize = 4 + 4 * dims.length;
  const bytes = new Uint8Array(headerSize + count * size);
  const view = new DataView(bytes.buffer);
  bytes[2] = code;
  bytes[3] = dims.length;
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d, false);
  if (type === 'uint8' || type === 'int8') {
    bytes.set(new Uint8Array(data.buffer, data.byteOffset, count), headerSize);
    return bytes;
  }
  for (let i = 0, p = headerSize; i < count; i++, p += size) {
    const v = data[i]!;
    switch (type) {
      case 'int16':
        view.setInt16(p, v, false);
        break;
      case 'int32':
        view.setInt32(p, v, false);
        break;
      case 'float32':
        view.setFloat32(p, v, false);
        break;
      case 'float64':
        view.setFloat64(p, v, false);
        break;
    }
  }
  return bytes;
}

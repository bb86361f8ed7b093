/**
 * The element types of the IDX format, by the names `readIdx` gives them.
 *
 * The IDX header stores a type byte: `0x08` unsigned byte, `0x09` signed byte, `0x0B` 16-bit
 * integer, `0x0C` 32-bit integer, `0x0D` 32-bit float, `0x0E` 64-bit float. Multi-byte values are
 * big-endian in the file.
 */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed arrays an {@link IdxArray} can hold, one per {@link IdxType}. */
export type IdxData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * An array read from (or to be written to) an IDX file: its dimensions, its element type and its
 * elements in row-major order.
 *
 * @example
 * ```ts
 * import { readIdx, writeIdx, type IdxArray } from '@dl/data';
 * const a: IdxArray = { dims: [2, 2], type: 'uint8', data: new Uint8Array([1, 2, 3, 4]) };
 * readIdx(writeIdx(a)).dims; // [2, 2]
 * ```
 */
export interface IdxArray {
  /** The size of each dimension, e.g. `[60000, 28, 28]` for the MNIST training images. */
  dims: number[];
  /** The element type named by the header's type byte. */
  type: IdxType;
  /** The elements, `dims` multiplied together of them. */
  data: IdxData;
}

/** Type byte, element size and typed-array constructor of each IDX element type. */
export const IDX_TYPES: Readonly<
  Record<IdxType, { code: number; size: number; make: (length: number) => IdxData }>
> = {
  uint8: { code: 0x08, size: 1, make: (n) => new Uint8Array(n) },
  int8: { code: 0x09, size: 1, make: (n) => new Int8Array(n) },
  int16: { code: 0x0b, size: 2, make: (n) => new Int16Array(n) },
  int32: { code: 0x0c, size: 4, make: (n) => new Int32Array(n) },
  float32: { code: 0x0d, size: 4, make: (n) => new Float32Array(n) },
  float64: { code: 0x0e, size: 8, make: (n) => new Float64Array(n) },
};

/** The {@link IdxType} of a type byte, or `undefined` for a byte the format does not define. */
export function idxTypeOfCode(code: number): IdxType | undefined {
  for (const [name, info] of Object.entries(IDX_TYPES)) {
    if (info.code === code) return name as IdxType;
  }
  return undefined;
}

/** The {@link IdxType} that matches a typed array, or `undefined` for any other kind. */
export function idxTypeOfData(data: unknown): IdxType | undefined {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  return undefined;
}

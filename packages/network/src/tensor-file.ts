// Internal: the container behind model and checkpoint files.
//
// Layout (all integers little-endian):
//   0  8 bytes  magic "DLMODEL\n"
//   8  uint32   format version (TENSOR_FILE_VERSION)
//  12  uint32   header length H
//  16  32 bytes SHA-256 of every byte of the file except these 32
//  48  H bytes  header: UTF-8 JSON { kind, tensors: [{ name, dtype, shape, offset }], ...meta }
//      padding to a multiple of 8, then the tensors' elements, float64/float32 little-endian,
//      each at `offset` bytes from the start of this data section, packed in header order.
// The checksum is tested before anything is parsed, so a truncated or altered file is refused
// whole and nothing half-read ever reaches a network.

import { allocate, type DType, FormatError, NDArray } from '@dl/linalg';
import { sha256 } from '@noble/hashes/sha2.js';
import { jsonDepth, MAX_HEADER_DEPTH, preview } from './json-limits.js';

export const TENSOR_FILE_MAGIC = 'DLMODEL\n';
export const TENSOR_FILE_VERSION = 1;
const PREFIX = 48;

export interface TensorEntry {
  name: string;
  dtype: DType;
  shape: number[];
  offset: number;
}

export interface DecodedFile {
  header: Record<string, unknown> & { kind: string };
  tensors: Map<string, NDArray>;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// SHA-256 by @noble/hashes rather than node:crypto, so that the same bytes are written and checked
// in a browser; Web Crypto would do too, but only asynchronously, and encode/decode are synchronous.
function digest(bytes: Uint8Array): Uint8Array {
  return sha256.create().update(bytes.subarray(0, 16)).update(bytes.subarray(PREFIX)).digest();
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Encodes tensors plus a JSON header (which must not use the key `tensors`). */
export function encodeTensorFile(
  kind: string,
  meta: Record<string, unknown>,
  tensors: ReadonlyMap<string, NDArray>,
): Uint8Array {
  if (!littleEndian) throw new Error('encodeTensorFile: big-endian machines are not supported');
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    entries.push({ name, dtype: t.dtype, shape: [...t.shape], offset });
    offset += t.data.byteLength;
    offset += (8 - (offset % 8)) % 8;
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify({ ...meta, kind, tensors: entries }));
  const dataStart = PREFIX + headerBytes.length + ((8 - (headerBytes.length % 8)) % 8);
  const out = new Uint8Array(dataStart + offset);
  out.set(
    Array.from(TENSOR_FILE_MAGIC, (c) => c.charCodeAt(0)),
    0,
  );
  const view = new DataView(out.buffer);
  view.setUint32(8, TENSOR_FILE_VERSION, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, PREFIX);
  out.fill(0x20, PREFIX + headerBytes.length, dataStart);
  let i = 0;
  for (const t of tensors.values()) {
    const e = entries[i++]!;
    out.set(
      new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      dataStart + e.offset,
    );
  }
  out.set(digest(out), 16);
  return out;
}

/** Decodes and fully validates a tensor file; throws FormatError on any inconsistency. */
export function decodeTensorFile(op: string, bytes: Uint8Array): DecodedFile {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `${op}: bytes are not a Uint8Array; expected the file's bytes as a Uint8Array (or Buffer), got ${describeBytes(bytes)}`,
    );
  }
  if (bytes.length < PREFIX) {
    throw new FormatError(
      `${op}: file is truncated; expected at least ${PREFIX} bytes of header, got ${bytes.length}`,
    );
  }
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== TENSOR_FILE_MAGIC) {
    throw new FormatError(
      `${op}: not a dl model file; expected the magic bytes ${JSON.stringify(TENSOR_FILE_MAGIC)}, got ${JSON.stringify(magic)}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== TENSOR_FILE_VERSION) {
    throw new FormatError(
      `${op}: unsupported format version; expected ${TENSOR_FILE_VERSION}, got ${version}`,
    );
  }
  const stored = bytes.subarray(16, PREFIX);
  if (!sameBytes(stored, digest(bytes))) {
    throw new FormatError(
      `${op}: checksum mismatch, the file is corrupt or truncated; expected SHA-256 ${hex(stored).slice(0, 16)}…, got ${hex(digest(bytes)).slice(0, 16)}… over ${bytes.length} bytes`,
    );
  }
  const headerLength = view.getUint32(12, true);
  if (PREFIX + headerLength > bytes.length) {
    throw new FormatError(
      `${op}: header runs past the end; expected ${headerLength} header bytes, got ${bytes.length - PREFIX}`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8').decode(bytes.subarray(PREFIX, PREFIX + headerLength)),
    );
  } catch (error) {
    throw new FormatError(
      `${op}: header is not valid JSON; expected a JSON object, got ${(error as Error).message}`,
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new FormatError(
      `${op}: header is not an object; expected a JSON object, got ${typeof header}`,
    );
  }
  if (jsonDepth(header, MAX_HEADER_DEPTH) > MAX_HEADER_DEPTH) {
    throw new FormatError(
      `${op}: header nested too deeply; expected at most ${MAX_HEADER_DEPTH} levels of arrays and objects, got more`,
    );
  }
  const h = header as Record<string, unknown>;
  if (typeof h['kind'] !== 'string' || !Array.isArray(h['tensors'])) {
    throw new FormatError(
      `${op}: header lacks kind or tensors; expected both, got keys ${Object.keys(h).join(', ')}`,
    );
  }
  const dataStart = PREFIX + headerLength + ((8 - (headerLength % 8)) % 8);
  const tensors = new Map<string, NDArray>();
  let expectedOffset = 0;
  for (const raw of h['tensors'] as unknown[]) {
    const e = raw as Partial<TensorEntry>;
    const valid =
      typeof e === 'object' &&
      e !== null &&
      typeof e.name === 'string' &&
      (e.dtype === 'float64' || e.dtype === 'float32') &&
      Array.isArray(e.shape) &&
      e.shape.every((d) => Number.isInteger(d) && d >= 0) &&
      e.offset === expectedOffset &&
      !tensors.has(e.name);
    if (!valid) {
      throw new FormatError(
        `${op}: bad tensor entry; expected { name, dtype, shape, offset: ${expectedOffset} } with a new name, got ${preview(raw)}`,
      );
    }
    const entry = e as TensorEntry;
    const size = entry.shape.reduce((a, b) => a * b, 1);
    const width = entry.dtype === 'float64' ? 8 : 4;
    const start = dataStart + entry.offset;
    if (start + size * width > bytes.length) {
      throw new FormatError(
        `${op}: tensor ${entry.name} runs past the end; expected ${size * width} bytes at ${start}, got a file of ${bytes.length}`,
      );
    }
    const data = allocate(entry.dtype, size);
    new Uint8Array(data.buffer).set(bytes.subarray(start, start + size * width));
    tensors.set(entry.name, new NDArray(data, entry.shape));
    expectedOffset = entry.offset + size * width;
    expectedOffset += (8 - (expectedOffset % 8)) % 8;
  }
  if (dataStart + expectedOffset !== bytes.length) {
    throw new FormatError(
      `${op}: file size does not add up; expected ${dataStart + expectedOffset} bytes, got ${bytes.length}`,
    );
  }
  return { header: h as DecodedFile['header'], tensors };
}

function describeBytes(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'an object';
}

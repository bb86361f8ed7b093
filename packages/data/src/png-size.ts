import { inflateSync } from 'node:zlib';
import { FormatError } from '@dl/linalg';

/**
 * The largest image, in pixels, that {@link fromPng} decodes and {@link toPng} encodes: 2²⁴ =
 * 16,777,216 pixels (4096 × 4096, more than a 12-megapixel phone photo). A digit needs 28 × 28;
 * the limit is there so that a small file claiming a huge image is refused before anything is
 * allocated (pngjs would hand back 4 bytes per pixel, and `fromPng` 8 more).
 *
 * @example
 * ```ts
 * import { MAX_PNG_PIXELS } from '@dl/data';
 * MAX_PNG_PIXELS; // 16777216
 * ```
 */
export const MAX_PNG_PIXELS = 2 ** 24;

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Samples per pixel of each PNG colour type (gray, RGB, palette, gray + alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7 passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** What the IHDR chunk of a PNG declares. Internal. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

/**
 * Reads a PNG's declared size and checks it, and the amount of image data, before any decoder
 * allocates pixels: the width and height must be at least 1 and at most {@link MAX_PNG_PIXELS}
 * together, and the IDAT chunks must inflate to exactly the bytes those rows take (a filter
 * byte per row, then the row's samples). pngjs alone decodes a file with too little data as if
 * the rest were zeros and allocates whatever the header claims. Internal.
 *
 * @param where - the operation and file name for messages, e.g. `fromPng(seven.png)`
 * @param bytes - the PNG file
 * @returns the header
 * @throws FormatError when the file is not a PNG, declares an empty or too large image, or holds
 *   more or less image data than its size calls for
 */
export function checkPngSize(where: string, bytes: Uint8Array): PngHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // signature (8) + IHDR length and type (8) + 13 data bytes + CRC (4)
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new FormatError(
      `${where}: not a readable PNG; expected a valid PNG file, got ${bytes.length < 8 ? `${bytes.length} bytes` : 'no PNG signature and IHDR chunk'}`,
    );
  }
  if (chunkType(bytes, 8) !== 'IHDR' || view.getUint32(8) !== 13) {
    throw new FormatError(
      `${where}: not a readable PNG; expected an IHDR chunk of 13 bytes first, got ${JSON.stringify(chunkType(bytes, 8))} of ${view.getUint32(8)} bytes`,
    );
  }
  const header: PngHeader = {
    width: view.getUint32(16),
    height: view.getUint32(20),
    bitDepth: bytes[24]!,
    colorType: bytes[25]!,
    interlaced: bytes[28] === 1,
  };
  const { width, height } = header;
  if (width < 1 || height < 1) {
    throw new FormatError(
      `${where}: empty image; expected a width and height of at least 1, got ${width}×${height}`,
    );
  }
  // A float product: a huge claim is only a large number to compare, never an allocation.
  if (width * height > MAX_PNG_PIXELS) {
    throw new FormatError(
      `${where}: image too large; expected at most ${MAX_PNG_PIXELS} pixels (4096×4096), got ${width}×${height} = ${width * height}`,
    );
  }
  const channels = CHANNELS[header.colorType];
  if (channels === undefined) {
    throw new FormatError(
      `${where}: not a readable PNG; expected colour type 0, 2, 3, 4 or 6, got ${header.colorType}`,
    );
  }
  const expected = imageDataSize(header, channels * header.bitDepth);
  const idat = idatBytes(where, bytes, view);
  let inflated: number;
  try {
    // One byte more than needed is enough to tell "too much" from "exactly right".
    inflated = inflateSync(idat, { maxOutputLength: expected + 1 }).length;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code !== 'ERR_BUFFER_TOO_LARGE') {
      throw new FormatError(
        `${where}: not a readable PNG; expected deflated image data, got ${e.message}`,
      );
    }
    inflated = expected + 1;
  }
  if (inflated !== expected) {
    throw new FormatError(
      `${where}: ${inflated < expected ? 'too little' : 'too much'} image data; expected ${expected} bytes for ${width}×${height} at ${header.bitDepth} bit(s) × ${channels} channel(s), got ${inflated > expected ? 'more' : inflated}`,
    );
  }
  return header;
}

/** Bytes of filtered scanlines the header calls for: per row a filter byte and its samples. */
function imageDataSize(h: PngHeader, bitsPerPixel: number): number {
  const rows = (w: number, n: number): number =>
    w === 0 || n === 0 ? 0 : n * (1 + Math.ceil((w * bitsPerPixel) / 8));
  if (!h.interlaced) return rows(h.width, h.height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    total += rows(
      Math.max(0, Math.ceil((h.width - x0) / dx)),
      Math.max(0, Math.ceil((h.height - y0) / dy)),
    );
  }
  return total;
}

/** The IDAT chunks' contents joined; chunk lengths are checked against the file. */
function idatBytes(where: string, bytes: Uint8Array, view: DataView): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = chunkType(bytes, at);
    if (at + 12 + length > bytes.length) {
      throw new FormatError(
        `${where}: truncated PNG; expected ${length} bytes of ${JSON.stringify(type)} at byte ${at}, got a file of ${bytes.length}`,
      );
    }
    if (type === 'IDAT') parts.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

function chunkType(bytes: Uint8Array, at: number): string {
  return Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1');
}

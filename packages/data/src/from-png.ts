import { FormatError, NDArray } from '@dl/linalg';
import pngjs from 'pngjs';
import { checkPngSize } from './png-size.js';

/**
 * Decodes a PNG file (any colour type and bit depth `pngjs` reads) into a grayscale image with
 * values 0…255, for `dl predict image.png`.
 *
 * Colour becomes gray by luminance, `0.299 R + 0.587 G + 0.114 B` (ITU-R BT.601, as most image
 * libraries convert); transparent pixels are laid over white, as a drawing on paper. Pass the
 * result to {@link prepareDigit} to make it look like an MNIST digit.
 *
 * @param bytes - the PNG file's bytes
 * @param name - the file's name, used in error messages; `'PNG data'` unless given
 * @returns the image `[H, W]`, values 0…255
 * The declared size is checked before anything is decoded: an image of more than
 * {@link MAX_PNG_PIXELS} pixels, an empty one, or one whose compressed data inflates to more or
 * fewer bytes than its rows need is refused.
 *
 * @throws FormatError when the bytes are not a PNG file pngjs can decode, declare an image of
 *   0 or more than {@link MAX_PNG_PIXELS} pixels, or hold too little or too much image data
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { fromPng, toPng } from '@dl/data';
 * fromPng(toPng(array([[0, 128, 255]]))).toArray(); // [[0, 128, 255]]
 * ```
 */
export function fromPng(bytes: Uint8Array, name = 'PNG data'): NDArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `fromPng: bytes are not a Uint8Array; expected the file's bytes, got ${typeof bytes}`,
    );
  }
  checkPngSize(`fromPng(${name})`, bytes);
  let png: { width: number; height: number; data: Uint8Array };
  try {
    png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new FormatError(
      `fromPng(${name}): not a readable PNG; expected a valid PNG file, got ${(e as Error).message}`,
    );
  }
  // pngjs hands back 8-bit RGBA whatever the file stored.
  const { width, height, data } = png;
  const out = new Float64Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const r = data[4 * i]!;
    const g = data[4 * i + 1]!;
    const b = data[4 * i + 2]!;
    const a = data[4 * i + 3]! / 255;
    const luminance = 0.299 * r + 0.587 * g + 0.114 * b;
    // over white: a·colour + (1 − a)·255
    out[i] = Math.round(a * luminance + (1 - a) * 255);
  }
  return new NDArray(out, [height, width]);
}

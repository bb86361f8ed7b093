import pngjs from 'pngjs';
import { type ImageLike, type RangeOption, toGray } from './image-like.js';
import { MAX_PNG_PIXELS } from './png-size.js';

/** Options of {@link toPng}. */
export interface ToPngOptions extends RangeOption {
  /** Enlarge each pixel to a `scale × scale` block (a 28×28 digit is tiny on screen); default 1. */
  scale?: number;
  /** Swap black and white, e.g. for a dark digit on white paper; default `false`. */
  invert?: boolean;
}

/**
 * Encodes a grayscale image as an 8-bit grayscale PNG file, with the `pngjs` encoder.
 *
 * Values are scaled from the image's range to 0…255, rounded and clipped. Write the bytes to a
 * file (`writeFileSync('digit.png', toPng(img))`) or serve them as `image/png`.
 *
 * @param img - a grayscale image (see {@link ImageLike})
 * @param options - pixel range, enlargement, inversion
 * @returns the PNG file's bytes
 * @throws RangeError when `scale` is not a positive integer, or the enlarged image would have
 *   more than {@link MAX_PNG_PIXELS} pixels
 * @throws ShapeError when the image is not `[H, W]` or `[1, H, W]`
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { loadMnistSync, toPng } from '@dl/data';
 * const { train } = loadMnistSync({ source: 'lite' });
 * const digit = train.batch([0]).x.reshape(28, 28);
 * writeFileSync('digit.png', toPng(digit, { scale: 4 }));
 * ```
 */
export function toPng(img: ImageLike, options: ToPngOptions = {}): Uint8Array {
  const { scale = 1, invert = false } = options;
  if (!Number.isInteger(scale) || scale < 1) {
    throw new RangeError(`toPng: invalid scale; expected a positive integer, got ${scale}`);
  }
  const { data, h, w, range } = toGray('toPng', img, options.range);
  const H = h * scale;
  const W = w * scale;
  if (H * W > MAX_PNG_PIXELS) {
    throw new RangeError(
      `toPng: image too large; expected at most ${MAX_PNG_PIXELS} pixels (4096×4096), got ${h}×${w} at scale ${scale} = ${H}×${W}`,
    );
  }
  const gray = Buffer.alloc(H * W);
  for (let y = 0; y < H; y++) {
    const src = Math.floor(y / scale) * w;
    for (let x = 0; x < W; x++) {
      const v = Math.round((data[src + Math.floor(x / scale)]! * 255) / range);
      const byte = Math.min(Math.max(v, 0), 255);
      gray[y * W + x] = invert ? 255 - byte : byte;
    }
  }
  // colorType 0: one gray byte per pixel in and out, no alpha.
  const png = new pngjs.PNG({
    width: W,
    height: H,
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
  });
  png.data = gray;
  const bytes = pngjs.PNG.sync.write(png, {
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
  });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

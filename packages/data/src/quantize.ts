import { NDArray } from '@dl/linalg';
import { type ImageLike, type RangeOption, toGray } from './image-like.js';

/**
 * Quantisation (양자화): stores each pixel with `bits` bits, so the image has at most `2^bits`
 * levels of gray — 1 bit is black and white, 8 bits are MNIST's 256 levels.
 *
 * The range `[0, white]` is cut into `2^bits` equal bins; a pixel in bin `q` becomes the level
 * `q × white / (2^bits − 1)`, so black stays black, white stays white and the levels are evenly
 * spaced. With white = 255 the levels are rounded to whole numbers (still `2^bits` distinct ones),
 * so the result can be saved as bytes; 8 bits then leave a 0…255 image unchanged.
 *
 * @param img - a grayscale image (see {@link ImageLike})
 * @param bits - bits per pixel, an integer from 1 to 8
 * @param options - the pixel range, guessed unless given
 * @returns the quantised image `[H, W]`, in the same range as the input
 * @throws RangeError when `bits` is not an integer in 1…8
 * @throws ShapeError when the image is not `[H, W]` or `[1, H, W]`
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { quantize } from '@dl/data';
 * quantize(array([[0, 100, 150, 255]]), 1).toArray(); // [[0, 0, 255, 255]]
 * quantize(array([[0, 100, 150, 255]]), 2).toArray(); // [[0, 85, 170, 255]]
 * ```
 */
export function quantize(img: ImageLike, bits: number, options: RangeOption = {}): NDArray {
  if (!Number.isInteger(bits) || bits < 1 || bits > 8) {
    throw new RangeError(`quantize: invalid bits; expected an integer in [1, 8], got ${bits}`);
  }
  const { data, h, w, range } = toGray('quantize', img, options.range);
  const levels = 2 ** bits;
  const out = new Float64Array(h * w);
  for (let i = 0; i < out.length; i++) {
    // bin q = floor(v / white × levels), with white itself in the top bin
    const v = Math.min(Math.max(data[i]! / range, 0), 1);
    const q = Math.min(Math.floor(v * levels), levels - 1);
    const level = (q * range) / (levels - 1);
    out[i] = range === 255 ? Math.round(level) : level;
  }
  return new NDArray(out, [h, w]);
}

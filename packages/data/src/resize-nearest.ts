import { NDArray } from '@dl/linalg';
import { type ImageLike, toGray } from './image-like.js';

/**
 * Sampling (샘플링) to any size: each pixel of the result takes the value of the source pixel
 * nearest to its centre. Shrinking keeps evenly spaced samples (with a whole-number ratio it is
 * {@link subsample}, centred); enlarging repeats pixels into blocks.
 *
 * Output pixel `(i, j)` reads source pixel `(floor((i + ½) · H / h), floor((j + ½) · W / w))`.
 *
 * @param img - a grayscale image (see {@link ImageLike})
 * @param size - the new `[h, w]`, positive integers
 * @returns the image `[h, w]`, values unchanged
 * @throws RangeError when `size` is not two positive integers
 * @throws ShapeError when the image is not `[H, W]` or `[1, H, W]`
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { resizeNearest } from '@dl/data';
 * resizeNearest(array([[1, 2], [3, 4]]), [4, 4]).toArray()[0]; // [1, 1, 2, 2]
 * ```
 */
export function resizeNearest(img: ImageLike, size: readonly [number, number]): NDArray {
  if (
    !Array.isArray(size) ||
    size.length !== 2 ||
    !size.every((d) => Number.isInteger(d) && d >= 1)
  ) {
    throw new RangeError(
      `resizeNearest: invalid size; expected [h, w] with positive integers, got ${Array.isArray(size) ? `[${size.join(', ')}]` : String(size)}`,
    );
  }
  const { data, h, w } = toGray('resizeNearest', img, 255);
  const [oh, ow] = size;
  const rows = Int32Array.from({ length: oh }, (_, i) => Math.floor(((i + 0.5) * h) / oh));
  const cols = Int32Array.from({ length: ow }, (_, j) => Math.floor(((j + 0.5) * w) / ow));
  const out = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++) {
    const src = rows[i]! * w;
    for (let j = 0; j < ow; j++) out[i * ow + j] = data[src + cols[j]!]!;
  }
  return new NDArray(out, [oh, ow]);
}

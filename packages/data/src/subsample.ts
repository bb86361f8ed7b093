import { NDArray } from '@dl/linalg';
import { type ImageLike, toGray } from './image-like.js';

/**
 * Subsampling (서브샘플링): keeps every `step`-th pixel of every `step`-th row, skipping the rest,
 * so a 512×512 picture becomes 256×256 with `step` 2. Nothing is averaged: fine detail between
 * the kept pixels is lost, which is what the lecture's pictures show.
 *
 * @param img - a grayscale image (see {@link ImageLike})
 * @param step - keep one pixel in `step` along each axis, a positive integer
 * @returns the image `[ceil(H / step), ceil(W / step)]`, values unchanged
 * @throws RangeError when `step` is not a positive integer
 * @throws ShapeError when the image is not `[H, W]` or `[1, H, W]`
 * @example
 * ```ts
 * import { arange } from '@dl/linalg';
 * import { subsample } from '@dl/data';
 * subsample(arange(16).reshape(4, 4), 2).toArray(); // [[0, 2], [8, 10]]
 * ```
 */
export function subsample(img: ImageLike, step: number): NDArray {
  if (!Number.isInteger(step) || step < 1) {
    throw new RangeError(`subsample: invalid step; expected a positive integer, got ${step}`);
  }
  const { data, h, w } = toGray('subsample', img, 255);
  const oh = Math.ceil(h / step);
  const ow = Math.ceil(w / step);
  const out = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) out[i * ow + j] = data[i * step * w + j * step]!;
  }
  return new NDArray(out, [oh, ow]);
}

// Known-wrong answer (CI: the tests must catch it): checks step >= 1 but not that it is whole, so step 1.5 reads pixels between the pixels
import { formatShape, type NDArray, ShapeError, zeros } from '@dl/linalg';

/**
 * Keeps every `step`-th pixel of a 2-D image along both axes (numpy `image[::step, ::step]`).
 *
 * @param image - a 2-D array `[rows, cols]`
 * @param step - a whole number >= 1
 * @returns an array `[ceil(rows / step), ceil(cols / step)]`
 * @throws ShapeError when `image` is not 2-D
 * @throws RangeError when `step` is not a whole number >= 1
 */
export function subsample(image: NDArray, step: number): NDArray {
  if (image.ndim !== 2) {
    throw new ShapeError(
      `subsample: image is not 2-D; expected [rows, cols], got ${formatShape(image.shape)}`,
    );
  }
  if (step < 1) {
    throw new RangeError(`subsample: bad step; expected a whole number >= 1, got ${step}`);
  }
  const [rows = 0, cols = 0] = image.shape;
  const out = zeros([Math.ceil(rows / step), Math.ceil(cols / step)]);
  for (let i = 0; i < out.shape[0]!; i++) {
    for (let j = 0; j < out.shape[1]!; j++)
      out.set(i, j, image.get(Math.floor(i * step), Math.floor(j * step)));
  }
  return out;
}

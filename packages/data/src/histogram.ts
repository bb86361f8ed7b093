import { type ImageLike, type RangeOption, toGray } from './image-like.js';

/** What {@link histogram} returns, as `np.histogram` does. */
export interface Histogram {
  /** Pixels per bin, `bins` numbers adding up to `H × W`. */
  counts: number[];
  /** Bin edges, `bins + 1` numbers from 0 to white; bin `k` is `[edges[k], edges[k + 1])`. */
  edges: number[];
}

/**
 * Counts the pixels in equal-width bins of brightness, from black (0) to white (1 or 255), like
 * `np.histogram(img, bins, range=(0, white))`: the last bin includes white. With 256 bins over a
 * 0…255 image, bin `k` counts the pixels of value `k`.
 *
 * @param img - a grayscale image (see {@link ImageLike})
 * @param bins - number of bins, a positive integer; 256 unless given
 * @param options - the pixel range, guessed unless given
 * @returns `{ counts, edges }`
 * @throws RangeError when `bins` is not a positive integer or a pixel lies outside `[0, white]`
 * @throws ShapeError when the image is not `[H, W]` or `[1, H, W]`
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { histogram } from '@dl/data';
 * histogram(array([[0, 10, 200, 255]]), 2).counts; // [2, 2]
 * ```
 */
export function histogram(img: ImageLike, bins = 256, options: RangeOption = {}): Histogram {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`histogram: invalid bins; expected a positive integer, got ${bins}`);
  }
  const { data, h, w, range } = toGray('histogram', img, options.range);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < h * w; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v <= range)) {
      throw new RangeError(
        `histogram: pixel out of range; expected values in [0, ${range}], got ${v} at index ${i}`,
      );
    }
    counts[Math.min(Math.floor((v / range) * bins), bins - 1)]!++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k * range) / bins);
  return { counts, edges };
}

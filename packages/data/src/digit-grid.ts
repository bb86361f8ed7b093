import { formatShape, NDArray, ShapeError } from '@dl/linalg';

/** Options of {@link digitGrid}. */
export interface DigitGridOptions {
  /** Images per row; 10 unless given (fewer when there are fewer images). */
  cols?: number;
  /** Pixels of space between images and around the grid; default 2. */
  gap?: number;
  /**
   * Value of the space between images; default `0` (black, like MNIST's background).
   * Give the white of the images' range (1 or 255) for white lines.
   */
  background?: number;
}

/**
 * Lays many images out in one picture, row by row: a look at a batch at a glance. Save it with
 * {@link toPng} or print it with {@link toTerminal}.
 *
 * Takes images as `[N, H, W]`, `[N, 1, H, W]` or flattened `[N, H·W]` with `H·W` a square
 * number (MNIST's `[N, 784]` is read as 28×28); an `NDArray` or `{ data, shape }` with bytes.
 * Values are kept as they are, so the grid has the range of the images.
 *
 * @param images - the images
 * @param options - images per row, gap, background value
 * @returns one image `[rows·(H + gap) + gap, cols·(W + gap) + gap]`
 * @throws ShapeError when `images` is not one of the shapes above or holds no image
 * @throws RangeError when `cols` is not a positive integer or `gap` not a non-negative integer
 * @example
 * ```ts
 * import { digitGrid, loadMnistSync, toPng } from '@dl/data';
 * const { train } = loadMnistSync({ source: 'lite' });
 * const grid = digitGrid(train.batch([0, 1, 2, 3, 4, 5]).x, { cols: 3 });
 * grid.shape; // [62, 92]: 2 rows and 3 columns of 28×28 with 2-pixel gaps
 * const png = toPng(grid, { scale: 2 });
 * ```
 */
export function digitGrid(
  images: NDArray | { data: ArrayLike<number>; shape: readonly number[] },
  options: DigitGridOptions = {},
): NDArray {
  const shape = images.shape;
  let h: number;
  let w: number;
  if (shape.length === 3 || (shape.length === 4 && shape[1] === 1)) {
    h = shape[shape.length - 2]!;
    w = shape[shape.length - 1]!;
  } else if (shape.length === 2 && Number.isInteger(Math.sqrt(shape[1]!))) {
    h = w = Math.sqrt(shape[1]!);
  } else {
    throw new ShapeError(
      `digitGrid: not a stack of images; expected [N, H, W], [N, 1, H, W] or [N, H·W] with H·W square, got ${formatShape(shape)}`,
    );
  }
  const n = shape[0]!;
  if (n < 1 || h < 1 || images.data.length !== n * h * w) {
    throw new ShapeError(
      `digitGrid: no images or wrong pixel count; expected N >= 1 and ${n} × ${h} × ${w} values for ${formatShape(shape)}, got ${images.data.length}`,
    );
  }
  const { gap = 2, background = 0 } = options;
  const cols = Math.min(options.cols ?? 10, n);
  if (!Number.isInteger(cols) || cols < 1) {
    throw new RangeError(
      `digitGrid: invalid cols; expected a positive integer, got ${options.cols}`,
    );
  }
  if (!Number.isInteger(gap) || gap < 0) {
    throw new RangeError(`digitGrid: invalid gap; expected a non-negative integer, got ${gap}`);
  }
  const rows = Math.ceil(n / cols);
  const H = rows * (h + gap) + gap;
  const W = cols * (w + gap) + gap;
  const out = new Float64Array(H * W).fill(background);
  const src = images.data;
  for (let k = 0; k < n; k++) {
    const top = gap + Math.floor(k / cols) * (h + gap);
    const left = gap + (k % cols) * (w + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) out[(top + y) * W + left + x] = src[(k * h + y) * w + x]!;
    }
  }
  return new NDArray(out, [H, W]);
}

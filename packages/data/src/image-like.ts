import { formatShape, type NDArray, ShapeError } from '@dl/linalg';

/**
 * A grayscale image as the image functions take it: an `NDArray` of shape `[H, W]` (or
 * `[1, H, W]`, one channel first, as `loadMnist({ flatten: false })` gives), or raw pixels with a
 * shape, e.g. `{ data: train.images.subarray(0, 784), shape: [28, 28] }`.
 *
 * Pixel values are either 0…255 or 0…1. Unless a function is told with its `range` option, the
 * range is guessed: bytes (`Uint8Array`) are 0…255, other data is 0…255 when any value is above 1
 * and 0…1 otherwise (so an image of values all at most 1 is read as 0…1).
 */
export type ImageLike = NDArray | { data: ArrayLike<number>; shape: readonly number[] };

/** The scale of pixel values: white is `1` or `255`. */
export type PixelRange = 1 | 255;

/** The option that says which {@link PixelRange} an image's values are in. */
export interface RangeOption {
  /** White is `1` or `255`; guessed from the values unless given (see {@link ImageLike}). */
  range?: PixelRange;
}

/** A checked grayscale image: its pixels, height, width and range. Internal. */
export interface Gray {
  data: ArrayLike<number>;
  h: number;
  w: number;
  range: PixelRange;
}

/** Guesses the pixel range of some values (see {@link ImageLike}). Internal. */
export function guessRange(data: ArrayLike<number>): PixelRange {
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return 255;
  for (let i = 0; i < data.length; i++) if (data[i]! > 1) return 255;
  return 1;
}

/** Checks the range option. Internal. */
export function checkRange(op: string, range: unknown): void {
  if (range !== undefined && range !== 1 && range !== 255) {
    throw new RangeError(`${op}: invalid range; expected 1 or 255, got ${String(range)}`);
  }
}

/** Checks an {@link ImageLike} and reads its height, width and range. Internal. */
export function toGray(op: string, img: ImageLike, range?: PixelRange): Gray {
  if (
    img === null ||
    typeof img !== 'object' ||
    !('data' in img) ||
    !('shape' in img) ||
    typeof img.data?.length !== 'number' ||
    !Array.isArray(img.shape)
  ) {
    throw new TypeError(
      `${op}: not an image; expected an NDArray [H, W] or { data, shape }, got ${img === null ? 'null' : typeof img}`,
    );
  }
  const shape = img.shape;
  const ok =
    (shape.length === 2 || (shape.length === 3 && shape[0] === 1)) &&
    shape.every((d) => Number.isInteger(d) && d >= 1);
  if (!ok) {
    throw new ShapeError(
      `${op}: not a grayscale image; expected shape [H, W] or [1, H, W] with H, W >= 1, got ${formatShape(shape)}`,
    );
  }
  const h = shape[shape.length - 2]!;
  const w = shape[shape.length - 1]!;
  if (img.data.length !== h * w) {
    throw new ShapeError(
      `${op}: pixel count does not match the shape; expected ${h * w} values for ${formatShape(shape)}, got ${img.data.length}`,
    );
  }
  checkRange(op, range);
  return { data: img.data, h, w, range: range ?? guessRange(img.data) };
}

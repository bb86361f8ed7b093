import { NDArray } from '@dl/linalg';
import { type ImageLike, type RangeOption, toGray } from './image-like.js';

/** Options of {@link prepareDigit}. */
export interface PrepareDigitOptions extends RangeOption {
  /**
   * Swap black and white first: `true`, `false`, or `'auto'` (the default), which swaps when the
   * border of the image is mostly light (a dark digit on white paper).
   */
  invert?: boolean | 'auto';
  /** Values in `[0, 1]` (`true`, the default, as `loadMnist` gives) or 0…255. */
  normalize?: boolean;
  /** Share of the brightest stroke from which a pixel counts as ink when cropping; default 0.2. */
  threshold?: number;
}

/** MNIST's digits fit a 20×20 box… */
const BOX = 20;
/** …centred by centre of mass in a 28×28 field. */
const FIELD = 28;

/**
 * For each output index, the source indices it covers and their weights, when `src` cells are
 * squeezed (or stretched) into `dst` cells: area averaging, so shrinking does not alias.
 */
function areaWeights(src: number, dst: number): Array<Array<[number, number]>> {
  const ratio = src / dst;
  return Array.from({ length: dst }, (_, i) => {
    const a = i * ratio;
    const b = (i + 1) * ratio;
    const cells: Array<[number, number]> = [];
    for (let r = Math.floor(a); r < Math.min(Math.ceil(b), src); r++) {
      const overlap = Math.min(b, r + 1) - Math.max(a, r);
      if (overlap > 0) cells.push([r, overlap / ratio]);
    }
    return cells;
  });
}

/**
 * Prepares any grayscale picture of one handwritten digit the way MNIST's digits were prepared,
 * so a network trained on MNIST can read it (`dl predict image.png`):
 *
 * 1. invert when the digit is dark on a light background (MNIST digits are white on black);
 * 2. subtract the background level and stretch the brightest stroke to white;
 * 3. crop to the ink (pixels at least `threshold` of the brightest);
 * 4. scale, keeping the aspect ratio, to fit a 20×20 box (area averaging);
 * 5. place it in a 28×28 field with its centre of mass at the middle (row and column 14, moved
 *    less where the box would leave the field).
 *
 * A picture with no ink gives an all-black field.
 *
 * @param img - a grayscale image (see {@link ImageLike}), e.g. from {@link fromPng}
 * @param options - inversion, normalisation, ink threshold, pixel range
 * @returns the digit `[28, 28]`; reshape to `[1, 784]` for a network
 * @throws RangeError when `threshold` is not in `(0, 1]`
 * @throws ShapeError when the image is not `[H, W]` or `[1, H, W]`
 * @example
 * ```ts
 * import { readFileSync, writeFileSync } from 'node:fs';
 * import { fromPng, prepareDigit, toPng } from '@dl/data';
 * import { full } from '@dl/linalg';
 * // stand-in for a photo of a digit: a dark "1" drawn on white paper, 40×30 pixels
 * const paper = full([40, 30], 255);
 * for (let y = 5; y < 35; y++) paper.set(y, 14, 0);
 * writeFileSync('my-one.png', toPng(paper));
 * const x = prepareDigit(fromPng(readFileSync('my-one.png'))).reshape(1, 784);
 * x.shape; // [1, 784]
 * ```
 */
export function prepareDigit(img: ImageLike, options: PrepareDigitOptions = {}): NDArray {
  const { invert = 'auto', normalize = true, threshold = 0.2 } = options;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(
      `prepareDigit: invalid threshold; expected a number in (0, 1], got ${threshold}`,
    );
  }
  const { data, h, w, range } = toGray('prepareDigit', img, options.range);
  const v = new Float64Array(h * w);
  for (let i = 0; i < v.length; i++) v[i] = Math.min(Math.max(data[i]! / range, 0), 1);

  // 1–2. the border tells the background: its mean brightness decides inversion and is then
  // subtracted, so gray paper becomes black
  let borderSum = 0;
  let borderCount = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (y === 0 || x === 0 || y === h - 1 || x === w - 1) {
        borderSum += v[y * w + x]!;
        borderCount++;
      }
    }
  }
  let background = borderSum / borderCount;
  if (invert === true || (invert === 'auto' && background > 0.5)) {
    for (let i = 0; i < v.length; i++) v[i] = 1 - v[i]!;
    background = 1 - background;
  }
  let peak = 0;
  for (let i = 0; i < v.length; i++) peak = Math.max(peak, v[i]!);
  const out = new Float64Array(FIELD * FIELD);
  if (peak <= background) return new NDArray(out, [FIELD, FIELD]);
  for (let i = 0; i < v.length; i++) v[i] = Math.max(0, v[i]! - background) / (peak - background);

  // 3. bounding box of the ink
  let top = h;
  let bottom = -1;
  let left = w;
  let right = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (v[y * w + x]! >= threshold) {
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  if (bottom < 0) return new NDArray(out, [FIELD, FIELD]);
  const ch = bottom - top + 1;
  const cw = right - left + 1;

  // 4. fit the longer side to 20 pixels, area-averaging rows then columns
  const s = BOX / Math.max(ch, cw);
  const nh = Math.max(1, Math.min(BOX, Math.round(ch * s)));
  const nw = Math.max(1, Math.min(BOX, Math.round(cw * s)));
  const rowW = areaWeights(ch, nh);
  const colW = areaWeights(cw, nw);
  const tmp = new Float64Array(nh * cw);
  for (let i = 0; i < nh; i++) {
    for (const [r, wt] of rowW[i]!) {
      const src = (top + r) * w + left;
      for (let x = 0; x < cw; x++) tmp[i * cw + x] = tmp[i * cw + x]! + wt * v[src + x]!;
    }
  }
  const small = new Float64Array(nh * nw);
  for (let i = 0; i < nh; i++) {
    for (let j = 0; j < nw; j++) {
      let acc = 0;
      for (const [c, wt] of colW[j]!) acc += wt * tmp[i * cw + c]!;
      small[i * nw + j] = acc;
    }
  }

  // 5. centre of mass (in pixel indices) to the middle of the field
  let mass = 0;
  let my = 0;
  let mx = 0;
  for (let i = 0; i < nh; i++) {
    for (let j = 0; j < nw; j++) {
      const m = small[i * nw + j]!;
      mass += m;
      my += m * i;
      mx += m * j;
    }
  }
  const cy = mass > 0 ? my / mass : (nh - 1) / 2;
  const cx = mass > 0 ? mx / mass : (nw - 1) / 2;
  const oy = Math.min(Math.max(Math.round(FIELD / 2 - cy), 0), FIELD - nh);
  const ox = Math.min(Math.max(Math.round(FIELD / 2 - cx), 0), FIELD - nw);
  const white = normalize ? 1 : 255;
  for (let i = 0; i < nh; i++) {
    for (let j = 0; j < nw; j++) {
      const value = Math.min(small[i * nw + j]!, 1) * white;
      out[(oy + i) * FIELD + ox + j] = normalize ? value : Math.round(value);
    }
  }
  return new NDArray(out, [FIELD, FIELD]);
}

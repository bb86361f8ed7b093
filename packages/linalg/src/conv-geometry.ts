import { formatShape, ShapeError } from './shape-error.js';

/**
 * The output size of a convolution or pooling window along one axis (the book, §7.2.3):
 * `OH = (H + 2·pad − FH) / stride + 1`.
 *
 * @param inputSize - H (or W), the input's size along the axis
 * @param filterSize - FH (or FW), the window's size along the axis
 * @param stride - how far the window moves each step (default 1)
 * @param pad - zeros added on each side (default 0)
 * @returns OH, a positive integer
 * @throws RangeError when a size, the stride or the pad is not an integer of the right sign
 * @throws ShapeError when the window is larger than the padded input or the stride does not divide
 * `H + 2·pad − FH`
 * @example
 * ```ts
 * import { convOutputSize } from '@dl/linalg';
 * convOutputSize(28, 5); // 24: SimpleConvNet's 5×5 filters on a 28×28 digit
 * convOutputSize(4, 3, 1, 1); // 4: the book's figure 7-6, pad 1
 * convOutputSize(7, 3, 2); // 3
 * ```
 */
export function convOutputSize(inputSize: number, filterSize: number, stride = 1, pad = 0): number {
  return outputSize('convOutputSize', 'H', inputSize, filterSize, stride, pad);
}

/** Options shared by {@link im2col} and {@link col2im}: the filter's size, stride and pad. */
export interface ConvGeometry {
  /** The input `[N, C, H, W]`. */
  n: number;
  c: number;
  h: number;
  w: number;
  /** The filter (window) `FH × FW`. */
  fh: number;
  fw: number;
  stride: number;
  pad: number;
  /** The output `OH × OW`. */
  oh: number;
  ow: number;
}

/**
 * Checks an input shape `[N, C, H, W]`, a filter `FH × FW`, a stride and a pad, and returns the
 * whole geometry with `OH` and `OW`. Shared by im2col, col2im and the layers built on them.
 *
 * @internal
 */
export function convGeometry(
  op: string,
  shape: readonly number[],
  fh: number,
  fw: number,
  stride: number,
  pad: number,
): ConvGeometry {
  if (shape.length !== 4) {
    throw new ShapeError(
      `${op}: input is not a batch of images; expected shape [N, C, H, W], got ${formatShape(shape)}`,
    );
  }
  const [n, c, h, w] = shape as [number, number, number, number];
  const where = `input ${formatShape(shape)}, filter ${fh}×${fw}, stride ${stride}, pad ${pad}`;
  const oh = outputSize(op, 'H', h, fh, stride, pad, where);
  const ow = outputSize(op, 'W', w, fw, stride, pad, where);
  return { n, c, h, w, fh, fw, stride, pad, oh, ow };
}

function outputSize(
  op: string,
  axis: 'H' | 'W',
  size: number,
  filter: number,
  stride: number,
  pad: number,
  where = `${axis}=${size}, filter ${filter}, stride ${stride}, pad ${pad}`,
): number {
  const f = axis === 'H' ? 'FH' : 'FW';
  for (const [name, value, min] of [
    [axis, size, 1],
    [f, filter, 1],
    ['stride', stride, 1],
    ['pad', pad, 0],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(
        `${op}: invalid ${name}; expected an integer ≥ ${min}, got ${value} (${where})`,
      );
    }
  }
  const span = size + 2 * pad - filter;
  if (span < 0) {
    throw new ShapeError(
      `${op}: filter larger than the padded input; expected ${f} ≤ ${axis} + 2·pad = ${size + 2 * pad}, got ${f}=${filter} (${where})`,
    );
  }
  if (span % stride !== 0) {
    throw new ShapeError(
      `${op}: the stride does not divide; expected (${axis} + 2·pad − ${f}) / stride + 1 to be a whole number, got (${size} + ${2 * pad} − ${filter}) / ${stride} + 1 = ${span / stride + 1} (${where})`,
    );
  }
  return span / stride + 1;
}

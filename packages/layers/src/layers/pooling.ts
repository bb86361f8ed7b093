import {
  argmax,
  col2im,
  convOutputSize,
  formatShape,
  im2col,
  max,
  type NDArray,
  ShapeError,
  scatterRows,
} from '@dl/linalg';
import { asOp, checkNDArray, checkSameShape } from '../internal/checks.js';
import type { Layer } from './layer.js';

/** Options of {@link Pooling}. */
export interface PoolingOptions {
  /** How far the window moves each step (default 1; the book's networks use the pool size). */
  stride?: number;
  /** Zeros added around each image (default 0). */
  pad?: number;
}

/**
 * The max-pooling layer (풀링 계층, the book's §7.4.4): the largest value of each `PH × PW` window,
 * channel by channel. `[N, C, H, W]` → `[N, C, OH, OW]` with `OH = (H + 2·pad − PH) / stride + 1`.
 * It has no parameters.
 *
 * Forward, as the book does it:
 * - col = im2col(x) viewed as `[N·OH·OW·C, PH·PW]`: one window of one channel per row
 * - the maximum of each row, and WHERE it was (argMax, the mask backward needs)
 * - reshape to `[N, OH, OW, C]` and move the channels forward: `[N, C, OH, OW]`
 *
 * Backward: only the window's maximum reached the output, so only it receives the gradient —
 * dout goes to position argMax of its row of dmax `[N·OH·OW·C, PH·PW]` (zeros elsewhere), which
 * is dcol `[N·OH·OW, C·PH·PW]` row by row, and col2im returns the rows to `[N, C, H, W]`.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Pooling } from '@dl/layers';
 * const pool = new Pooling(2, 2, { stride: 2 });
 * const x = array([[[[1, 2, 0, 1], [3, 4, 1, 5], [0, 1, 2, 2], [1, 0, 3, 1]]]]);
 * pool.forward(x).toArray(); // [[[[4, 5], [1, 3]]]]
 * pool.backward(array([[[[10, 20], [30, 40]]]])).toArray();
 * // [[[[0, 0, 0, 0], [0, 10, 0, 20], [0, 30, 0, 0], [0, 0, 40, 0]]]]
 * ```
 */
export class Pooling implements Layer {
  readonly params: Record<string, NDArray> = Object.freeze({});
  readonly grads: Record<string, NDArray> = Object.freeze({});
  readonly poolH: number;
  readonly poolW: number;
  readonly stride: number;
  readonly pad: number;
  /** Where each window's maximum was (np.argmax of the forward's col), which backward needs. */
  private argMax: NDArray | undefined;
  private xShape: readonly number[] | undefined;
  private outShape: readonly number[] | undefined;

  /**
   * @param poolH - window height PH
   * @param poolW - window width PW
   * @param options - `{ stride = 1, pad = 0 }`
   * @throws RangeError when a size or the stride is not an integer ≥ 1, or pad not an integer ≥ 0
   */
  constructor(poolH: number, poolW: number, options: PoolingOptions = {}) {
    const { stride = 1, pad = 0 } = options;
    for (const [name, v, min] of [
      ['poolH', poolH, 1],
      ['poolW', poolW, 1],
      ['stride', stride, 1],
      ['pad', pad, 0],
    ] as const) {
      if (!Number.isInteger(v) || v < min) {
        throw new RangeError(
          `Pooling: invalid ${name}; expected an integer ≥ ${min}, got ${String(v)}`,
        );
      }
    }
    this.poolH = poolH;
    this.poolW = poolW;
    this.stride = stride;
    this.pad = pad;
  }

  /**
   * The maximum of each window.
   *
   * @param x - images `[N, C, H, W]`
   * @returns a new array `[N, C, OH, OW]`
   * @throws ShapeError when x is not 4-D, the window is larger than the padded image or the
   * stride does not divide
   * @throws TypeError when x is not an NDArray
   */
  forward(x: NDArray): NDArray {
    checkNDArray('Pooling.forward', 'x', x);
    if (x.ndim !== 4) {
      throw new ShapeError(
        `Pooling.forward: x is not a batch of images; expected x of shape [N, C, H, W], got x=${formatShape(x.shape)}`,
      );
    }
    const [N, C, H, W] = x.shape as [number, number, number, number];
    const { poolH: PH, poolW: PW, stride, pad } = this;
    // One window of one channel per row: im2col's rows hold C windows side by side.
    const col = asOp('Pooling.forward', () => im2col(x, PH, PW, stride, pad)).reshape(-1, PH * PW);
    const OH = convOutputSize(H, PH, stride, pad);
    const OW = convOutputSize(W, PW, stride, pad);
    // The book's arg_max = np.argmax(col, axis=1) and out = np.max(col, axis=1).
    this.argMax = argmax(col, { axis: 1 });
    const out = max(col, { axis: 1 });
    this.xShape = x.shape;
    const result = out.reshape(N, OH, OW, C).transpose(0, 3, 1, 2);
    this.outShape = result.shape;
    return result;
  }

  /**
   * dx: each window's gradient, all of it at the position of its maximum.
   *
   * @param dout - ∂L/∂out `[N, C, OH, OW]`, the shape of the last forward's output
   * @returns a new array dx `[N, C, H, W]`
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws TypeError when dout is not an NDArray
   * @throws Error when called before `forward`
   */
  backward(dout: NDArray): NDArray {
    checkNDArray('Pooling.backward', 'dout', dout);
    if (this.xShape === undefined || this.outShape === undefined) {
      throw new Error(
        'Pooling.backward: called before forward; expected forward(x) first, got no cached mask',
      );
    }
    checkSameShape(
      'Pooling.backward',
      'dout shape differs from the forward output',
      this.outShape,
      dout.shape,
    );
    const { poolH: PH, poolW: PW, stride, pad } = this;
    const size = PH * PW;
    // [N, C, OH, OW] → [N, OH, OW, C]: the row order of the forward's windows.
    const d = dout.transpose(0, 2, 3, 1).reshape(-1);
    // The book's dmax[np.arange(rows), arg_max] = dout.flatten(): one row per window, zeros but
    // for the window's gradient at the position of its maximum.
    const dmax = scatterRows(this.argMax!, d, size);
    const C = this.xShape[1]!;
    const dcol = dmax.reshape(-1, C * size);
    return col2im(dcol, this.xShape, PH, PW, stride, pad);
  }
}

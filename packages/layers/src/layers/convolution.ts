import {
  col2im,
  convOutputSize,
  formatShape,
  im2col,
  matmul,
  type NDArray,
  ShapeError,
} from '@dl/linalg';
import { asOp, checkNDArray, checkSameShape } from '../internal/checks.js';
import { gradientFor, sumRowsInto } from '../internal/gradient-arrays.js';
import type { Layer } from './layer.js';

/** Options of {@link Convolution}. */
export interface ConvolutionOptions {
  /** How far the filter moves each step (default 1). */
  stride?: number;
  /** Zeros added around each image before filtering (default 0). */
  pad?: number;
}

/**
 * The convolution layer (합성곱 계층, the book's §7.4.3) for a batch of images `[N, C, H, W]`, with
 * FN filters W `[FN, C, FH, FW]` and one bias per filter b `[FN]`. The output is `[N, FN, OH, OW]`,
 * `OH = (H + 2·pad − FH) / stride + 1` (OW likewise).
 *
 * Forward, as the book does it, in three steps:
 * - col = im2col(x)                     `[N, C, H, W] → [N·OH·OW, C·FH·FW]`
 * - out = col · colWᵀ + b               `[N·OH·OW, C·FH·FW]·[C·FH·FW, FN] → [N·OH·OW, FN]`
 *   (colW is W viewed as `[FN, C·FH·FW]`, one filter per row)
 * - reshape to `[N, OH, OW, FN]` and move the channel axis forward: `[N, FN, OH, OW]`
 *
 * Backward, with dout `[N, FN, OH, OW]` brought back to `[N·OH·OW, FN]` the same way:
 * - db = Σ dout over the rows             `[FN]`
 * - dW = doutᵀ · col                       `[FN, N·OH·OW]·[N·OH·OW, C·FH·FW] → [FN, C·FH·FW]`,
 *   which is W's own layout: viewed as `[FN, C, FH, FW]` (the book writes (colᵀ·dout)ᵀ)
 * - dcol = dout · colW                     `[N·OH·OW, FN]·[FN, C·FH·FW]`
 * - dx = col2im(dcol)                      `[N, C, H, W]` (overlapping windows add up)
 *
 * @example
 * ```ts
 * import { array, ones } from '@dl/linalg';
 * import { Convolution } from '@dl/layers';
 * // One 2×2 filter of ones on a 3×3 image: each output is the sum of a 2×2 window.
 * const conv = new Convolution(ones([1, 1, 2, 2]), array([0]));
 * const x = array([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]]);
 * conv.forward(x).toArray(); // [[[[12, 16], [24, 28]]]]
 * conv.backward(ones([1, 1, 2, 2])).toArray(); // [[[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]]
 * conv.dW.toArray(); // [[[[12, 16], [24, 28]]]]
 * ```
 */
export class Convolution implements Layer {
  /** The filters `[FN, C, FH, FW]` (the array passed in; updated in place by optimisers). */
  readonly W: NDArray;
  /** One bias per filter `[FN]` (the array passed in). */
  readonly b: NDArray;
  /** ∂L/∂W after `backward`, `[FN, C, FH, FW]`, the same array from call to call. */
  readonly dW: NDArray;
  /** ∂L/∂b after `backward`, `[FN]`, the same array from call to call. */
  readonly db: NDArray;
  readonly stride: number;
  readonly pad: number;
  readonly params: Record<string, NDArray>;
  readonly grads: Record<string, NDArray>;
  /** The last forward's im2col matrix `[N·OH·OW, C·FH·FW]`, which dW needs. */
  private col: NDArray | undefined;
  /** The shape of the last forward input, for col2im. */
  private xShape: readonly number[] | undefined;
  /** The shape of the last forward output, which dout must have. */
  private outShape: readonly number[] | undefined;

  /**
   * @param W - filters `[FN, C, FH, FW]`, used (not copied) by the layer
   * @param b - biases `[FN]`, used (not copied)
   * @param options - `{ stride = 1, pad = 0 }`
   * @throws ShapeError when W is not 4-D or b is not `[FN]`
   * @throws RangeError when stride is not an integer ≥ 1 or pad an integer ≥ 0
   * @throws TypeError when W or b is not an NDArray
   */
  constructor(W: NDArray, b: NDArray, options: ConvolutionOptions = {}) {
    checkNDArray('Convolution', 'W', W);
    checkNDArray('Convolution', 'b', b);
    if (W.ndim !== 4) {
      throw new ShapeError(
        `Convolution: W is not a bank of filters; expected W of shape [FN, C, FH, FW], got W=${formatShape(W.shape)}`,
      );
    }
    const fn = W.shape[0]!;
    if (b.ndim !== 1 || b.shape[0] !== fn) {
      throw new ShapeError(
        `Convolution: b does not match W; expected b of shape [${fn}] for W=${formatShape(W.shape)}, got b=${formatShape(b.shape)}`,
      );
    }
    const { stride = 1, pad = 0 } = options;
    if (!Number.isInteger(stride) || stride < 1) {
      throw new RangeError(
        `Convolution: invalid stride; expected an integer ≥ 1, got ${String(stride)}`,
      );
    }
    if (!Number.isInteger(pad) || pad < 0) {
      throw new RangeError(`Convolution: invalid pad; expected an integer ≥ 0, got ${String(pad)}`);
    }
    this.W = W;
    this.b = b;
    this.stride = stride;
    this.pad = pad;
    this.dW = gradientFor(W);
    this.db = gradientFor(b);
    this.params = Object.freeze({ W, b });
    this.grads = Object.freeze({ W: this.dW, b: this.db });
  }

  /**
   * Filters a batch of images.
   *
   * @param x - images `[N, C, H, W]`, C matching the filters
   * @returns a new array `[N, FN, OH, OW]`
   * @throws ShapeError when x is not 4-D, its channels differ from W's, the filter is larger than
   * the padded image or the stride does not divide
   * @throws TypeError when x is not an NDArray
   */
  forward(x: NDArray): NDArray {
    checkNDArray('Convolution.forward', 'x', x);
    const [FN, C, FH, FW] = this.W.shape as [number, number, number, number];
    if (x.ndim !== 4 || x.shape[1] !== C) {
      throw new ShapeError(
        `Convolution.forward: x does not match W; expected x of shape [N, ${C}, H, W] for W=${formatShape(this.W.shape)}, got x=${formatShape(x.shape)}`,
      );
    }
    const [N, , H, W] = x.shape as [number, number, number, number];
    const col = asOp('Convolution.forward', () => im2col(x, FH, FW, this.stride, this.pad));
    const OH = convOutputSize(H, FH, this.stride, this.pad);
    const OW = convOutputSize(W, FW, this.stride, this.pad);
    const colW = this.W.reshape(FN, C * FH * FW); // a view: one filter per row
    // out = col · colWᵀ + b, one row per output position, one column per filter.
    const out = matmul(col, colW, { transB: true, bias: this.b });
    this.col = col;
    this.xShape = x.shape;
    const result = out.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2);
    this.outShape = result.shape;
    return result;
  }

  /**
   * Fills `dW` and `db`, and returns dx.
   *
   * @param dout - ∂L/∂out `[N, FN, OH, OW]`, the shape of the last forward's output
   * @returns a new array dx `[N, C, H, W]`
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws TypeError when dout is not an NDArray
   * @throws Error when called before `forward`
   */
  backward(dout: NDArray): NDArray {
    const dout2 = this.parameterGradients('Convolution.backward', dout);
    const [FN, C, FH, FW] = this.W.shape as [number, number, number, number];
    // dcol = dout · colW, then each window's gradient goes back where im2col read it.
    const dcol = matmul(dout2, this.W.reshape(FN, C * FH * FW));
    return col2im(dcol, this.xShape!, FH, FW, this.stride, this.pad);
  }

  /**
   * Fills `dW` and `db` only, without dx: for the first layer of a network, whose input is the
   * data, dx (a product and a col2im) would be wasted work.
   *
   * @param dout - ∂L/∂out, the shape of the last forward's output
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws TypeError when dout is not an NDArray
   * @throws Error when called before `forward`
   * @example
   * ```ts
   * import { array, ones } from '@dl/linalg';
   * import { Convolution } from '@dl/layers';
   * const conv = new Convolution(ones([1, 1, 2, 2]), array([0]));
   * conv.forward(array([[[[1, 2], [3, 4]]]]));
   * conv.backwardParams(array([[[[1]]]]));
   * conv.dW.toArray(); // [[[[1, 2], [3, 4]]]]
   * ```
   */
  backwardParams(dout: NDArray): void {
    this.parameterGradients('Convolution.backwardParams', dout);
  }

  /** Checks dout, fills dW = doutᵀ·col and db = Σ dout, and returns dout as `[N·OH·OW, FN]`. */
  private parameterGradients(op: string, dout: NDArray): NDArray {
    checkNDArray(op, 'dout', dout);
    const col = this.col;
    if (col === undefined || this.outShape === undefined) {
      throw new Error(
        `${op}: called before forward; expected forward(x) first, got no cached input`,
      );
    }
    checkSameShape(op, 'dout shape differs from the forward output', this.outShape, dout.shape);
    const FN = this.W.shape[0]!;
    // [N, FN, OH, OW] → [N, OH, OW, FN] → [N·OH·OW, FN]: the layout of the forward's product.
    const dout2 = dout.transpose(0, 2, 3, 1).reshape(-1, FN);
    // dW = doutᵀ · col, straight into dW viewed as [FN, C·FH·FW] when the dtypes agree.
    const dW2 = this.dW.reshape(FN, -1);
    if (dout2.dtype === this.dW.dtype && col.dtype === this.dW.dtype) {
      matmul(dout2, col, { transA: true, out: dW2 });
    } else {
      this.dW.data.set(matmul(dout2, col, { transA: true }).data);
    }
    // db = Σ dout over every position of every image (each filter's bias was added to all of them).
    sumRowsInto(this.db, dout2);
    return dout2;
  }
}

import { numericalGradient } from '@dl/calculus';
import {
  Affine,
  Convolution,
  initWeight,
  type Layer,
  Pooling,
  Relu,
  SoftmaxWithLoss,
} from '@dl/layers';
import {
  convOutputSize,
  createRng,
  type DType,
  type NDArray,
  type Rng,
  randn,
  zeros,
} from '@dl/linalg';
import { accuracyOf, checkT } from './checks.js';
import { checkImages, forwardInChunks } from './images.js';
import type {
  LossAndGradient,
  Network,
  ParamRecord,
  SimpleConvNetArchitecture,
} from './network.js';
import { checkPositive, checkSize } from './options.js';
import { resident } from './resident.js';

/** Options of {@link SimpleConvNet}; the defaults are the book's (§7.5). */
export interface SimpleConvNetOptions {
  /** One image's `[C, H, W]` (default `[1, 28, 28]`, an MNIST digit). */
  inputDim?: readonly [number, number, number];
  /** Filters of the convolution layer (default 30). */
  filterNum?: number;
  /** Their height and width (default 5). */
  filterSize?: number;
  /** Zero padding of the convolution (default 0). */
  pad?: number;
  /** Stride of the convolution (default 1). */
  stride?: number;
  /** Nodes of the hidden affine layer (default 100). */
  hiddenSize?: number;
  /** Classes (default 10). */
  outputSize?: number;
  /** Standard deviation of the initial weights (default 0.01); biases start at 0. */
  weightInitStd?: number;
  /** Element type of parameters and computation (default `'float64'`); inputs are converted. */
  dtype?: DType;
  /** The seeded generator the weights are drawn from (default `createRng(0)`). */
  rng?: Rng;
}

/**
 * The book's simple convolutional network (§7.5):
 * `Conv1 → Relu1 → Pool1 → Affine1 → Relu2 → Affine2 → SoftmaxWithLoss`, with parameters
 * W1 `[FN, C, FS, FS]`, b1 `[FN]` (the filters), W2 `[FN·PH·PW, hidden]`, b2, W3 `[hidden, out]`, b3.
 * The pooling is 2×2 with stride 2, so with the defaults:
 * `[N, 1, 28, 28] → conv [N, 30, 24, 24] → pool [N, 30, 12, 12] → affine [N, 100] → [N, 10]`.
 *
 * It takes images as `[N, C, H, W]` or flattened `[N, C·H·W]` (as the datasets give them).
 *
 * @example
 * ```ts
 * import { createRng, zeros } from '@dl/linalg';
 * import { SimpleConvNet } from '@dl/network';
 * const net = new SimpleConvNet({ inputDim: [1, 8, 8], filterNum: 2, filterSize: 3, hiddenSize: 4, rng: createRng(0) });
 * Object.keys(net.params); // ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']
 * net.params['W1']!.shape; // [2, 1, 3, 3]
 * net.predict(zeros([5, 64])).shape; // [5, 10]
 * ```
 */
export class SimpleConvNet implements Network {
  readonly params: ParamRecord;
  readonly architecture: SimpleConvNetArchitecture;
  /** The layers in forward order. */
  readonly layers: readonly Layer[];
  /** The output layer: softmax and cross-entropy error together. */
  readonly lastLayer: SoftmaxWithLoss;
  readonly dtype: DType;
  private readonly conv1: Convolution;
  private readonly affine1: Affine;
  private readonly affine2: Affine;

  /**
   * Builds the network with random weights `weightInitStd · N(0, 1)` and zero biases.
   *
   * @param options - the book's settings by default
   * @throws RangeError when a size is not a positive integer, the pad negative, `weightInitStd`
   * not positive, or `dtype` unknown
   * @throws ShapeError when the filter does not fit the image or the stride does not divide
   */
  constructor(options: SimpleConvNetOptions = {}) {
    const op = 'SimpleConvNet';
    const [c, h, w] = (options.inputDim ?? [1, 28, 28]).map((d, i) =>
      checkSize(op, `inputDim[${i}]`, d),
    ) as [number, number, number];
    const filterNum = checkSize(op, 'filterNum', options.filterNum ?? 30);
    const filterSize = checkSize(op, 'filterSize', options.filterSize ?? 5);
    const stride = checkSize(op, 'stride', options.stride ?? 1);
    const pad = options.pad ?? 0;
    if (!Number.isInteger(pad) || pad < 0) {
      throw new RangeError(`${op}: invalid pad; expected an integer ≥ 0, got ${String(pad)}`);
    }
    const hiddenSize = checkSize(op, 'hiddenSize', options.hiddenSize ?? 100);
    const outputSize = checkSize(op, 'outputSize', options.outputSize ?? 10);
    const weightInitStd = checkPositive(op, 'weightInitStd', options.weightInitStd ?? 0.01);
    const dtype = options.dtype ?? 'float64';
    if (dtype !== 'float64' && dtype !== 'float32') {
      throw new RangeError(
        `${op}: invalid dtype; expected 'float64' or 'float32', got ${String(dtype)}`,
      );
    }
    const rng = options.rng ?? createRng(0);
    // The book's sizes: conv_output_size = (H − FS + 2·pad) / stride + 1, then a 2×2 pool.
    const convH = convOutputSize(h, filterSize, stride, pad);
    const convW = convOutputSize(w, filterSize, stride, pad);
    const poolOutputSize = filterNum * Math.floor(convH / 2) * Math.floor(convW / 2);
    this.dtype = dtype;
    this.architecture = {
      type: op,
      inputDim: [c, h, w],
      filterNum,
      filterSize,
      pad,
      stride,
      hiddenSize,
      outputSize,
      weightInitStd,
      dtype,
    };

    // W1 = weight_init_std · randn(FN, C, FS, FS), as the book draws it.
    const W1 = randn([filterNum, c, filterSize, filterSize], rng);
    for (let i = 0; i < W1.size; i++) W1.data[i]! *= weightInitStd;
    const init = { method: 'std', std: weightInitStd, rng, dtype } as const;
    const W2 = initWeight([poolOutputSize, hiddenSize], init);
    const W3 = initWeight([hiddenSize, outputSize], init);
    this.conv1 = new Convolution(
      resident(W1.astype(dtype)),
      resident(zeros([filterNum], { dtype })),
      {
        stride,
        pad,
      },
    );
    this.affine1 = new Affine(resident(W2), resident(zeros([hiddenSize], { dtype })));
    this.affine2 = new Affine(resident(W3), resident(zeros([outputSize], { dtype })));
    this.layers = [
      this.conv1,
      new Relu(),
      new Pooling(2, 2, { stride: 2 }),
      this.affine1,
      new Relu(),
      this.affine2,
    ];
    this.lastLayer = new SoftmaxWithLoss();
    this.params = {
      W1: this.conv1.W,
      b1: this.conv1.b,
      W2: this.affine1.W,
      b2: this.affine1.b,
      W3: this.affine2.W,
      b3: this.affine2.b,
    };
  }

  /**
   * The scores for each image, before softmax (in chunks of 100 images, to bound memory).
   *
   * @param x - images `[N, C, H, W]` or `[N, C·H·W]`
   * @returns scores `[N, outputSize]`
   * @throws ShapeError when x is not a batch of images of `inputDim`
   */
  predict(x: NDArray): NDArray {
    const images = checkImages('SimpleConvNet.predict', x, this.architecture.inputDim, this.dtype);
    return forwardInChunks(images, (chunk) => this.forward(chunk));
  }

  /**
   * The mean cross-entropy error of `softmax(predict(x))` against `t`.
   *
   * @param x - images `[N, C, H, W]` or `[N, C·H·W]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns the loss
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  loss(x: NDArray, t: NDArray): number {
    const [images, labels] = this.check('SimpleConvNet.loss', x, t);
    return this.lastLayer.forward(this.forward(images), labels);
  }

  /**
   * The fraction of images whose highest score is their label.
   *
   * @param x - images `[N, C, H, W]` or `[N, C·H·W]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns a number in [0, 1]
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  accuracy(x: NDArray, t: NDArray): number {
    const [, labels] = this.check('SimpleConvNet.accuracy', x, t);
    return accuracyOf(this.predict(x), labels);
  }

  /**
   * Gradients by central differences, parameter by parameter (very slow: for checks on a few
   * small images only).
   *
   * @param x - images
   * @param t - labels
   * @param options - `h`, the step (default 1e-4)
   * @returns new arrays shaped like the parameters, by the same names
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  numericalGradient(x: NDArray, t: NDArray, options: { h?: number } = {}): ParamRecord {
    const [images, labels] = this.check('SimpleConvNet.numericalGradient', x, t);
    const f = (): number => this.lastLayer.forward(this.forward(images), labels);
    const grads: ParamRecord = {};
    for (const [name, p] of Object.entries(this.params)) {
      grads[name] = numericalGradient(f, p, options);
    }
    return grads;
  }

  /**
   * Gradients by backpropagation.
   *
   * @param x - images
   * @param t - labels
   * @returns the layers' gradient arrays by parameter name, valid until the next backward pass
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  gradient(x: NDArray, t: NDArray): ParamRecord {
    return this.lossAndGradient(x, t).grads;
  }

  /**
   * One forward pass for the loss, then one backward pass through every layer.
   *
   * @param x - images
   * @param t - labels
   * @returns the loss before any update, and the gradients
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  lossAndGradient(x: NDArray, t: NDArray): LossAndGradient {
    const [images, labels] = this.check('SimpleConvNet.gradient', x, t);
    const loss = this.lastLayer.forward(this.forward(images), labels);
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 1; i--) dout = this.layers[i]!.backward(dout);
    // The first layer's input is the data: its dx is not needed, only dW1 and db1.
    this.conv1.backwardParams(dout);
    const grads: ParamRecord = {
      W1: this.conv1.dW,
      b1: this.conv1.db,
      W2: this.affine1.dW,
      b2: this.affine1.db,
      W3: this.affine2.dW,
      b3: this.affine2.db,
    };
    return { loss, grads };
  }

  /**
   * The number of trainable numbers.
   *
   * @returns the total size of the parameters
   */
  paramCount(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  private check(op: string, x: NDArray, t: NDArray): [NDArray, NDArray] {
    const images = checkImages(op, x, this.architecture.inputDim, this.dtype);
    return [images, checkT(op, t, images.shape[0]!, this.architecture.outputSize)];
  }

  private forward(x: NDArray): NDArray {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out);
    return out;
  }
}

import { numericalGradient } from '@dl/calculus';
import {
  Affine,
  Convolution,
  Dropout,
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
  ConvParam,
  DeepConvNetArchitecture,
  LossAndGradient,
  Network,
  ParamRecord,
} from './network.js';
import { checkSize } from './options.js';
import { resident } from './resident.js';

/** Options of {@link DeepConvNet}; the defaults are the book's (§8.1). */
export interface DeepConvNetOptions {
  /** One image's `[C, H, W]` (default `[1, 28, 28]`, an MNIST digit). */
  inputDim?: readonly [number, number, number];
  /**
   * The six convolutions, in order (default: 16, 16, 32, 32, 64, 64 filters of 3×3, stride 1,
   * pad 1, except pad 2 on the fourth, as the book's `deep_convnet.py`, so that the last pooling
   * leaves `64 × 4 × 4`).
   */
  convParams?: readonly ConvParam[];
  /** Nodes of the hidden affine layer (default 50). */
  hiddenSize?: number;
  /** Classes (default 10). */
  outputSize?: number;
  /** The fraction each of the two Dropout layers drops in training, in [0, 1) (default 0.5). */
  dropoutRatio?: number;
  /** Element type of parameters and computation (default `'float64'`); inputs are converted. */
  dtype?: DType;
  /** The seeded generator the weights are drawn from (default `createRng(0)`). */
  rng?: Rng;
  /** The generator of the dropout masks (default: seeded from `rng` after the weights). */
  dropoutRng?: Rng;
}

/** The book's six convolutions (`deep_convnet.py`): note the fourth's pad 2. */
const BOOK_CONV_PARAMS: readonly ConvParam[] = [16, 16, 32, 32, 64, 64].map((filterNum, i) => ({
  filterNum,
  filterSize: 3,
  pad: i === 3 ? 2 : 1,
  stride: 1,
}));

/**
 * The book's deeper convolutional network (§8.1), about 99.4 % on MNIST:
 *
 * `conv → relu → conv → relu → pool → conv → relu → conv → relu → pool → conv → relu → conv →
 * relu → pool → affine → relu → dropout → affine → dropout → softmax`,
 *
 * with He initialisation (each weight `√(2 / fan-in) · N(0, 1)`, the fan-in of a convolution
 * being `C·FH·FW`) and zero biases. Parameters `W1 … W6`, `b1 … b6` are the filters,
 * `W7`, `b7` the hidden affine layer and `W8`, `b8` the output. Every pooling is 2×2 with stride 2,
 * so with the defaults: `[N, 1, 28, 28] → [N, 16, 14, 14] → [N, 32, 8, 8] → [N, 64, 4, 4] →
 * [N, 50] → [N, 10]`.
 *
 * Training and test mode as the book's `train_flg`: {@link DeepConvNet.lossAndGradient} (and so the
 * Trainer's steps) drops units; `predict`, `loss` and `accuracy` keep them all, scaled by
 * `1 − dropoutRatio`.
 *
 * @example
 * ```ts
 * import { createRng, zeros } from '@dl/linalg';
 * import { DeepConvNet } from '@dl/network';
 * const net = new DeepConvNet({ inputDim: [1, 12, 12], hiddenSize: 6, rng: createRng(0) });
 * Object.keys(net.params).length; // 16
 * net.params['W4']!.shape; // [32, 32, 3, 3]
 * net.predict(zeros([2, 144])).shape; // [2, 10]
 * ```
 */
export class DeepConvNet implements Network {
  readonly params: ParamRecord;
  readonly architecture: DeepConvNetArchitecture;
  /** The layers in forward order. */
  readonly layers: readonly Layer[];
  /** The output layer: softmax and cross-entropy error together. */
  readonly lastLayer: SoftmaxWithLoss;
  readonly dtype: DType;
  /** The generator the dropout masks come from (one mask per Dropout per training pass). */
  readonly dropoutRng: Rng;
  private readonly convs: Convolution[];
  private readonly affines: Affine[];

  /**
   * Builds the network with He-scaled random weights and zero biases.
   *
   * @param options - the book's settings by default
   * @throws RangeError when there are not six convolutions, a size is not a positive integer, a
   * pad negative, `dropoutRatio` outside [0, 1) or `dtype` unknown
   * @throws ShapeError when a filter or a pooling does not fit what reaches it
   */
  constructor(options: DeepConvNetOptions = {}) {
    const op = 'DeepConvNet';
    const [c, h, w] = (options.inputDim ?? [1, 28, 28]).map((d, i) =>
      checkSize(op, `inputDim[${i}]`, d),
    ) as [number, number, number];
    const given = options.convParams ?? BOOK_CONV_PARAMS;
    if (!Array.isArray(given) || given.length !== 6) {
      throw new RangeError(
        `${op}: invalid convParams; expected 6 convolutions, got ${Array.isArray(given) ? given.length : String(given)}`,
      );
    }
    const convParams = given.map((p: ConvParam, i): ConvParam => {
      const pad = p.pad;
      if (!Number.isInteger(pad) || pad < 0) {
        throw new RangeError(
          `${op}: invalid convParams[${i}].pad; expected an integer ≥ 0, got ${String(pad)}`,
        );
      }
      return {
        filterNum: checkSize(op, `convParams[${i}].filterNum`, p.filterNum),
        filterSize: checkSize(op, `convParams[${i}].filterSize`, p.filterSize),
        pad,
        stride: checkSize(op, `convParams[${i}].stride`, p.stride),
      };
    });
    const hiddenSize = checkSize(op, 'hiddenSize', options.hiddenSize ?? 50);
    const outputSize = checkSize(op, 'outputSize', options.outputSize ?? 10);
    const dropoutRatio = options.dropoutRatio ?? 0.5;
    if (typeof dropoutRatio !== 'number' || !(dropoutRatio >= 0 && dropoutRatio < 1)) {
      throw new RangeError(
        `${op}: invalid dropoutRatio; expected a number in [0, 1), got ${String(dropoutRatio)}`,
      );
    }
    const dtype = options.dtype ?? 'float64';
    if (dtype !== 'float64' && dtype !== 'float32') {
      throw new RangeError(
        `${op}: invalid dtype; expected 'float64' or 'float32', got ${String(dtype)}`,
      );
    }
    const rng = options.rng ?? createRng(0);
    this.dtype = dtype;
    this.architecture = {
      type: op,
      inputDim: [c, h, w],
      convParams,
      hiddenSize,
      outputSize,
      dropoutRatio,
      dtype,
    };

    // Follow the sizes through the stack: each convolution, and a 2×2 pool after every second.
    const layers: Layer[] = [];
    this.convs = [];
    this.affines = [];
    this.params = {};
    let [channels, height, width] = [c, h, w];
    convParams.forEach(({ filterNum, filterSize, pad, stride }, i) => {
      height = convOutputSize(height, filterSize, stride, pad);
      width = convOutputSize(width, filterSize, stride, pad);
      // He: √(2 / fan-in), the fan-in of a filter being C·FH·FW (the book's pre_node_nums).
      const scale = Math.sqrt(2 / (channels * filterSize * filterSize));
      const W = randn([filterNum, channels, filterSize, filterSize], rng);
      for (let k = 0; k < W.size; k++) W.data[k]! *= scale;
      const conv = new Convolution(
        resident(W.astype(dtype)),
        resident(zeros([filterNum], { dtype })),
        { stride, pad },
      );
      this.convs.push(conv);
      this.params[`W${i + 1}`] = conv.W;
      this.params[`b${i + 1}`] = conv.b;
      layers.push(conv, new Relu());
      channels = filterNum;
      if (i % 2 === 1) {
        height = convOutputSize(height, 2, 2, 0);
        width = convOutputSize(width, 2, 2, 0);
        layers.push(new Pooling(2, 2, { stride: 2 }));
      }
    });
    const flat = channels * height * width;
    const W7 = initWeight([flat, hiddenSize], { method: 'he', rng, dtype });
    const W8 = initWeight([hiddenSize, outputSize], { method: 'he', rng, dtype });
    this.dropoutRng = options.dropoutRng ?? createRng(rng.int(2 ** 31));
    for (const W of [W7, W8]) {
      const affine = new Affine(resident(W), resident(zeros([W.shape[1]!], { dtype })));
      this.affines.push(affine);
      this.params[`W${6 + this.affines.length}`] = affine.W;
      this.params[`b${6 + this.affines.length}`] = affine.b;
    }
    const dropout = (): Dropout => new Dropout({ dropoutRatio, rng: this.dropoutRng });
    layers.push(this.affines[0]!, new Relu(), dropout(), this.affines[1]!, dropout());
    this.layers = layers;
    this.lastLayer = new SoftmaxWithLoss();
  }

  /**
   * The scores for each image, before softmax, in test mode (in chunks of 100 images).
   *
   * @param x - images `[N, C, H, W]` or `[N, C·H·W]`
   * @returns scores `[N, outputSize]`
   * @throws ShapeError when x is not a batch of images of `inputDim`
   */
  predict(x: NDArray): NDArray {
    const images = checkImages('DeepConvNet.predict', x, this.architecture.inputDim, this.dtype);
    return forwardInChunks(images, (chunk) => this.forward(chunk, false));
  }

  /**
   * The mean cross-entropy error of `softmax(predict(x))` against `t` (test mode).
   *
   * @param x - images `[N, C, H, W]` or `[N, C·H·W]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns the loss
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  loss(x: NDArray, t: NDArray): number {
    const [images, labels] = this.check('DeepConvNet.loss', x, t);
    return this.lastLayer.forward(this.forward(images, false), labels);
  }

  /**
   * The fraction of images whose highest score is their label (test mode).
   *
   * @param x - images `[N, C, H, W]` or `[N, C·H·W]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns a number in [0, 1]
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  accuracy(x: NDArray, t: NDArray): number {
    const [, labels] = this.check('DeepConvNet.accuracy', x, t);
    return accuracyOf(this.predict(x), labels);
  }

  /**
   * Gradients of the training-mode loss by central differences (very slow: a few tiny images
   * only). Every evaluation replays the same dropout masks (the generator's state at the call); to
   * compare with {@link DeepConvNet.gradient}, save `dropoutRng.getState()` before `gradient` and
   * restore it before this call.
   *
   * @param x - images
   * @param t - labels
   * @param options - `h`, the step (default 1e-4)
   * @returns new arrays shaped like the parameters, by the same names
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  numericalGradient(x: NDArray, t: NDArray, options: { h?: number } = {}): ParamRecord {
    const [images, labels] = this.check('DeepConvNet.numericalGradient', x, t);
    const masks = this.dropoutRng.getState();
    const f = (): number => {
      this.dropoutRng.setState(masks);
      return this.lastLayer.forward(this.forward(images, true), labels);
    };
    const grads: ParamRecord = {};
    for (const [name, p] of Object.entries(this.params)) {
      grads[name] = numericalGradient(f, p, options);
    }
    f(); // leave the generator as one training pass would
    return grads;
  }

  /**
   * Gradients by backpropagation, in training mode.
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
   * One training-mode forward pass for the loss, then one backward pass through every layer.
   *
   * @param x - images
   * @param t - labels
   * @returns the loss before any update, and the gradients
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  lossAndGradient(x: NDArray, t: NDArray): LossAndGradient {
    const [images, labels] = this.check('DeepConvNet.gradient', x, t);
    const loss = this.lastLayer.forward(this.forward(images, true), labels);
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 1; i--) dout = this.layers[i]!.backward(dout);
    // The first layer's input is the data: its dx is not needed, only dW1 and db1.
    this.convs[0]!.backwardParams(dout);
    const grads: ParamRecord = {};
    [...this.convs, ...this.affines].forEach((layer, i) => {
      grads[`W${i + 1}`] = layer.dW;
      grads[`b${i + 1}`] = layer.db;
    });
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

  private forward(x: NDArray, trainFlg: boolean): NDArray {
    let out = x;
    for (const layer of this.layers) {
      out = layer instanceof Dropout ? layer.forward(out, trainFlg) : layer.forward(out);
    }
    return out;
  }
}

import { numericalGradient } from '@dl/calculus';
import {
  Affine,
  BatchNormalization,
  Dropout,
  type Layer,
  Relu,
  Sigmoid,
  SoftmaxWithLoss,
} from '@dl/layers';
import { createRng, type NDArray, ones, type Rng, zeros } from '@dl/linalg';
import { accuracyOf, checkT, checkX } from './checks.js';
import type {
  LossAndGradient,
  MultiLayerNetExtendArchitecture,
  Network,
  ParamRecord,
} from './network.js';
import { checkStackOptions, initialWeight, type StackOptions } from './options.js';
import { resident } from './resident.js';

/** Options of {@link MultiLayerNetExtend}: those of `MultiLayerNet` plus the book's ch. 6 techniques. */
export interface MultiLayerNetExtendOptions extends StackOptions {
  /** λ of the weight decay (가중치 감소): ½·λ·ΣW² is added to the loss, λ·W to each dW (default 0). */
  weightDecayLambda?: number;
  /** A Dropout layer after each hidden activation (default false). */
  useDropout?: boolean;
  /** The fraction of units each Dropout layer drops in training, in [0, 1) (default 0.5). */
  dropoutRatio?: number;
  /** A BatchNormalization layer between each hidden Affine and its activation (default false). */
  useBatchnorm?: boolean;
  /** The seeded generator the weights are drawn from (default `createRng(0)`). */
  rng?: Rng;
  /**
   * The seeded generator of the dropout masks (default: a generator seeded from `rng`, so one
   * seed fixes both the weights and the masks).
   */
  dropoutRng?: Rng;
}

/**
 * The book's extended multi-layer network (ch. 6, `MultiLayerNetExtend`): any number of hidden
 * layers, each `Affine → [BatchNorm] → ReLU|Sigmoid → [Dropout]`, then `Affine → SoftmaxWithLoss`,
 * with optional L2 weight decay.
 *
 * Parameters: `W1, b1, …, WL, bL`, and with batch normalisation `gamma1, beta1, …` for each
 * hidden layer (γ = 1, β = 0 at first). The running means and variances of batch normalisation
 * are {@link MultiLayerNetExtend.buffers} (`runningMean1`, `runningVar1`, …): saved with the model,
 * not trained by gradients.
 *
 * Train and test mode, the book's `train_flg`: {@link MultiLayerNetExtend.lossAndGradient} (and so
 * the Trainer's steps) runs in training mode — fresh dropout masks, batch statistics — while
 * `predict`, `accuracy` and `loss` run in test mode unless told otherwise. The network passes the
 * flag to every layer that has one; nothing else holds it.
 *
 * With weight decay, loss = cross-entropy + ½·λ·Σₗ ΣWₗ², and ∂loss/∂Wₗ = dWₗ(backprop) + λ·Wₗ.
 *
 * @example
 * ```ts
 * import { createRng, zeros } from '@dl/linalg';
 * import { MultiLayerNetExtend } from '@dl/network';
 * const net = new MultiLayerNetExtend({
 *   inputSize: 4, hiddenSizeList: [8, 6], outputSize: 3,
 *   useBatchnorm: true, useDropout: true, dropoutRatio: 0.2, weightDecayLambda: 0.1, rng: createRng(0),
 * });
 * Object.keys(net.params); // ['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']
 * net.predict(zeros([5, 4])).shape; // [5, 3]
 * ```
 */
export class MultiLayerNetExtend implements Network {
  readonly params: ParamRecord;
  readonly buffers: ParamRecord;
  readonly architecture: MultiLayerNetExtendArchitecture;
  /** The layers in forward order. */
  readonly layers: readonly Layer[];
  /** The output layer: softmax and cross-entropy error together. */
  readonly lastLayer: SoftmaxWithLoss;
  /** The generator the dropout masks come from (the net draws one mask per Dropout per training pass). */
  readonly dropoutRng: Rng;
  private readonly affines: Affine[];
  private readonly batchNorms: BatchNormalization[];

  /**
   * Builds the network with random weights, zero biases, γ = 1 and β = 0.
   *
   * @param options - sizes, activation, weight initialisation, regularisation and the generators
   * @throws RangeError when a size is not a positive integer, the activation or weight init is
   * unknown, weightDecayLambda is negative or dropoutRatio is outside [0, 1)
   */
  constructor(options: MultiLayerNetExtendOptions = {}) {
    const op = 'MultiLayerNetExtend';
    const { inputSize, hiddenSizeList, outputSize, activation, weightInit } = checkStackOptions(
      op,
      options,
    );
    const weightDecayLambda = options.weightDecayLambda ?? 0;
    if (
      typeof weightDecayLambda !== 'number' ||
      !Number.isFinite(weightDecayLambda) ||
      weightDecayLambda < 0
    ) {
      throw new RangeError(
        `${op}: invalid weightDecayLambda; expected a finite number >= 0, got ${String(weightDecayLambda)}`,
      );
    }
    const useDropout = options.useDropout ?? false;
    const dropoutRatio = options.dropoutRatio ?? 0.5;
    if (typeof dropoutRatio !== 'number' || !(dropoutRatio >= 0 && dropoutRatio < 1)) {
      throw new RangeError(
        `${op}: invalid dropoutRatio; expected a number in [0, 1), got ${String(dropoutRatio)}`,
      );
    }
    const useBatchnorm = options.useBatchnorm ?? false;
    const rng = options.rng ?? createRng(0);
    this.architecture = {
      type: op,
      inputSize,
      hiddenSizeList,
      outputSize,
      activation,
      weightInit,
      weightDecayLambda,
      useDropout,
      dropoutRatio,
      useBatchnorm,
    };

    const sizes = [inputSize, ...hiddenSizeList, outputSize];
    const layers: Layer[] = [];
    this.affines = [];
    this.batchNorms = [];
    this.params = {};
    this.buffers = {};
    // The weights are drawn first, in layer order, so that they do not depend on the other options.
    const weights = sizes
      .slice(0, -1)
      .map((rows, i) => initialWeight([rows, sizes[i + 1]!], weightInit, rng));
    this.dropoutRng = options.dropoutRng ?? createRng(rng.int(2 ** 31));
    for (let i = 0; i + 1 < sizes.length; i++) {
      const n = i + 1;
      const affine = new Affine(resident(weights[i]!), resident(zeros([sizes[n]!])));
      this.affines.push(affine);
      this.params[`W${n}`] = affine.W;
      this.params[`b${n}`] = affine.b;
      layers.push(affine);
      if (n === sizes.length - 1) break;
      if (useBatchnorm) {
        const bn = new BatchNormalization(ones([sizes[n]!]), zeros([sizes[n]!]));
        this.batchNorms.push(bn);
        this.params[`gamma${n}`] = bn.gamma;
        this.params[`beta${n}`] = bn.beta;
        this.buffers[`runningMean${n}`] = bn.runningMean;
        this.buffers[`runningVar${n}`] = bn.runningVar;
        layers.push(bn);
      }
      layers.push(activation === 'relu' ? new Relu() : new Sigmoid());
      if (useDropout) layers.push(new Dropout({ dropoutRatio, rng: this.dropoutRng }));
    }
    this.layers = layers;
    this.lastLayer = new SoftmaxWithLoss();
  }

  /**
   * The scores for each image, before softmax.
   *
   * @param x - images `[N, inputSize]`, or one image `[inputSize]`
   * @param trainFlg - training mode (dropout masks, batch statistics); default false (test mode)
   * @returns scores `[N, outputSize]` (`[outputSize]` for one image)
   * @throws ShapeError when `x` does not have `inputSize` columns
   */
  predict(x: NDArray, trainFlg = false): NDArray {
    const y = this.forward(
      checkX('MultiLayerNetExtend.predict', x, this.architecture.inputSize),
      trainFlg,
    );
    return x.ndim === 1 ? y.reshape(this.architecture.outputSize) : y;
  }

  /**
   * The mean cross-entropy error of `softmax(predict(x))` against `t`, plus ½·λ·ΣW².
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @param trainFlg - training mode; default false (test mode, as the book's `loss`)
   * @returns the loss
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  loss(x: NDArray, t: NDArray, trainFlg = false): number {
    const [x2, t2] = this.check('MultiLayerNetExtend.loss', x, t);
    return this.lastLayer.forward(this.forward(x2, trainFlg), t2) + this.weightDecay();
  }

  /**
   * The fraction of images whose highest score is their label (test mode).
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns a number in [0, 1]
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  accuracy(x: NDArray, t: NDArray): number {
    const [x2, t2] = this.check('MultiLayerNetExtend.accuracy', x, t);
    return accuracyOf(this.forward(x2, false), t2);
  }

  /**
   * Gradients of the training-mode loss by central differences (slow). Every evaluation replays
   * the same dropout masks (the generator's state at the call), and the running statistics are
   * put back afterwards, so the function differentiated is one fixed function of the parameters.
   * To compare with {@link MultiLayerNetExtend.gradient}, give both the same masks: save
   * `dropoutRng.getState()` before `gradient` and restore it before this call.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @param options - `h`, the step (default 1e-4)
   * @returns new arrays shaped like the parameters, by the same names
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  numericalGradient(x: NDArray, t: NDArray, options: { h?: number } = {}): ParamRecord {
    const [x2, t2] = this.check('MultiLayerNetExtend.numericalGradient', x, t);
    const masks = this.dropoutRng.getState();
    const saved = Object.entries(this.buffers).map(([k, b]) => [k, b.clone()] as const);
    const f = (): number => {
      this.dropoutRng.setState(masks);
      return this.lastLayer.forward(this.forward(x2, true), t2) + this.weightDecay();
    };
    const grads: ParamRecord = {};
    for (const [name, p] of Object.entries(this.params)) {
      grads[name] = numericalGradient(f, p, options);
    }
    f(); // leave the generator as one training pass would
    for (const [k, b] of saved) this.buffers[k]!.data.set(b.data);
    return grads;
  }

  /**
   * Gradients by backpropagation, in training mode.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns gradients by parameter name, valid until the next backward pass
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  gradient(x: NDArray, t: NDArray): ParamRecord {
    return this.lossAndGradient(x, t).grads;
  }

  /**
   * One training-mode forward pass for the loss (with the weight-decay term), then one backward
   * pass; each dW gets λ·W added.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns the loss before any update, and the gradients
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  lossAndGradient(x: NDArray, t: NDArray): LossAndGradient {
    const [x2, t2] = this.check('MultiLayerNetExtend.gradient', x, t);
    const loss = this.lastLayer.forward(this.forward(x2, true), t2) + this.weightDecay();
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 1; i--) dout = this.layers[i]!.backward(dout);
    this.affines[0]!.backwardParams(dout);
    const lambda = this.architecture.weightDecayLambda;
    const grads: ParamRecord = {};
    this.affines.forEach((affine, i) => {
      const dW = affine.dW;
      if (lambda > 0) {
        // ∂(½·λ·ΣW²)/∂W = λ·W, added to the backprop gradient in place.
        const w = affine.W.data;
        const g = dW.data;
        for (let k = 0; k < g.length; k++) g[k] = g[k]! + lambda * w[k]!;
      }
      grads[`W${i + 1}`] = dW;
      grads[`b${i + 1}`] = affine.db;
      const bn = this.batchNorms[i];
      if (bn) {
        grads[`gamma${i + 1}`] = bn.dgamma;
        grads[`beta${i + 1}`] = bn.dbeta;
      }
    });
    return { loss, grads };
  }

  /**
   * The number of trainable numbers (W, b, γ and β; not the running statistics).
   *
   * @returns the total size of the parameters
   */
  paramCount(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  /** ½·λ·Σₗ ΣWₗ²: the weight-decay term of the loss. */
  private weightDecay(): number {
    const lambda = this.architecture.weightDecayLambda;
    if (lambda === 0) return 0;
    let sum = 0;
    for (const affine of this.affines) {
      const w = affine.W.data;
      for (let k = 0; k < w.length; k++) sum += w[k]! * w[k]!;
    }
    return 0.5 * lambda * sum;
  }

  private check(op: string, x: NDArray, t: NDArray): [NDArray, NDArray] {
    const x2 = checkX(op, x, this.architecture.inputSize);
    return [x2, checkT(op, t, x2.shape[0]!, this.architecture.outputSize)];
  }

  private forward(x: NDArray, trainFlg: boolean): NDArray {
    let out = x;
    for (const layer of this.layers) {
      out =
        layer instanceof Dropout || layer instanceof BatchNormalization
          ? layer.forward(out, trainFlg)
          : layer.forward(out);
    }
    return out;
  }
}

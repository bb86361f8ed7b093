import { numericalGradient } from '@dl/calculus';
import { Affine, type Layer, Relu, Sigmoid, SoftmaxWithLoss } from '@dl/layers';
import { createRng, type NDArray, type Rng, zeros } from '@dl/linalg';
import { accuracyOf, checkT, checkX } from './checks.js';
import type {
  Activation,
  LossAndGradient,
  MultiLayerNetArchitecture,
  Network,
  ParamRecord,
  WeightInit,
} from './network.js';
import { checkStackOptions, initialWeight } from './options.js';
import { resident } from './resident.js';

/** Options of {@link MultiLayerNet}. */
export interface MultiLayerNetOptions {
  /** Pixels per image (default 784). */
  inputSize?: number;
  /** Nodes in each hidden layer, first to last (default `[50]`). */
  hiddenSizeList?: readonly number[];
  /** Classes (default 10). */
  outputSize?: number;
  /** Activation after each hidden affine layer (default `'relu'`). */
  activation?: Activation;
  /**
   * Initial weights: a standard deviation, `'he'` (√(2/n), suits ReLU) or `'xavier'` (√(1/n), suits
   * sigmoid), n being the size of the layer before. Default: `'he'` for ReLU, `'xavier'` for sigmoid.
   */
  weightInit?: WeightInit;
  /** The seeded generator the weights are drawn from (default `createRng(0)`). */
  rng?: Rng;
}

/**
 * A fully connected network with any number of hidden layers:
 * `Affine1 → act → Affine2 → act → … → AffineL → SoftmaxWithLoss`, parameters `W1, b1, …, WL, bL`.
 *
 * The generalisation of {@link SimpleNetwork} (which is `hiddenSizeList: [50]` with ReLU and
 * std 0.01 weights) that the lecture's network grows into.
 *
 * @example
 * ```ts
 * import { createRng, zeros } from '@dl/linalg';
 * import { MultiLayerNet } from '@dl/network';
 * const net = new MultiLayerNet({ inputSize: 4, hiddenSizeList: [8, 6], outputSize: 3, rng: createRng(0) });
 * Object.keys(net.params); // ['W1', 'b1', 'W2', 'b2', 'W3', 'b3']
 * net.predict(zeros([5, 4])).shape; // [5, 3]
 * ```
 */
export class MultiLayerNet implements Network {
  readonly params: ParamRecord;
  readonly architecture: MultiLayerNetArchitecture;
  /** The layers in forward order. */
  readonly layers: readonly Layer[];
  /** The output layer: softmax and cross-entropy error together. */
  readonly lastLayer: SoftmaxWithLoss;
  private readonly affines: Affine[];

  /**
   * Builds the network with random weights and zero biases.
   *
   * @param options - sizes, activation, weight initialisation and the random generator
   * @throws RangeError when a size is not a positive integer, the activation or weight init is unknown
   */
  constructor(options: MultiLayerNetOptions = {}) {
    const op = 'MultiLayerNet';
    const { inputSize, hiddenSizeList, outputSize, activation, weightInit } = checkStackOptions(
      op,
      options,
    );
    const rng = options.rng ?? createRng(0);
    this.architecture = { type: op, inputSize, hiddenSizeList, outputSize, activation, weightInit };

    const sizes = [inputSize, ...hiddenSizeList, outputSize];
    const layers: Layer[] = [];
    this.affines = [];
    this.params = {};
    for (let i = 0; i + 1 < sizes.length; i++) {
      const shape: [number, number] = [sizes[i]!, sizes[i + 1]!];
      const affine = new Affine(
        resident(initialWeight(shape, weightInit, rng)),
        resident(zeros([shape[1]])),
      );
      this.affines.push(affine);
      this.params[`W${i + 1}`] = affine.params['W']!;
      this.params[`b${i + 1}`] = affine.params['b']!;
      layers.push(affine);
      if (i + 2 < sizes.length) layers.push(activation === 'relu' ? new Relu() : new Sigmoid());
    }
    this.layers = layers;
    this.lastLayer = new SoftmaxWithLoss();
  }

  /**
   * The scores for each image, before softmax.
   *
   * @param x - images `[N, inputSize]`, or one image `[inputSize]`
   * @returns scores `[N, outputSize]` (`[outputSize]` for one image)
   * @throws ShapeError when `x` does not have `inputSize` columns
   */
  predict(x: NDArray): NDArray {
    const y = this.forward(checkX('MultiLayerNet.predict', x, this.architecture.inputSize));
    return x.ndim === 1 ? y.reshape(this.architecture.outputSize) : y;
  }

  /**
   * The mean cross-entropy error of `softmax(predict(x))` against `t`.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns the loss
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  loss(x: NDArray, t: NDArray): number {
    const [x2, t2] = this.check('MultiLayerNet.loss', x, t);
    return this.lastLayer.forward(this.forward(x2), t2);
  }

  /**
   * The fraction of images whose highest score is their label.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns a number in [0, 1]
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  accuracy(x: NDArray, t: NDArray): number {
    const [x2, t2] = this.check('MultiLayerNet.accuracy', x, t);
    return accuracyOf(this.forward(x2), t2);
  }

  /**
   * Gradients by central differences, parameter by parameter (slow).
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @param options - `h`, the step (default 1e-4)
   * @returns new arrays shaped like the parameters, by the same names
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  numericalGradient(x: NDArray, t: NDArray, options: { h?: number } = {}): ParamRecord {
    const [x2, t2] = this.check('MultiLayerNet.numericalGradient', x, t);
    const f = (): number => this.lastLayer.forward(this.forward(x2), t2);
    const grads: ParamRecord = {};
    for (const [name, p] of Object.entries(this.params))
      grads[name] = numericalGradient(f, p, options);
    return grads;
  }

  /**
   * Gradients by backpropagation.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns the layers' gradient arrays by parameter name, valid until the next backward pass
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  gradient(x: NDArray, t: NDArray): ParamRecord {
    return this.lossAndGradient(x, t).grads;
  }

  /**
   * One forward pass for the loss, then one backward pass for the gradients.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns the loss before any update, and the gradients
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  lossAndGradient(x: NDArray, t: NDArray): LossAndGradient {
    const [x2, t2] = this.check('MultiLayerNet.gradient', x, t);
    const loss = this.lastLayer.forward(this.forward(x2), t2);
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 1; i--) dout = this.layers[i]!.backward(dout);
    // ∂L/∂x of the first layer is the gradient for the data itself: skip it, keep dW1 and db1.
    this.affines[0]!.backwardParams(dout);
    const grads: ParamRecord = {};
    this.affines.forEach((affine, i) => {
      grads[`W${i + 1}`] = affine.grads['W']!;
      grads[`b${i + 1}`] = affine.grads['b']!;
    });
    return { loss, grads };
  }

  /**
   * The number of trainable numbers.
   *
   * @returns the total size of all `W` and `b`
   */
  paramCount(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  private check(op: string, x: NDArray, t: NDArray): [NDArray, NDArray] {
    const x2 = checkX(op, x, this.architecture.inputSize);
    return [x2, checkT(op, t, x2.shape[0]!, this.architecture.outputSize)];
  }

  private forward(x: NDArray): NDArray {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out);
    return out;
  }
}

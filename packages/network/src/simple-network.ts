import { numericalGradient } from '@dl/calculus';
import { Affine, initWeight, type Layer, Relu, SoftmaxWithLoss } from '@dl/layers';
import { createRng, type DType, type NDArray, type Rng, zeros } from '@dl/linalg';
import { accuracyOf, checkT, checkX } from './checks.js';
import type {
  LossAndGradient,
  Network,
  ParamRecord,
  SimpleNetworkArchitecture,
} from './network.js';
import { checkPositive, checkSize } from './options.js';
import { resident } from './resident.js';

/** Options of {@link SimpleNetwork}; the defaults are the lecture's 784-50-10 network. */
export interface SimpleNetworkOptions {
  /** Pixels per image (default 784 = 28×28). */
  inputSize?: number;
  /** Nodes in the hidden layer (default 50). */
  hiddenSize?: number;
  /** Classes (default 10 digits). */
  outputSize?: number;
  /** Standard deviation of the initial weights (default 0.01); biases start at 0. */
  weightInitStd?: number;
  /** The seeded generator the weights are drawn from (default `createRng(0)`). */
  rng?: Rng;
  /**
   * Element type of the parameters (default `'float64'`). `'float32'` halves the memory traffic
   * and roughly doubles the speed of the products; feed it float32 batches
   * (`dataset.batch(indices, { dtype: 'float32' })`). The weights come from the same generator
   * draws, so both types start from the same network up to float32 rounding.
   */
  dtype?: DType;
}

/**
 * The lecture's two-layer network (SimpleNetwork, 순전파 · 오차역전파):
 * `x → Affine(W1, b1) → Relu → Affine(W2, b2) → SoftmaxWithLoss`.
 *
 * With the defaults it has 784×50 + 50 + 50×10 + 10 = 39,760 parameters, the number the lecture
 * counts. `numericalGradient` is the lecture's slow path (two forward passes per parameter);
 * `gradient` is backpropagation through the layer classes of `@dl/layers`.
 *
 * @example
 * ```ts
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork } from '@dl/network';
 * const net = new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng: createRng(1) });
 * const x = array([[0.6, 0.9]]);
 * const t = array([1]);
 * net.predict(x).shape; // [1, 2]
 * net.loss(x, t);       // ≈ 0.693 (= log 2: tiny weights give even odds)
 * net.paramCount();     // 2*3 + 3 + 3*2 + 2 = 17
 * ```
 */
export class SimpleNetwork implements Network {
  readonly params: ParamRecord;
  readonly architecture: SimpleNetworkArchitecture;
  /** The layers in forward order: Affine1, Relu1, Affine2. */
  readonly layers: readonly Layer[];
  /** The output layer: softmax and cross-entropy error together. */
  readonly lastLayer: SoftmaxWithLoss;
  /** Element type of the parameters and gradients. */
  readonly dtype: DType;
  private readonly affine1: Affine;
  private readonly affine2: Affine;

  /**
   * Builds the network with random weights `weightInitStd · N(0, 1)` and zero biases.
   *
   * @param options - sizes, initial weight scale and the random generator
   * @throws RangeError when a size is not a positive integer, `weightInitStd` is not positive or
   * `dtype` is neither `'float64'` nor `'float32'`
   */
  constructor(options: SimpleNetworkOptions = {}) {
    const inputSize = checkSize('SimpleNetwork', 'inputSize', options.inputSize ?? 784);
    const hiddenSize = checkSize('SimpleNetwork', 'hiddenSize', options.hiddenSize ?? 50);
    const outputSize = checkSize('SimpleNetwork', 'outputSize', options.outputSize ?? 10);
    const weightInitStd = checkPositive(
      'SimpleNetwork',
      'weightInitStd',
      options.weightInitStd ?? 0.01,
    );
    const rng = options.rng ?? createRng(0);
    const dtype = options.dtype ?? 'float64';
    if (dtype !== 'float64' && dtype !== 'float32') {
      throw new RangeError(
        `SimpleNetwork: invalid dtype; expected 'float64' or 'float32', got ${String(dtype)}`,
      );
    }
    this.dtype = dtype;
    this.architecture = { type: 'SimpleNetwork', inputSize, hiddenSize, outputSize, weightInitStd };

    const init = { method: 'std', std: weightInitStd, rng, dtype } as const;
    // The parameters live in WebAssembly memory where it can be shared (resident arrays): the
    // kernels of each training step then read and update them in place.
    const W1 = resident(initWeight([inputSize, hiddenSize], init));
    const W2 = resident(initWeight([hiddenSize, outputSize], init));
    this.affine1 = new Affine(W1, resident(zeros([hiddenSize], { dtype })));
    this.affine2 = new Affine(W2, resident(zeros([outputSize], { dtype })));
    this.layers = [this.affine1, new Relu(), this.affine2];
    this.lastLayer = new SoftmaxWithLoss();
    this.params = {
      W1: this.affine1.params['W']!,
      b1: this.affine1.params['b']!,
      W2: this.affine2.params['W']!,
      b2: this.affine2.params['b']!,
    };
  }

  /**
   * The scores for each image, before softmax: `relu(x·W1 + b1)·W2 + b2`.
   *
   * @param x - images `[N, inputSize]`, or one image `[inputSize]`
   * @returns scores `[N, outputSize]` (`[outputSize]` for one image)
   * @throws ShapeError when `x` does not have `inputSize` columns
   * @throws TypeError when `x` is not an NDArray
   */
  predict(x: NDArray): NDArray {
    const x2 = checkX('SimpleNetwork.predict', x, this.architecture.inputSize);
    const y = this.forward(x2);
    return x.ndim === 1 ? y.reshape(this.architecture.outputSize) : y;
  }

  /**
   * The mean cross-entropy error of `softmax(predict(x))` against `t`.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns the loss, a number ≥ 0
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  loss(x: NDArray, t: NDArray): number {
    const x2 = checkX('SimpleNetwork.loss', x, this.architecture.inputSize);
    const t2 = checkT('SimpleNetwork.loss', t, x2.shape[0]!, this.architecture.outputSize);
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
    const x2 = checkX('SimpleNetwork.accuracy', x, this.architecture.inputSize);
    const t2 = checkT('SimpleNetwork.accuracy', t, x2.shape[0]!, this.architecture.outputSize);
    return accuracyOf(this.forward(x2), t2);
  }

  /**
   * The gradient of `loss(x, t)` for every parameter by central differences
   * (`(f(w+h) − f(w−h)) / 2h`, the lecture's `numerical_gradient`). Slow: 2 × paramCount forward passes.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @param options - `h`, the step (default 1e-4, the lecture's)
   * @returns new arrays `W1`, `b1`, `W2`, `b2` shaped like the parameters
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  numericalGradient(x: NDArray, t: NDArray, options: { h?: number } = {}): ParamRecord {
    const x2 = checkX('SimpleNetwork.numericalGradient', x, this.architecture.inputSize);
    const t2 = checkT(
      'SimpleNetwork.numericalGradient',
      t,
      x2.shape[0]!,
      this.architecture.outputSize,
    );
    const f = (): number => this.lastLayer.forward(this.forward(x2), t2);
    const grads: ParamRecord = {};
    for (const [name, p] of Object.entries(this.params)) {
      grads[name] = numericalGradient(f, p, options);
    }
    return grads;
  }

  /**
   * The gradient of `loss(x, t)` for every parameter by backpropagation.
   *
   * @param x - images `[N, inputSize]`
   * @param t - labels `[N]` or one-hot `[N, outputSize]`
   * @returns `W1`, `b1`, `W2`, `b2`: the layers' gradient arrays, valid until the next backward pass
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
   * @returns the loss before any update, and the gradients as {@link SimpleNetwork.gradient} gives them
   * @throws ShapeError when `x` or `t` has the wrong shape
   */
  lossAndGradient(x: NDArray, t: NDArray): LossAndGradient {
    const x2 = checkX('SimpleNetwork.gradient', x, this.architecture.inputSize);
    const t2 = checkT('SimpleNetwork.gradient', t, x2.shape[0]!, this.architecture.outputSize);
    const loss = this.lastLayer.forward(this.forward(x2), t2);
    // Chain rule, last layer first: dL/dL = 1 flows back through each layer's local derivative.
    let dout = this.lastLayer.backward(1);
    for (let i = this.layers.length - 1; i >= 1; i--) {
      dout = this.layers[i]!.backward(dout);
    }
    // The first layer's dx = dout·W1ᵀ would be ∂L/∂x, the gradient for the images themselves:
    // nobody needs it, so only dW1 and db1 are computed.
    this.affine1.backwardParams(dout);
    const grads: ParamRecord = {
      W1: this.affine1.grads['W']!,
      b1: this.affine1.grads['b']!,
      W2: this.affine2.grads['W']!,
      b2: this.affine2.grads['b']!,
    };
    return { loss, grads };
  }

  /**
   * The number of trainable numbers: `A×B + B + B×C + C` for sizes A-B-C (39,760 for 784-50-10).
   *
   * @returns the total size of `W1`, `b1`, `W2`, `b2`
   */
  paramCount(): number {
    return Object.values(this.params).reduce((n, p) => n + p.size, 0);
  }

  private forward(x: NDArray): NDArray {
    let out = x;
    for (const layer of this.layers) out = layer.forward(out);
    return out;
  }
}

import type { NDArray, Rng } from '@dl/linalg';

/** Parameters or gradients of a network, by the lecture's names (`W1`, `b1`, `W2`, `b2`, …). */
export type ParamRecord = Record<string, NDArray>;

/** The architecture of the lecture's two-layer network, as stored in a model file. */
export interface SimpleNetworkArchitecture {
  type: 'SimpleNetwork';
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  weightInitStd: number;
}

/** Activation functions a {@link MultiLayerNet} can use between its affine layers. */
export type Activation = 'relu' | 'sigmoid';

/** How a {@link MultiLayerNet} draws its initial weights: a fixed standard deviation, or Xavier/He scaling. */
export type WeightInit = number | 'xavier' | 'he';

/** The architecture of a {@link MultiLayerNet}, as stored in a model file. */
export interface MultiLayerNetArchitecture {
  type: 'MultiLayerNet';
  inputSize: number;
  hiddenSizeList: number[];
  outputSize: number;
  activation: Activation;
  weightInit: WeightInit;
}

/** The architecture of a {@link MultiLayerNetExtend}, as stored in a model file. */
export interface MultiLayerNetExtendArchitecture {
  type: 'MultiLayerNetExtend';
  inputSize: number;
  hiddenSizeList: number[];
  outputSize: number;
  activation: Activation;
  weightInit: WeightInit;
  /** λ of the L2 weight decay ½·λ·ΣW², 0 for none. */
  weightDecayLambda: number;
  useDropout: boolean;
  dropoutRatio: number;
  useBatchnorm: boolean;
}

/** The architecture of a {@link SimpleConvNet}, as stored in a model file. */
export interface SimpleConvNetArchitecture {
  type: 'SimpleConvNet';
  /** One image's `[C, H, W]`. */
  inputDim: [number, number, number];
  filterNum: number;
  filterSize: number;
  pad: number;
  stride: number;
  hiddenSize: number;
  outputSize: number;
  weightInitStd: number;
  /** The element type of the parameters (model files store them as they are). */
  dtype: 'float64' | 'float32';
}

/** One convolution of a {@link DeepConvNet}: its filters, their size, the pad and the stride. */
export interface ConvParam {
  filterNum: number;
  filterSize: number;
  pad: number;
  stride: number;
}

/** The architecture of a {@link DeepConvNet}, as stored in a model file. */
export interface DeepConvNetArchitecture {
  type: 'DeepConvNet';
  /** One image's `[C, H, W]`. */
  inputDim: [number, number, number];
  /** The six convolutions, in order. */
  convParams: ConvParam[];
  hiddenSize: number;
  outputSize: number;
  /** The fraction each Dropout layer drops in training. */
  dropoutRatio: number;
  /** The element type of the parameters (model files store them as they are). */
  dtype: 'float64' | 'float32';
}

/** Any architecture this package can build, save and load. */
export type Architecture =
  | SimpleNetworkArchitecture
  | MultiLayerNetArchitecture
  | MultiLayerNetExtendArchitecture
  | SimpleConvNetArchitecture
  | DeepConvNetArchitecture;

/** A loss value together with the gradients of every parameter, from one forward and backward pass. */
export interface LossAndGradient {
  loss: number;
  grads: ParamRecord;
}

/**
 * What a trainable classifier offers: the lecture's `predict`, `loss`, `accuracy`,
 * `numericalGradient` and backprop `gradient`, with its parameters by name.
 *
 * Implemented by {@link SimpleNetwork}, {@link MultiLayerNet}, {@link MultiLayerNetExtend},
 * {@link SimpleConvNet} and {@link DeepConvNet}; the {@link Trainer},
 * {@link gradientCheck} and the model files work with any `Network`.
 *
 * @example
 * ```ts
 * import { createRng } from '@dl/linalg';
 * import { type Network, SimpleNetwork } from '@dl/network';
 * const net: Network = new SimpleNetwork({ inputSize: 4, hiddenSize: 3, outputSize: 2, rng: createRng(0) });
 * Object.keys(net.params); // ['W1', 'b1', 'W2', 'b2']
 * ```
 */
export interface Network {
  /** The parameters, by name. Optimisers update these arrays in place. */
  readonly params: ParamRecord;
  /**
   * State that is not trained by gradients but belongs to the model and is saved with it
   * (BatchNormalization's running means and variances), by name; absent or empty for most networks.
   */
  readonly buffers?: ParamRecord;
  /**
   * The generator of the network's own randomness (dropout masks), absent when it has none; the
   * Trainer saves its state with a checkpoint, so that a resumed run drops the same units.
   */
  readonly dropoutRng?: Rng;
  /** What the network is, enough to build an empty copy of it. */
  readonly architecture: Architecture;
  /** Scores (before softmax) for a batch `x` of shape `[N, inputSize]`: `[N, outputSize]`. */
  predict(x: NDArray): NDArray;
  /** Mean cross-entropy loss of softmax(predict(x)) against labels `t`. */
  loss(x: NDArray, t: NDArray): number;
  /** Fraction of rows of `x` whose highest score is the label in `t`. */
  accuracy(x: NDArray, t: NDArray): number;
  /** Gradients by central differences (slow: two forward passes per parameter). */
  numericalGradient(x: NDArray, t: NDArray, options?: { h?: number }): ParamRecord;
  /** Gradients by backpropagation. */
  gradient(x: NDArray, t: NDArray): ParamRecord;
  /** Loss and backprop gradients from the same forward pass. */
  lossAndGradient(x: NDArray, t: NDArray): LossAndGradient;
  /** The number of trainable numbers. */
  paramCount(): number;
}

export { identity } from './functions/identity.js';
export { proportional } from './functions/proportional.js';
export { relu } from './functions/relu.js';
export { sigmoid } from './functions/sigmoid.js';
export { softmax } from './functions/softmax.js';
export { stepFunction } from './functions/step-function.js';
export { entropy } from './information/entropy.js';
export { informationContent } from './information/information-content.js';
export { type InitWeightOptions, initWeight } from './init-weight.js';
export type { ArrayInput } from './internal/checks.js';
export { Affine } from './layers/affine.js';
export {
  BatchNormalization,
  type BatchNormalizationOptions,
} from './layers/batch-normalization.js';
export { Convolution, type ConvolutionOptions } from './layers/convolution.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export type { Layer } from './layers/layer.js';
export { Pooling, type PoolingOptions } from './layers/pooling.js';
export { Relu } from './layers/relu.js';
export { Sigmoid } from './layers/sigmoid.js';
export { SoftmaxWithLoss } from './layers/softmax-with-loss.js';
export { crossEntropyError } from './losses/cross-entropy-error.js';
export { type MeanSquaredErrorOptions, meanSquaredError } from './losses/mean-squared-error.js';
export { AdaGrad, type AdaGradOptions } from './optimizers/adagrad.js';
export { Adam, type AdamOptions } from './optimizers/adam.js';
export { Momentum, type MomentumOptions } from './optimizers/momentum.js';
export { Nesterov, type NesterovOptions } from './optimizers/nesterov.js';
export type { Optimizer, OptimizerState } from './optimizers/optimizer.js';
export { RMSprop, type RMSpropOptions } from './optimizers/rmsprop.js';
export { SGD, type SGDOptions } from './optimizers/sgd.js';

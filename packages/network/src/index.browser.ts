// The browser entry (the `browser` export condition): everything but the functions that read and
// write files (loadModel, saveModel, loadCheckpoint, saveCheckpoint, writeFileAtomic), which the Node
// entry index.ts adds. In a page a model file is bytes: decodeModel(bytes), encodeModel(network).
export { arraySource } from './array-source.js';
export { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
export { createNetwork } from './create-network.js';
export { DeepConvNet, type DeepConvNetOptions } from './deep-conv-net.js';
export {
  type BatchSource,
  type EvaluateOptions,
  type Evaluation,
  evaluate,
} from './evaluate.js';
export {
  type GradientCheckOptions,
  type GradientCheckResult,
  gradientCheck,
  type ParamDifference,
} from './gradient-check.js';
export {
  decodeModel,
  encodeModel,
  type LoadedModel,
  MODEL_FORMAT_VERSION,
} from './model-file.js';
export { MultiLayerNet, type MultiLayerNetOptions } from './multi-layer-net.js';
export {
  MultiLayerNetExtend,
  type MultiLayerNetExtendOptions,
} from './multi-layer-net-extend.js';
export type {
  Activation,
  Architecture,
  ConvParam,
  DeepConvNetArchitecture,
  LossAndGradient,
  MultiLayerNetArchitecture,
  MultiLayerNetExtendArchitecture,
  Network,
  ParamRecord,
  SimpleConvNetArchitecture,
  SimpleNetworkArchitecture,
  WeightInit,
} from './network.js';
export { SimpleConvNet, type SimpleConvNetOptions } from './simple-conv-net.js';
export { SimpleNetwork, type SimpleNetworkOptions } from './simple-network.js';
export {
  type EpochRecord,
  type GradientMethod,
  type IterationInfo,
  Trainer,
  type TrainerOptions,
  type TrainerState,
  type TrainResult,
} from './trainer.js';
export { TrainingDivergedError } from './training-diverged-error.js';

export { arraySource } from './array-source.js';
export {
  type Checkpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
} from './checkpoint.js';
export { createNetwork } from './create-network.js';
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
  loadModel,
  MODEL_FORMAT_VERSION,
  saveModel,
} from './model-file.js';
export { MultiLayerNet, type MultiLayerNetOptions } from './multi-layer-net.js';
export type {
  Activation,
  Architecture,
  LossAndGradient,
  MultiLayerNetArchitecture,
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
export { writeFileAtomic } from './write-file-atomic.js';

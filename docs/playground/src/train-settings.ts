/** The settings of a training run in the page, shared by the panel and its worker. */
export interface TrainSettings {
  lr: number;
  batch: number;
  hidden: number;
  optimizer: 'SGD' | 'Momentum' | 'AdaGrad' | 'Adam';
  dtype: 'float64' | 'float32';
  method: 'backprop' | 'numerical';
  seed: number;
  iterations: number;
}

export const OPTIMIZERS = ['SGD', 'Momentum', 'AdaGrad', 'Adam'] as const;
export const DTYPES = ['float64', 'float32'] as const;
export const METHODS = ['backprop', 'numerical'] as const;

/** What the panel tells the worker. */
export type ToWorker =
  | { type: 'start'; settings: TrainSettings; data: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'model' };

/** What the worker tells the panel. */
export type FromWorker =
  | { type: 'iteration'; iteration: number; loss: number; msPerIteration: number }
  | { type: 'evaluation'; iteration: number; loss: number; testAcc: number; trainAcc: number }
  | { type: 'paused'; iteration: number }
  | { type: 'done'; iteration: number }
  | { type: 'model'; bytes: Uint8Array }
  | { type: 'error'; message: string };

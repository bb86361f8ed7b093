import { initWeight } from '@dl/layers';
import type { NDArray, Rng } from '@dl/linalg';
import { describe } from './checks.js';
import type { Activation, WeightInit } from './network.js';

// Internal checks of hyperparameters and sizes (RangeError with the house message form).

/** Checks that `value` is a positive integer (a layer size, a count). */
export function checkSize(op: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${op}: invalid ${name}; expected a positive integer, got ${value}`);
  }
  return value;
}

/** Checks that `value` is a finite number > 0 (a scale, a learning rate). */
export function checkPositive(op: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${op}: invalid ${name}; expected a finite number > 0, got ${value}`);
  }
  return value;
}

/** The sizes, activation and weight initialisation every fully connected network here takes. */
export interface StackOptions {
  inputSize?: number;
  hiddenSizeList?: readonly number[];
  outputSize?: number;
  activation?: Activation;
  weightInit?: WeightInit;
}

/**
 * Checks the options of a fully connected network and fills the defaults: 784 inputs, `[50]`,
 * 10 classes, ReLU, and He weights for ReLU or Xavier for sigmoid.
 */
export function checkStackOptions(
  op: string,
  options: StackOptions,
): {
  inputSize: number;
  hiddenSizeList: number[];
  outputSize: number;
  activation: Activation;
  weightInit: WeightInit;
} {
  const inputSize = checkSize(op, 'inputSize', options.inputSize ?? 784);
  const hidden = options.hiddenSizeList ?? [50];
  if (!Array.isArray(hidden)) {
    throw new TypeError(
      `${op}: invalid hiddenSizeList; expected an array of sizes, got ${describe(hidden)}`,
    );
  }
  const hiddenSizeList = hidden.map((s, i) => checkSize(op, `hiddenSizeList[${i}]`, s));
  const outputSize = checkSize(op, 'outputSize', options.outputSize ?? 10);
  const activation = options.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'sigmoid') {
    throw new RangeError(
      `${op}: unknown activation; expected 'relu' or 'sigmoid', got ${String(activation)}`,
    );
  }
  const weightInit = options.weightInit ?? (activation === 'relu' ? 'he' : 'xavier');
  if (typeof weightInit === 'number') checkPositive(op, 'weightInit', weightInit);
  else if (weightInit !== 'he' && weightInit !== 'xavier') {
    throw new RangeError(
      `${op}: unknown weightInit; expected a number > 0, 'he' or 'xavier', got ${String(weightInit)}`,
    );
  }
  return { inputSize, hiddenSizeList, outputSize, activation, weightInit };
}

/** Initial weights `[rows, cols]` by a standard deviation, or by Xavier or He scaling. */
export function initialWeight(shape: [number, number], weightInit: WeightInit, rng: Rng): NDArray {
  return typeof weightInit === 'number'
    ? initWeight(shape, { method: 'std', std: weightInit, rng })
    : initWeight(shape, { method: weightInit, rng });
}

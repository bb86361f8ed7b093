import type { Rng } from '@dl/linalg';
import { describe } from './checks.js';
import { DeepConvNet } from './deep-conv-net.js';
import { MultiLayerNet } from './multi-layer-net.js';
import { MultiLayerNetExtend } from './multi-layer-net-extend.js';
import type { Architecture, Network } from './network.js';
import { SimpleConvNet } from './simple-conv-net.js';
import { SimpleNetwork } from './simple-network.js';

/**
 * Builds a fresh network (random weights) from an {@link Architecture}, as stored in a model file.
 *
 * @param architecture - `{ type: 'SimpleNetwork', … }`, `{ type: 'MultiLayerNet', … }`,
 *   `{ type: 'MultiLayerNetExtend', … }`, `{ type: 'SimpleConvNet', … }` or `{ type: 'DeepConvNet', … }`
 * @param rng - the seeded generator for the initial weights (default: each class's default)
 * @returns a {@link SimpleNetwork}, {@link MultiLayerNet}, {@link MultiLayerNetExtend},
 *   {@link SimpleConvNet} or {@link DeepConvNet}
 * @throws TypeError when `architecture.type` is not one of the five
 * @throws RangeError when a size or option is out of range
 * @example
 * ```ts
 * import { createNetwork } from '@dl/network';
 * const net = createNetwork({ type: 'SimpleNetwork', inputSize: 784, hiddenSize: 50, outputSize: 10, weightInitStd: 0.01 });
 * net.paramCount(); // 39760
 * ```
 */
export function createNetwork(architecture: Architecture, rng?: Rng): Network {
  const a = architecture as unknown as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null) {
    throw new TypeError(
      `createNetwork: invalid architecture; expected an object, got ${describe(a)}`,
    );
  }
  switch (architecture.type) {
    case 'SimpleNetwork': {
      const { inputSize, hiddenSize, outputSize, weightInitStd } = architecture;
      return new SimpleNetwork({
        inputSize,
        hiddenSize,
        outputSize,
        weightInitStd,
        ...(rng ? { rng } : {}),
      });
    }
    case 'MultiLayerNet': {
      const { inputSize, hiddenSizeList, outputSize, activation, weightInit } = architecture;
      return new MultiLayerNet({
        inputSize,
        hiddenSizeList,
        outputSize,
        activation,
        weightInit,
        ...(rng ? { rng } : {}),
      });
    }
    case 'SimpleConvNet': {
      const { type: _, ...options } = architecture;
      return new SimpleConvNet({ ...options, ...(rng ? { rng } : {}) });
    }
    case 'MultiLayerNetExtend': {
      const { type: _type, ...options } = architecture;
      return new MultiLayerNetExtend({ ...options, ...(rng ? { rng } : {}) });
    }
    case 'DeepConvNet': {
      const { type: _deep, ...options } = architecture;
      return new DeepConvNet({ ...options, ...(rng ? { rng } : {}) });
    }
    default:
      throw new TypeError(
        `createNetwork: unknown architecture type; expected 'SimpleNetwork', 'MultiLayerNet', 'MultiLayerNetExtend', 'SimpleConvNet' or 'DeepConvNet', got ${JSON.stringify(a['type'])}`,
      );
  }
}

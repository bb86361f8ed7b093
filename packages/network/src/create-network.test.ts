import { createRng } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { createNetwork } from './create-network.js';
import { MultiLayerNet } from './multi-layer-net.js';
import type { Architecture } from './network.js';
import { SimpleNetwork } from './simple-network.js';

describe('createNetwork', () => {
  it('builds each architecture, with the same weights for the same rng', () => {
    const simple = createNetwork(new SimpleNetwork().architecture);
    expect(simple).toBeInstanceOf(SimpleNetwork);
    expect(simple.paramCount()).toBe(39_760);
    const arch: Architecture = {
      type: 'MultiLayerNet',
      inputSize: 3,
      hiddenSizeList: [2],
      outputSize: 2,
      activation: 'sigmoid',
      weightInit: 'xavier',
    };
    const a = createNetwork(arch, createRng(1));
    expect(a).toBeInstanceOf(MultiLayerNet);
    expect(a.architecture).toEqual(arch);
    expect([...a.params['W1']!.data]).toEqual([
      ...createNetwork(arch, createRng(1)).params['W1']!.data,
    ]);
  });

  it('rejects unknown types', () => {
    expect(() => createNetwork({ type: 'ConvNet' } as unknown as Architecture)).toThrow(
      "createNetwork: unknown architecture type; expected 'SimpleNetwork', 'MultiLayerNet', 'MultiLayerNetExtend', 'SimpleConvNet' or 'DeepConvNet', got \"ConvNet\"",
    );
    expect(() => createNetwork(null as unknown as Architecture)).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';

describe('@dl/network exports', () => {
  it('are exactly the public API', async () => {
    const names = Object.keys(await import('./index.js')).sort();
    expect(names).toEqual(
      [
        'DeepConvNet',
        'MODEL_FORMAT_VERSION',
        'MultiLayerNet',
        'MultiLayerNetExtend',
        'SimpleConvNet',
        'SimpleNetwork',
        'Trainer',
        'TrainingDivergedError',
        'arraySource',
        'createNetwork',
        'decodeCheckpoint',
        'decodeModel',
        'encodeCheckpoint',
        'encodeModel',
        'evaluate',
        'gradientCheck',
        'loadCheckpoint',
        'loadModel',
        'saveCheckpoint',
        'saveModel',
        'writeFileAtomic',
      ].sort(),
    );
  });
});

import { expect, it } from 'vitest';

it('exports exactly the intended names', async () => {
  const names = Object.keys(await import('./index.js')).sort();
  expect(names).toEqual([
    'AdaGrad',
    'Adam',
    'Affine',
    'BatchNormalization',
    'Convolution',
    'Dropout',
    'Momentum',
    'Nesterov',
    'Pooling',
    'RMSprop',
    'Relu',
    'SGD',
    'Sigmoid',
    'SoftmaxWithLoss',
    'crossEntropyError',
    'entropy',
    'identity',
    'informationContent',
    'initWeight',
    'meanSquaredError',
    'proportional',
    'relu',
    'sigmoid',
    'softmax',
    'stepFunction',
  ]);
});

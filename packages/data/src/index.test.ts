import { expect, it } from 'vitest';

it('exports exactly the public API', async () => {
  const names = Object.keys(await import('../src/index.js')).sort();
  expect(names).toEqual([
    'MAX_PNG_PIXELS',
    'batches',
    'createDataset',
    'digitGrid',
    'fromPng',
    'histogram',
    'loadMnist',
    'loadMnistSync',
    'prepareDigit',
    'quantize',
    'readIdx',
    'resizeNearest',
    'sampleBatch',
    'subsample',
    'toPng',
    'toTerminal',
    'writeIdx',
  ]);
});

import { describe, expect, it } from 'vitest';

describe('@dl/cli exports', () => {
  it('are exactly the public API', async () => {
    const names = Object.keys(await import('./index.js')).sort();
    expect(names).toEqual([
      'LOG_HEADER',
      'buildNetwork',
      'createProgram',
      'filterGrid',
      'formatLogLine',
      'loadData',
      'renderChart',
      'roundFloat16',
      'roundWeightsFloat16',
    ]);
  });
});

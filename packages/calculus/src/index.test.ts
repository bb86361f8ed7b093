import { expect, it } from 'vitest';

it('exports exactly the intended names', async () => {
  const names = Object.keys(await import('./index.js')).sort();
  expect(names).toEqual([
    'AddLayer',
    'MulLayer',
    'chainRule',
    'constantMultipleRule',
    'expRule',
    'gradientDescent',
    'numericalDiff',
    'numericalGradient',
    'partialDerivatives',
    'powerRule',
    'productRule',
    'sumRule',
  ]);
});

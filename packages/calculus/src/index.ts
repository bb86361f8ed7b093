export { AddLayer } from './add-layer.js';
export {
  chainRule,
  constantMultipleRule,
  type Differentiable,
  expRule,
  powerRule,
  productRule,
  sumRule,
} from './derivative-rules.js';
export {
  type GradientDescentOptions,
  type GradientDescentResult,
  gradientDescent,
} from './gradient-descent.js';
export { MulLayer } from './mul-layer.js';
export { type DiffMethod, type NumericalDiffOptions, numericalDiff } from './numerical-diff.js';
export { type NumericalGradientOptions, numericalGradient } from './numerical-gradient.js';
export { type PartialDerivativesOptions, partialDerivatives } from './partial-derivatives.js';

import { AdaGrad, Adam, Momentum, Nesterov, type Optimizer, RMSprop, SGD } from '@dl/layers';

/** The optimisers of chapter 6 by name, in the order the book introduces them. */
export const OPTIMIZER_NAMES = [
  'SGD',
  'Momentum',
  'Nesterov',
  'AdaGrad',
  'RMSprop',
  'Adam',
] as const;

/** One of {@link OPTIMIZER_NAMES}. */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** A new optimiser of that kind with learning rate `lr` (other settings: the book's defaults). */
export function makeOptimizer(name: OptimizerName, lr: number): Optimizer {
  switch (name) {
    case 'SGD':
      return new SGD({ lr });
    case 'Momentum':
      return new Momentum({ lr });
    case 'Nesterov':
      return new Nesterov({ lr });
    case 'AdaGrad':
      return new AdaGrad({ lr });
    case 'RMSprop':
      return new RMSprop({ lr });
    case 'Adam':
      return new Adam({ lr });
  }
}

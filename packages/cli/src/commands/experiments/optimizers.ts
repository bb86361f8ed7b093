// Book ch. 6.1.8 (optimizer_compare_mnist.py, fig. 6-9): the 5-layer network (4 hidden layers of
// 100 ReLU units, He weights) trained on MNIST by each optimiser on the same mini-batches.
import type { Experiment } from './context.js';
import { freshNet, lossCurves } from './loss-curves.js';
import { makeOptimizer, OPTIMIZER_NAMES, type OptimizerName } from './make-optimizer.js';

/** The book's settings: batch 128, 2,000 iterations, the optimisers' default learning rates. */
const BATCH_SIZE = 128;
const ITERATIONS = 2000;
const QUICK_ITERATIONS = 300;
const HIDDEN = [100, 100, 100, 100];
const LR: Record<OptimizerName, number> = {
  SGD: 0.01,
  Momentum: 0.01,
  Nesterov: 0.01,
  AdaGrad: 0.01,
  RMSprop: 0.01,
  Adam: 0.001,
};

export const optimizers: Experiment = {
  name: 'optimizers',
  description: 'training loss of each optimiser: 5-layer ReLU net on MNIST, 2,000 iterations',
  async run(ctx) {
    const iterations = ctx.settings.quick ? QUICK_ITERATIONS : ITERATIONS;
    const activation = ctx.settings.activation ?? 'relu';
    const weightInit = ctx.settings.init ?? 'he';
    // The same initial weights for every optimiser (one seed), so only the update rule differs.
    const contenders = Object.fromEntries(
      OPTIMIZER_NAMES.map((name) => [
        name,
        {
          network: freshNet(HIDDEN, activation, weightInit, ctx.settings.seed),
          optimizer: makeOptimizer(name, LR[name]),
        },
      ]),
    );
    const { losses, table, final } = await lossCurves(ctx, contenders, {
      iterations,
      batchSize: BATCH_SIZE,
      chart: 'optimizers',
      title: `MNIST, 784-100-100-100-100-10 ${activation}, batch ${BATCH_SIZE}: training loss by optimiser`,
    });
    return {
      config: { hidden: HIDDEN, activation, weightInit, batchSize: BATCH_SIZE, iterations, lr: LR },
      numbers: { losses },
      table,
      checks: {
        "Adam's training loss is below SGD's at the end": final['Adam']! < final['SGD']!,
        "AdaGrad's training loss is below SGD's at the end": final['AdaGrad']! < final['SGD']!,
      },
    };
  },
};

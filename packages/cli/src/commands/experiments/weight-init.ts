// Book ch. 6.2.4 (weight_init_compare.py, fig. 6-15): the 5-layer ReLU network trained with
// weights of std 0.01, Xavier and He, the same mini-batches for all three.
import { SGD } from '@dl/layers';
import type { WeightInit } from '@dl/network';
import type { Experiment } from './context.js';
import { freshNet, lossCurves } from './loss-curves.js';

/** The book's settings: SGD lr 0.01, batch 128, 2,000 iterations, 4 hidden layers of 100. */
const LR = 0.01;
const BATCH_SIZE = 128;
const ITERATIONS = 2000;
const QUICK_ITERATIONS = 300;
const HIDDEN = [100, 100, 100, 100];
const INITS: Record<string, WeightInit> = { 'std=0.01': 0.01, Xavier: 'xavier', He: 'he' };

export const weightInitExperiment: Experiment = {
  name: 'weight-init',
  description: 'training loss with weights of std 0.01, Xavier and He (5-layer ReLU net, MNIST)',
  async run(ctx) {
    const iterations = ctx.settings.quick ? QUICK_ITERATIONS : ITERATIONS;
    const activation = ctx.settings.activation ?? 'relu';
    const contenders = Object.fromEntries(
      Object.entries(INITS).map(([name, weightInit]) => [
        name,
        {
          network: freshNet(HIDDEN, activation, weightInit, ctx.settings.seed),
          optimizer: new SGD({ lr: LR }),
        },
      ]),
    );
    const { losses, table, final } = await lossCurves(ctx, contenders, {
      iterations,
      batchSize: BATCH_SIZE,
      chart: 'weight-init',
      title: `MNIST, 784-100-100-100-100-10 ${activation}, SGD lr ${LR}: training loss by weight init`,
    });
    return {
      config: {
        hidden: HIDDEN,
        activation,
        lr: LR,
        batchSize: BATCH_SIZE,
        iterations,
        inits: INITS,
      },
      numbers: { losses },
      table,
      checks: {
        "std 0.01's loss stays above 2.0": final['std=0.01']! > 2.0,
        "He's loss falls below 0.5": final['He']! < 0.5,
      },
    };
  },
};

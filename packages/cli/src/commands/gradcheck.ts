import { createRng } from '@dl/linalg';
import { gradientCheck } from '@dl/network';
import type { Command } from 'commander';
import { loadData } from '../load-data.js';
import { nonNegativeInt, positiveInt, positiveNumber, sizeList, weightInit } from '../parse.js';
import { buildNetwork } from './train.js';

interface GradcheckFlags {
  hidden: number[];
  weightInit: number | 'he' | 'xavier';
  samples: number;
  data: string;
  seed: number;
  tolerance: number;
}

/** Adds `dl gradcheck` to the program. */
export function registerGradcheck(program: Command): void {
  program
    .command('gradcheck')
    .description(
      'compare backprop gradients with numerical ones on a few training images (기울기 확인)',
    )
    .option('--hidden <sizes>', 'hidden layer sizes, comma-separated', sizeList, [50])
    .option('--weight-init <std|he|xavier>', 'initial weight scale', weightInit, 0.01)
    .option('--samples <n>', 'training images in the batch', positiveInt, 3)
    .option('--data <source>', "'standard', 'lite' or a folder of IDX files", 'standard')
    .option('--seed <n>', 'random seed of the weights', nonNegativeInt, 42)
    .option('--tolerance <x>', 'largest relative difference that passes', positiveNumber, 1e-4)
    .action(async (flags: GradcheckFlags) => {
      const { train } = await loadData(flags.data);
      const config = {
        hidden: flags.hidden,
        activation: 'relu' as const,
        weightInit: flags.weightInit,
      };
      const net = buildNetwork(
        {
          ...config,
          iters: 1,
          batch: 1,
          lr: 1,
          optimizer: 'sgd',
          method: 'backprop',
          data: flags.data,
          seed: flags.seed,
          trainSize: null,
          testSize: null,
          evalTrain: null,
        },
        createRng(flags.seed),
      );
      const indices = Array.from({ length: Math.min(flags.samples, train.length) }, (_, i) => i);
      const { x, t } = train.batch(indices);
      process.stdout.write(
        `gradient check: ${[784, ...flags.hidden, 10].join('-')} (${net.paramCount()} parameters), ${indices.length} images, h = 1e-4\n`,
      );
      const result = gradientCheck(net, x, t);
      for (const [name, d] of Object.entries(result.params)) {
        process.stdout.write(
          `${name.padEnd(3)} max relative difference ${d.maxRelDiff.toExponential(2)}, mean absolute difference ${d.meanAbsDiff.toExponential(2)}\n`,
        );
      }
      const ok = result.maxRelDiff <= flags.tolerance;
      process.stdout.write(
        `${ok ? 'ok' : 'FAILED'}: largest relative difference ${result.maxRelDiff.toExponential(2)} ${ok ? '≤' : '>'} ${flags.tolerance}\n`,
      );
      process.exitCode = ok ? 0 : 1;
    });
}

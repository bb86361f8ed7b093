import { readFileSync } from 'node:fs';
import { fromPng, prepareDigit, toTerminal } from '@dl/data';
import { softmax } from '@dl/layers';
import { loadModel } from '@dl/network';
import type { Command } from 'commander';
import { checkMnistModel } from '../checks.js';

interface PredictFlags {
  model: string;
  prepare: boolean;
  show: boolean;
}

/** Adds `dl predict` to the program. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'read handwritten digits from PNG files (28×28 or larger), scaled and centred like MNIST',
    )
    .argument('<images...>', 'PNG files, one digit each')
    .requiredOption('--model <file>', 'a model file written by dl train (model.dlnet)')
    .option('--no-prepare', 'use the image as it is (it must already be a 28×28 MNIST-style digit)')
    .option('--show', 'print each prepared 28×28 digit in the terminal')
    .action((images: string[], flags: PredictFlags) => {
      const { network } = loadModel(flags.model);
      // prepareDigit makes 28×28 digits: a model of another input size cannot take them.
      checkMnistModel('predict', flags.model, network.architecture);
      const { architecture: a } = network;
      // Pixels per image: a convolutional network gives its image as [C, H, W].
      const inputSize = 'inputDim' in a ? a.inputDim.reduce((p, d) => p * d, 1) : a.inputSize;
      for (const file of images) {
        const img = fromPng(readPng(file), file);
        const digit = flags.prepare ? prepareDigit(img) : img;
        if (digit.size !== inputSize) {
          throw new Error(
            `predict: ${file} has the wrong size; expected ${inputSize} pixels (28×28), got ${digit.shape.join('×')} (drop --no-prepare to scale it)`,
          );
        }
        const x = digit.reshape(1, digit.size);
        const p = softmax(network.predict(x)).data;
        const ranked = Array.from(p, (v, i) => [i, v] as const).sort((a, b) => b[1] - a[1]);
        const [best] = ranked;
        if (flags.show) process.stdout.write(`${toTerminal(digit.reshape(28, 28))}\n`);
        process.stdout.write(
          `${file}: ${best![0]} (p = ${best![1].toFixed(4)}; next ${ranked
            .slice(1, 3)
            .map(([d, v]) => `${d} ${v.toFixed(4)}`)
            .join(', ')})\n`,
        );
      }
    });
}

function readPng(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`predict: cannot read ${file}; ${(error as Error).message}`);
  }
}

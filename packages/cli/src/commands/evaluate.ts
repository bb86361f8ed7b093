import { evaluate, loadModel } from '@dl/network';
import { type Command, Option } from 'commander';
import { checkMnistModel } from '../checks.js';
import { roundWeightsFloat16 } from '../half-precision.js';
import { loadData } from '../load-data.js';

interface EvaluateFlags {
  model: string;
  data: string;
  split: 'train' | 'test';
  weights?: 'float16';
}

/** Adds `dl evaluate` to the program. */
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description("measure a saved model's accuracy, overall and per digit")
    .requiredOption('--model <file>', 'a model file written by dl train (model.dlnet)')
    .option('--data <source>', "'standard', 'lite' or a folder of IDX files", 'standard')
    .addOption(
      new Option('--split <name>', 'which split to measure')
        .choices(['train', 'test'])
        .default('test'),
    )
    .addOption(
      new Option(
        '--weights <precision>',
        "float16: also measure the accuracy with every weight rounded to half precision (the book's §8.3.4)",
      ).choices(['float16']),
    )
    .action(async (flags: EvaluateFlags) => {
      const { network } = loadModel(flags.model);
      checkMnistModel('evaluate', flags.model, network.architecture);
      const data = await loadData(flags.data);
      if (flags.weights === 'float16') {
        const stored = Object.values(network.params)[0]?.dtype ?? 'float64';
        const full = evaluate(network, data[flags.split]);
        const worst = roundWeightsFloat16(network);
        const half = evaluate(network, data[flags.split]);
        const line = (name: string, a: number) =>
          `  ${name.padEnd(8)} ${a.toFixed(4)} (${Math.round(a * full.count)}/${full.count})\n`;
        process.stdout.write(
          `${flags.split} accuracy by weight precision:\n${line(stored, full.accuracy)}${line('float16', half.accuracy)}` +
            `  difference ${((half.accuracy - full.accuracy) * 100).toFixed(2)} points; largest change of a weight ${worst.toExponential(2)}\n`,
        );
        return;
      }
      const result = evaluate(network, data[flags.split]);
      const correct = Math.round(result.accuracy * result.count);
      process.stdout.write(
        `${flags.split} accuracy = ${result.accuracy.toFixed(4)} (${correct}/${result.count})\n`,
      );
      result.confusion.forEach((row, digit) => {
        const total = row.reduce((a, b) => a + b, 0);
        const right = row[digit] ?? 0;
        const acc = total === 0 ? 0 : right / total;
        process.stdout.write(`  ${digit}: ${acc.toFixed(4)} (${right}/${total})\n`);
      });
    });
}

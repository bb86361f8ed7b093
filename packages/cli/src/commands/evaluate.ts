import { evaluate, loadModel } from '@dl/network';
import { type Command, Option } from 'commander';
import { checkMnistModel } from '../checks.js';
import { loadData } from '../load-data.js';

interface EvaluateFlags {
  model: string;
  data: string;
  split: 'train' | 'test';
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
    .action(async (flags: EvaluateFlags) => {
      const { network } = loadModel(flags.model);
      checkMnistModel('evaluate', flags.model, network.architecture);
      const data = await loadData(flags.data);
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

import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registerEvaluate } from './commands/evaluate.js';
import { registerExperiment } from './commands/experiment.js';
import { registerGradcheck } from './commands/gradcheck.js';
import { registerPredict } from './commands/predict.js';
import { registerShow } from './commands/show.js';
import { registerShowModel } from './commands/show-model.js';
import { registerTrain } from './commands/train.js';

/**
 * Builds the `dl` command: `train`, `gradcheck`, `evaluate`, `predict` and `show`.
 * Usage errors throw commander's `CommanderError` (the program calls `exitOverride`), which the
 * `dl` binary turns into exit code 2.
 *
 * @returns the commander program, ready for `parseAsync(process.argv)`
 * @example
 * ```ts
 * import { createProgram } from '@dl/cli';
 * await createProgram().parseAsync(['node', 'dl', 'show', '--data', 'lite', '--count', '1']);
 * ```
 */
export function createProgram(): Command {
  const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
  const program = new Command('dl')
    .description(
      "deep learning from scratch: the lecture's network on MNIST (파이썬으로 구현해보는 딥러닝)",
    )
    .version(version)
    .exitOverride()
    .showHelpAfterError()
    .configureHelp({ showGlobalOptions: true });
  registerTrain(program);
  registerGradcheck(program);
  registerEvaluate(program);
  registerPredict(program);
  registerShow(program);
  registerExperiment(program);
  registerShowModel(program.commands.find((c) => c.name() === 'show')!);
  return program;
}

import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@dl/network';
import { type Command, InvalidArgumentError } from 'commander';
import { loadData } from '../load-data.js';
import { nonNegativeInt, weightInit } from '../parse.js';
import { activations } from './experiments/activations.js';
import { batchNorm } from './experiments/batch-norm.js';
import {
  createContext,
  type Experiment,
  type ExperimentSettings,
  formatTable,
} from './experiments/context.js';
import { hyperparameters } from './experiments/hyperparameters.js';
import { optimizerPaths } from './experiments/optimizer-paths.js';
import { optimizers } from './experiments/optimizers.js';
import { overfit } from './experiments/overfit.js';
import { weightInitExperiment } from './experiments/weight-init.js';

/** The experiments of the book's chapter 6, in its order. */
export const EXPERIMENTS: readonly Experiment[] = [
  optimizerPaths,
  optimizers,
  activations,
  weightInitExperiment,
  batchNorm,
  overfit,
  hyperparameters,
];

interface ExperimentFlags {
  seed: number;
  quick: boolean;
  data: string;
  out?: string;
  progress: boolean;
  weightDecay?: number;
  dropoutRatio?: number;
  activation?: 'relu' | 'sigmoid';
  init?: number | 'xavier' | 'he';
}

/** Parses `--dropout-ratio`: a number in [0, 1). */
function dropoutRatio(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n < 1)) {
    throw new InvalidArgumentError(`expected a number in [0, 1), got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses `--weight-decay`: a finite number ≥ 0. */
function weightDecay(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`expected a number >= 0, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Parses `--activation`: relu or sigmoid. */
function activation(value: string): 'relu' | 'sigmoid' {
  if (value !== 'relu' && value !== 'sigmoid') {
    throw new InvalidArgumentError(`expected relu or sigmoid, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Adds `dl experiment <name>` to the program. */
export function registerExperiment(program: Command): void {
  const names = EXPERIMENTS.map((e) => e.name);
  program
    .command('experiment')
    .argument('<name>', `one of: ${names.join(', ')}`)
    .description(
      "run one experiment of the book's chapter 6 (학습 관련 기술들): charts (PNG, SVG) and numbers (JSON) in a run folder",
    )
    .addHelpText(
      'after',
      `\nExperiments:\n${EXPERIMENTS.map((e) => `  ${e.name.padEnd(17)}${e.description}`).join('\n')}`,
    )
    .option('--seed <n>', 'random seed (weights, batches, masks)', nonNegativeInt, 42)
    .option('--quick', "smaller runs for a quick look (the default is the book's size)", false)
    .option('--data <source>', "'standard', 'lite' or a folder of IDX files", 'standard')
    .option('--out <dir>', 'run folder (default: runs/experiment-<name>)')
    .option(
      '--weight-decay <lambda>',
      'λ of the weight decay in overfit (default 0.1)',
      weightDecay,
    )
    .option(
      '--dropout-ratio <r>',
      'dropout ratio in overfit, in [0, 1) (default 0.2)',
      dropoutRatio,
    )
    .option(
      '--activation <name>',
      'relu or sigmoid, for the MNIST networks (default relu)',
      activation,
    )
    .option(
      '--init <std|xavier|he>',
      'weights of the networks that do not compare inits: a std, xavier or he (default he)',
      weightInit,
    )
    .option('--no-progress', 'no progress bar, even on a terminal')
    .action(async (name: string, flags: ExperimentFlags, command: Command) => {
      const experiment = EXPERIMENTS.find((e) => e.name === name);
      if (!experiment) {
        command.error(
          `error: unknown experiment ${JSON.stringify(name)}; expected one of ${names.join(', ')}`,
          { exitCode: 2, code: 'dl.unknownExperiment' },
        );
        return;
      }
      process.exitCode = await runExperiment(experiment, flags);
    });
}

async function runExperiment(experiment: Experiment, flags: ExperimentFlags): Promise<number> {
  const settings: ExperimentSettings = {
    seed: flags.seed,
    quick: flags.quick,
    data: flags.data,
    progress: flags.progress,
    ...(flags.weightDecay === undefined ? {} : { weightDecay: flags.weightDecay }),
    ...(flags.dropoutRatio === undefined ? {} : { dropoutRatio: flags.dropoutRatio }),
    ...(flags.activation === undefined ? {} : { activation: flags.activation }),
    ...(flags.init === undefined ? {} : { init: flags.init }),
  };
  const outDir = resolve(flags.out ?? join('runs', `experiment-${experiment.name}`));
  const ctx = createContext(settings, outDir, () => loadData(flags.data));
  ctx.log(
    `dl experiment ${experiment.name}: seed ${flags.seed}${flags.quick ? ', --quick (smaller than the book)' : ''}`,
  );
  ctx.log(`run folder: ${outDir}`);
  const started = performance.now();
  const result = await experiment.run(ctx);
  const seconds = (performance.now() - started) / 1000;
  const json = { experiment: experiment.name, seed: flags.seed, quick: flags.quick, ...result };
  writeFileAtomic(join(outDir, `${experiment.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  ctx.log(formatTable(result.table));
  for (const [check, ok] of Object.entries(result.checks ?? {})) {
    ctx.log(`${ok ? 'ok' : 'NOT MET'}: ${check}`);
  }
  ctx.log(`${seconds.toFixed(1)} s; wrote ${experiment.name}.json and its charts to ${outDir}`);
  return 0;
}

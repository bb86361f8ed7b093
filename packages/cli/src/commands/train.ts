import { existsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AdaGrad, Adam, Momentum, type Optimizer, SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import {
  type BatchSource,
  DeepConvNet,
  type EpochRecord,
  loadCheckpoint,
  MultiLayerNet,
  type Network,
  SimpleConvNet,
  SimpleNetwork,
  saveCheckpoint,
  saveModel,
  Trainer,
  TrainingDivergedError,
  writeFileAtomic,
} from '@dl/network';
import { MultiBar, Presets } from 'cli-progress';
import { type Command, Option } from 'commander';
import { renderChart } from '../chart.js';
import { checkRunFits, finiteParams, usedSizeNotes } from '../checks.js';
import { loadData } from '../load-data.js';
import { formatLogLine, LOG_HEADER } from '../log-line.js';
import { nonNegativeInt, positiveInt, positiveNumber, sizeList, weightInit } from '../parse.js';
import { claimRunFolder } from '../run-folder.js';

/** Every setting of a training run; saved in the run folder and in checkpoints. */
export interface TrainConfig {
  /**
   * Which network: `'mlp'` (the lecture's fully connected network, sized by `hidden`) or
   * `'simple-convnet'` (the book's §7.5 convolutional network) or `'deep-convnet'` (§8.1, six
   * convolutions, dropout). Absent in settings saved before
   * convolutional networks existed, which are `'mlp'`.
   */
  model?: ModelName;
  /** Element type of the network (absent: float64). */
  dtype?: 'float64' | 'float32';
  hidden: number[];
  activation: 'relu' | 'sigmoid';
  weightInit: number | 'he' | 'xavier';
  iters: number;
  batch: number;
  lr: number;
  optimizer: 'sgd' | 'momentum' | 'adagrad' | 'adam';
  method: 'backprop' | 'numerical';
  data: string;
  seed: number;
  trainSize: number | null;
  testSize: number | null;
  evalTrain: number | null;
}

/** The networks `--model` can name. */
export type ModelName = 'mlp' | 'simple-convnet' | 'deep-convnet';

/** What a convolutional network starts from when not told otherwise: the book's §7.5 settings. */
const CONVNET_DEFAULTS = { optimizer: 'adam', iters: 12_000, batch: 100 } as const;

/** The default learning rate of each optimiser when `--lr` is not given. */
const DEFAULT_LR = { sgd: 0.1, momentum: 0.1, adagrad: 0.01, adam: 0.001 } as const;

/** Defaults that `--method numerical` changes so that a run ends in about a minute. */
const NUMERICAL_DEFAULTS = { hidden: [10], batch: 10, iters: 30, trainSize: 100, testSize: 100 };

interface TrainFlags {
  model: ModelName;
  dtype: 'float64' | 'float32';
  hidden: number[];
  activation: 'relu' | 'sigmoid';
  weightInit: number | 'he' | 'xavier';
  iters: number;
  batch: number;
  lr?: number;
  optimizer: TrainConfig['optimizer'];
  method: TrainConfig['method'];
  data: string;
  seed: number;
  trainSize?: number;
  testSize?: number;
  evalTrain?: number;
  out?: string;
  resume?: string;
  force?: boolean;
  progress: boolean;
}

/** Adds `dl train` to the program. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      "train the lecture's network on MNIST; defaults: 784-50-10, backprop, SGD lr 0.1, batch 100, 10,000 iterations",
    )
    .addOption(
      new Option(
        '--model <name>',
        "the network: mlp (sized by --hidden), simple-convnet (the book's conv 30×5×5 → pool 2×2 → 100 → 10) or deep-convnet (six 3×3 convolutions 16-16-32-32-64-64, pool after every second, 50 → 10 with dropout); the convnets default to adam lr 0.001, batch 100, 12,000 iterations = 20 epochs",
      )
        .choices(['mlp', 'simple-convnet', 'deep-convnet'])
        .default('mlp'),
    )
    .addOption(
      new Option('--dtype <type>', 'element type of the network (float32 is about twice as fast)')
        .choices(['float64', 'float32'])
        .default('float64'),
    )
    .option(
      '--hidden <sizes>',
      "hidden layer sizes, comma-separated (50 = the lecture's 784-50-10)",
      sizeList,
      [50],
    )
    .addOption(
      new Option('--activation <name>', 'activation of the hidden layers')
        .choices(['relu', 'sigmoid'])
        .default('relu'),
    )
    .option(
      '--weight-init <std|he|xavier>',
      'initial weights: a std (0.01 for 784-50-10), he or xavier (default for deeper or sigmoid networks)',
      weightInit,
      0.01,
    )
    .option('--iters <n>', 'iterations (mini-batch updates)', positiveInt, 10_000)
    .option('--batch <n>', 'mini-batch size', positiveInt, 100)
    .option(
      '--lr <rate>',
      'learning rate (default: 0.1 for sgd and momentum, 0.01 adagrad, 0.001 adam)',
      positiveNumber,
    )
    .addOption(
      new Option('--optimizer <name>', 'optimiser')
        .choices(['sgd', 'momentum', 'adagrad', 'adam'])
        .default('sgd'),
    )
    .addOption(
      new Option('--method <name>', 'gradient method (numerical runs a small subset by default)')
        .choices(['backprop', 'numerical'])
        .default('backprop'),
    )
    .option(
      '--data <source>',
      "'standard' (60k/10k), 'lite' (the mnist package's 10k digits) or a folder of IDX files",
      'standard',
    )
    .option('--seed <n>', 'random seed (weights and mini-batches)', nonNegativeInt, 42)
    .option('--train-size <n>', 'train on the first n training images only', positiveInt)
    .option('--test-size <n>', 'test on the first n test images only', positiveInt)
    .option(
      '--eval-train <n>',
      'measure train accuracy on the first n training images only',
      positiveInt,
    )
    .option('--out <dir>', 'run folder (default: runs/<date-time>)')
    .option('--resume <checkpoint>', 'continue from a checkpoint file or run folder')
    .option(
      '--force',
      'start over in a --out folder that holds another run (its files are removed)',
    )
    .option('--no-progress', 'no progress bar, even on a terminal')
    .action(async (flags: TrainFlags, command: Command) => {
      process.exitCode = await train(flags, command);
    });
}

function fromDefault(command: Command, name: string): boolean {
  return (
    command.getOptionValueSource(name) === 'default' || command.getOptionValue(name) === undefined
  );
}

function configFromFlags(flags: TrainFlags, command: Command): TrainConfig {
  const numerical = flags.method === 'numerical';
  const pick = <T>(name: keyof typeof NUMERICAL_DEFAULTS, given: T): T =>
    numerical && fromDefault(command, name) ? (NUMERICAL_DEFAULTS[name] as T) : given;
  const hidden = pick('hidden', flags.hidden);
  const conv = flags.model !== 'mlp';
  const optimizer =
    conv && fromDefault(command, 'optimizer') ? CONVNET_DEFAULTS.optimizer : flags.optimizer;
  // std 0.01 is the lecture's choice for one ReLU layer; deeper or sigmoid networks start from
  // He or Xavier scaling unless told otherwise, since tiny weights stall their gradients.
  const simple = hidden.length === 1 && flags.activation === 'relu';
  const weightInit =
    simple || !fromDefault(command, 'weightInit')
      ? flags.weightInit
      : flags.activation === 'relu'
        ? 'he'
        : 'xavier';
  return {
    model: flags.model,
    dtype: flags.dtype,
    hidden,
    activation: flags.activation,
    weightInit,
    iters:
      conv && fromDefault(command, 'iters') ? CONVNET_DEFAULTS.iters : pick('iters', flags.iters),
    batch:
      conv && fromDefault(command, 'batch') ? CONVNET_DEFAULTS.batch : pick('batch', flags.batch),
    lr: flags.lr ?? DEFAULT_LR[optimizer],
    optimizer,
    method: flags.method,
    data: flags.data,
    seed: flags.seed,
    trainSize: pick('trainSize', flags.trainSize ?? null),
    testSize: pick('testSize', flags.testSize ?? null),
    evalTrain: flags.evalTrain ?? null,
  };
}

/**
 * The network a configuration describes: the lecture's SimpleNetwork when it fits, else a
 * MultiLayerNet.
 *
 * @example
 * ```ts
 * import { buildNetwork } from '@dl/cli';
 * import { createRng } from '@dl/linalg';
 * const net = buildNetwork(
 *   { hidden: [50], activation: 'relu', weightInit: 0.01, iters: 10_000, batch: 100, lr: 0.1,
 *     optimizer: 'sgd', method: 'backprop', data: 'standard', seed: 0,
 *     trainSize: null, testSize: null, evalTrain: null },
 *   createRng(0),
 * );
 * net.paramCount(); // 39760: the lecture's 784-50-10 SimpleNetwork
 * ```
 */
export function buildNetwork(config: TrainConfig, rng: ReturnType<typeof createRng>): Network {
  const dtype = config.dtype ?? 'float64';
  if (config.model === 'simple-convnet') return new SimpleConvNet({ rng, dtype });
  if (config.model === 'deep-convnet') return new DeepConvNet({ rng, dtype });
  const [only, ...more] = config.hidden;
  if (
    only !== undefined &&
    more.length === 0 &&
    config.activation === 'relu' &&
    typeof config.weightInit === 'number'
  ) {
    return new SimpleNetwork({
      inputSize: 784,
      hiddenSize: only,
      outputSize: 10,
      weightInitStd: config.weightInit,
      rng,
      dtype,
    });
  }
  return new MultiLayerNet({
    inputSize: 784,
    hiddenSizeList: config.hidden,
    outputSize: 10,
    activation: config.activation,
    weightInit: config.weightInit,
    rng,
  });
}

/** A short description of the network for the log: `784-50-10`, or the convnet's layers. */
export function describeNetwork(config: TrainConfig): string {
  if (config.model === 'simple-convnet') return 'conv30×5×5-relu-pool2×2-100-10';
  if (config.model === 'deep-convnet')
    return 'conv16-16-pool-32-32-pool-64-64-pool-50-10 (3×3, dropout 0.5)';
  return [784, ...config.hidden, 10].join('-');
}

function buildOptimizer(config: TrainConfig): Optimizer {
  switch (config.optimizer) {
    case 'sgd':
      return new SGD({ lr: config.lr });
    case 'momentum':
      return new Momentum({ lr: config.lr });
    case 'adagrad':
      return new AdaGrad({ lr: config.lr });
    case 'adam':
      return new Adam({ lr: config.lr });
  }
}

function firstN(source: BatchSource, n: number | null): BatchSource {
  if (n === null || n >= source.length) return source;
  return { length: n, batch: (indices) => source.batch(indices) };
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

async function train(flags: TrainFlags, command: Command): Promise<number> {
  let config: TrainConfig;
  let network: Network;
  let restored: ReturnType<typeof loadCheckpoint> | undefined;
  let outDir: string;
  let resumeInPlace = false;
  // One generator for the whole run: the weights are drawn from it first, then it picks the
  // mini-batches. A resumed run gets its state back from the checkpoint.
  let rng: ReturnType<typeof createRng>;
  if (flags.resume) {
    const path =
      existsSync(flags.resume) && statSync(flags.resume).isDirectory()
        ? join(flags.resume, 'checkpoint.dlckpt')
        : flags.resume;
    restored = loadCheckpoint(path);
    const saved = restored.meta['config'] as TrainConfig | undefined;
    if (typeof saved !== 'object' || saved === null || !Array.isArray(saved.hidden)) {
      throw new Error(
        `train --resume: ${path} has no dl train settings; expected a checkpoint written by dl train, got one without meta.config`,
      );
    }
    config = saved;
    if (!fromDefault(command, 'iters')) config = { ...config, iters: flags.iters };
    if (restored.state.iteration > config.iters) {
      throw new RangeError(
        `train --resume: ${path} is at iteration ${restored.state.iteration}; expected --iters of at least that, got ${config.iters}`,
      );
    }
    network = restored.network;
    rng = createRng(config.seed);
    outDir = resolve(flags.out ?? dirname(path));
    resumeInPlace = outDir === resolve(dirname(path));
    process.stdout.write(
      `resuming ${path} at iteration ${restored.state.iteration} of ${config.iters}\n`,
    );
  } else {
    config = configFromFlags(flags, command);
    checkRunFits([784, ...config.hidden, 10], config.batch, totalmem());
    rng = createRng(config.seed);
    network = buildNetwork(config, rng);
    outDir = resolve(flags.out ?? join('runs', timestamp()));
  }
  // Released when the process exits, however it exits.
  claimRunFolder(outDir, { resume: resumeInPlace, force: flags.force === true });

  const { train: trainSet, test: testSet } = await loadData(config.data);
  const train = firstN(trainSet, config.trainSize);
  const test = firstN(testSet, config.testSize);
  for (const note of usedSizeNotes(config, trainSet.length, testSet.length)) {
    process.stderr.write(`dl train: note: ${note}
`);
  }

  const useBar = flags.progress && process.stdout.isTTY === true && process.stderr.isTTY === true;
  const bars = useBar
    ? new MultiBar(
        {
          format:
            ' {bar} {value}/{total} it | loss {loss} | {duration_formatted} | eta {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
          stopOnComplete: false,
        },
        Presets.shades_classic,
      )
    : undefined;
  const bar = bars?.create(config.iters, restored?.state.iteration ?? 0, { loss: '-' });
  const print = (line: string): void => {
    if (bars) bars.log(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };

  const meta = { config, format: 'dl-train/1' };
  const checkpointPath = join(outDir, 'checkpoint.dlckpt');
  // The iteration of the newest checkpoint with finite weights: a diverging run keeps it.
  let goodCheckpoint: number | undefined = restored?.state.iteration;
  const trainer = new Trainer({
    network,
    train,
    test,
    rng,
    optimizer: buildOptimizer(config),
    iterations: config.iters,
    batchSize: config.batch,
    method: config.method,
    ...(config.evalTrain === null ? {} : { trainEvalSize: config.evalTrain }),
    onIteration: (info) => bar?.update(info.iteration, { loss: info.loss.toFixed(4) }),
    onEpoch: (record: EpochRecord) => {
      print(formatLogLine(record));
      if (!finiteParams(network)) return;
      writeMetrics(outDir, trainer.epochs);
      saveCheckpoint(checkpointPath, network, trainer.getState(), meta);
      goodCheckpoint = trainer.iteration;
    },
  });
  if (restored) trainer.setState(restored.state);

  writeFileAtomic(join(outDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  print(
    `dl train: ${network.architecture.type} ${describeNetwork(config)} (${network.paramCount()} parameters, ${config.dtype ?? 'float64'}), seed ${config.seed}`,
  );
  print(
    `  ${config.method}, ${config.optimizer} lr ${config.lr}, batch ${config.batch}, ${config.iters} iterations, ${train.length} train / ${test.length} test images`,
  );
  print(`run folder: ${outDir}`);
  if (trainer.iteration === 0) print(LOG_HEADER);

  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    trainer.stop();
  };
  process.on('SIGINT', onSigint);
  let result: Awaited<ReturnType<Trainer['run']>>;
  try {
    result = await trainer.run();
  } catch (error) {
    if (!(error instanceof TrainingDivergedError)) throw error;
    return diverged(error.message, outDir, trainer.losses, goodCheckpoint, checkpointPath);
  } finally {
    process.off('SIGINT', onSigint);
    bars?.stop();
  }
  if (!finiteParams(network)) {
    return diverged(
      `train: the weights are not finite after iteration ${trainer.iteration} (the last update blew them up); try a smaller learning rate than ${config.lr}`,
      outDir,
      trainer.losses,
      goodCheckpoint,
      checkpointPath,
    );
  }

  saveCheckpoint(checkpointPath, network, trainer.getState(), meta);
  writeMetrics(outDir, trainer.epochs);
  writeLosses(outDir, trainer.losses);
  const chart = await renderChart(
    trainer.losses,
    trainer.epochs,
    `dl train: ${describeNetwork(config)}, ${config.optimizer}, ${config.method}`,
  );
  writeFileAtomic(join(outDir, 'chart.svg'), chart.svg);
  writeFileAtomic(join(outDir, 'chart.png'), chart.png);

  if (result.stopped) {
    process.stdout.write(
      `interrupted at iteration ${trainer.iteration} of ${config.iters}; checkpoint saved to ${checkpointPath}\nresume with: dl train --resume ${checkpointPath}\n`,
    );
    return 130;
  }
  // The trainer measured the final weights after the last iteration (its closing evaluation).
  const final = trainer.epochs.at(-1)!;
  const summary = {
    iterations: trainer.iteration,
    seconds: trainer.elapsed,
    testAccuracy: final.testAcc,
    trainAccuracy: final.trainAcc,
    testCount: test.length,
    parameters: network.paramCount(),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    config,
  };
  saveModel(network, join(outDir, 'model.dlnet'), {
    config,
    testAccuracy: final.testAcc,
    iterations: trainer.iteration,
  });
  writeFileAtomic(join(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(
    `test accuracy = ${final.testAcc.toFixed(4)} (${Math.round(final.testAcc * test.length)}/${test.length}) after ${trainer.iteration} iterations, ${trainer.elapsed.toFixed(1)} s\n` +
      `saved ${join(outDir, 'model.dlnet')}, metrics.jsonl, loss.csv, chart.svg, chart.png\n`,
  );
  if (config.method === 'numerical') compareMethods(network, train, config.batch);
  return 0;
}

/**
 * Ends a run whose loss or weights stopped being finite: the losses so far go to loss.csv for a
 * look at the curve, the last checkpoint with finite weights stays as it is, no model is saved.
 */
function diverged(
  message: string,
  outDir: string,
  losses: readonly number[],
  goodCheckpoint: number | undefined,
  checkpointPath: string,
): number {
  writeLosses(outDir, losses);
  const kept =
    goodCheckpoint === undefined
      ? 'no checkpoint had finite weights'
      : `the last good checkpoint (iteration ${goodCheckpoint}) is kept: ${checkpointPath}`;
  process.stderr.write(
    `dl train: ${message}\n  no model saved; ${kept}; losses so far in ${join(outDir, 'loss.csv')}\n`,
  );
  return 1;
}

/** Times one gradient of each kind on the same mini-batch: the lecture's case for backprop. */
function compareMethods(network: Network, train: BatchSource, batch: number): void {
  const indices = Array.from({ length: Math.min(batch, train.length) }, (_, i) => i);
  const { x, t } = train.batch(indices);
  let start = performance.now();
  network.numericalGradient(x, t);
  const numerical = (performance.now() - start) / 1000;
  const repeats = 20;
  start = performance.now();
  for (let i = 0; i < repeats; i++) network.gradient(x, t);
  const backprop = (performance.now() - start) / 1000 / repeats;
  process.stdout.write(
    `one gradient of ${network.paramCount()} parameters on ${indices.length} images: numerical ${numerical.toFixed(3)} s, backprop ${(backprop * 1000).toFixed(3)} ms (${Math.round(numerical / backprop)}× faster)\n`,
  );
}

function writeMetrics(dir: string, epochs: readonly EpochRecord[]): void {
  writeFileAtomic(join(dir, 'metrics.jsonl'), epochs.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

function writeLosses(dir: string, losses: readonly number[]): void {
  writeFileAtomic(
    join(dir, 'loss.csv'),
    `iteration,loss\n${losses.map((l, i) => `${i + 1},${l}`).join('\n')}\n`,
  );
}

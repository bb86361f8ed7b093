// `pnpm bench` for the browser (docs): one training iteration of the lecture's 784-50-10 network
// (batch 100 drawn with replacement from the first 10,000 MNIST training images, SGD η 0.1) in
// headless Chromium, ours float32 and float64 against TensorFlow.js 4.22 (wasm backend with SIMD,
// and cpu backend) in the same page and run, interleaved round by round; the figure is the median
// of the rounds. Then the same in a cross-origin-isolated page, ours on 2 threads (Web Workers)
// beside TF.js wasm on its threaded build; and ours in Node on one thread, for the float64 ratio.
// Prints a table and writes .bench/browser.json.
//
//   pnpm --filter @dl/docs bench [--rounds 7] [--budget 300]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDataset, loadMnistSync } from '@dl/data';
import { type DType, setThreads } from '@dl/linalg';
import { launchBrowser } from '../test/browser.js';
import { serveScratchPage } from '../test/scratch-page.js';
import type { Contender } from './browser-page.js';
import { msPerIteration, oursIteration } from './iteration.js';

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    budget: { type: 'string', default: '300' },
  },
});
const rounds = Number(opts.rounds);
const budget = Number(opts.budget);
const here = dirname(fileURLToPath(import.meta.url));
const N = 10_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// the images, then the labels, of the first N training images
const { train } = loadMnistSync({ source: 'standard', normalize: true, flatten: true });
const mnist = new Uint8Array(N * 785);
mnist.set(train.images.subarray(0, N * 784));
mnist.set(train.labels.subarray(0, N), N * 784);

const wasmDir = join(
  dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
  'dist',
);
const files: Record<string, Uint8Array> = { '/mnist.bin': mnist };
for (const f of [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
]) {
  files[`/tfjs/${f}`] = readFileSync(join(wasmDir, f));
}
const server = await serveScratchPage(`import './bench/browser-page.ts';`, files);
const browser = await launchBrowser();

type Row = { where: string; contender: string; threads: number; ms: number };
const rows: Row[] = [];

async function measure(path: string, where: string, plan: Array<[Contender, number]>) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`${where}: ${e.message}`));
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => document.title === 'ready');
  const info = await page.evaluate(() =>
    (globalThis as unknown as { benchInfo: () => Promise<object> }).benchInfo(),
  );
  console.log(`${where}: ${JSON.stringify(info)}`);
  const times = plan.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, [contender, threads]] of plan.entries()) {
      const ms = await page.evaluate(
        ([c, b, t]) =>
          (
            globalThis as unknown as { bench: (c: string, b: number, t: number) => Promise<number> }
          ).bench(c, b, t),
        [contender, budget, threads] as const,
      );
      times[i]!.push(ms);
    }
  }
  plan.forEach(([contender, threads], i) => {
    rows.push({ where, contender, threads, ms: median(times[i]!) });
  });
  await page.close();
  return info;
}

/** Ours in Node, one thread, on the same first N images. */
function node(dtype: DType): number {
  setThreads(1);
  const step = oursIteration(
    createDataset(mnist.subarray(0, N * 784), mnist.subarray(N * 784)),
    dtype,
  );
  return median(Array.from({ length: rounds }, () => msPerIteration(step, budget)));
}

const plain = await measure('/', 'page', [
  ['ours-float32', 1],
  ['ours-float64', 1],
  ['tfjs-wasm', 1],
  ['tfjs-cpu', 1],
]);
const isolated = await measure('/isolated', 'isolated page', [
  ['ours-float32', 1],
  ['ours-float32', 2],
  ['ours-float64', 2],
  ['tfjs-wasm', 1],
]);
await browser.close();
server.close();
const nodeF64 = node('float64');
rows.push({ where: 'Node', contender: 'ours-float64', threads: 1, ms: nodeF64 });

const get = (where: string, contender: string, threads: number) =>
  rows.find((r) => r.where === where && r.contender === contender && r.threads === threads)!.ms;
const tfWasm = get('page', 'tfjs-wasm', 1);
const tfWasmIsolated = get('isolated page', 'tfjs-wasm', 1);
console.log(`browser bench: ${rounds} rounds of ~${budget} ms, median ms per iteration`);
// (TF.js wasm's threads are its own: one in a plain page, its thread pool where isolated.)
console.log('| where | contender | threads | ms / iteration | ÷ TF.js wasm (same page) |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const ref =
    r.where === 'page' ? tfWasm : r.where === 'isolated page' ? tfWasmIsolated : Number.NaN;
  console.log(
    `| ${r.where} | ${r.contender} | ${r.threads} | ${r.ms.toFixed(3)} | ${Number.isNaN(ref) ? '–' : (r.ms / ref).toFixed(3)} |`,
  );
}
const f64Ratio = get('page', 'ours-float64', 1) / nodeF64;
console.log(`ours float64, page ÷ Node (one thread): ${f64Ratio.toFixed(2)}`);
mkdirSync(join(here, '..', '..', '.bench'), { recursive: true });
writeFileSync(
  join(here, '..', '..', '.bench', 'browser.json'),
  `${JSON.stringify({ rounds, budget, plain, isolated, rows, f64Ratio }, null, 2)}\n`,
);

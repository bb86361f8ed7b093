/**
 * @dl/linalg's kernels in a browser (headless Chromium): the relaxed-SIMD WebAssembly build, and in a
 * cross-origin-isolated page helper threads as Web Workers on the shared memory, whose products
 * are the same bit for bit as on one thread; in a page that is not isolated, no helper starts.
 * The page counts the workers it makes by wrapping the `Worker` constructor.
 */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, skipBrowser } from './browser.js';
import { type ScratchPage, serveScratchPage } from './scratch-page.js';

const skip = skipBrowser;

/** The page: one sparse product (a batch of MNIST-like bytes · W) on 1 thread, then on 2. */
const source = `
import { getThreads, matmul, setThreads, takeRowsSparse } from '@dl/linalg';
// not public: which build of the kernels this browser runs (the same module as @dl/linalg's)
import { wasmVariant } from '../packages/linalg/src/kernels/wasm-kernels.ts';
// ?nowasm: a browser without WebAssembly (the kernels are looked up on first use, after this)
if (location.search.includes('nowasm')) globalThis.WebAssembly = undefined;
let workers = 0;
const Base = globalThis.Worker;
const workerErrors = [];
globalThis.Worker = class extends Base {
  constructor(...a) { super(...a); workers++; this.addEventListener('error', (e) => workerErrors.push(String(e.message))); }
};
let s = 7;
const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const bytes = Uint8Array.from({ length: 1000 * 784 }, () => (next() < 0.8 ? 0 : 1 + Math.floor(next() * 255)));
const table = Float64Array.from({ length: 256 }, (_, b) => b / 255);
const W = new Float64Array(784 * 50).map(() => next() - 0.5);
const indices = Array.from({ length: 100 }, () => Math.floor(next() * 1000));
const { NDArray } = await import('@dl/linalg');
const w = new NDArray(W, [784, 50]);
const product = () => Array.from(matmul(takeRowsSparse(bytes, 784, indices, table), w).data);
setThreads(1);
const one = product();
setThreads(2);
let same = true;
// many jobs, so that the helpers (which start asynchronously) take chunks of the later ones
const until = performance.now() + 300;
while (performance.now() < until) {
  const two = product();
  same &&= two.every((v, i) => Object.is(v, one[i]));
  await new Promise((r) => setTimeout(r, 1));
}
globalThis.product = one;
document.title = JSON.stringify({
  isolated: crossOriginIsolated,
  threads: getThreads(),
  workers,
  workerErrors,
  same,
  variant: wasmVariant(),
});
`;

let browser: Browser;
let page: ScratchPage;

describe.skipIf(skip)('@dl/linalg kernels in Chromium', () => {
  beforeAll(async () => {
    page = await serveScratchPage(source);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    page?.close();
  });

  async function run(path: string) {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await tab.goto(`${page.url}${path}`);
    await tab.waitForFunction(() => document.title.startsWith('{'), null, { timeout: 30_000 });
    const result = JSON.parse(await tab.title());
    const product: number[] = await tab.evaluate(
      () => (globalThis as unknown as { product: number[] }).product,
    );
    await tab.close();
    return { ...result, errors, product };
  }

  test('cross-origin isolated: one helper as a Web Worker, the same product bit for bit', async () => {
    const r = await run('/isolated');
    const { product: _, ...shown } = r;
    console.log('isolated page:', shown);
    expect(r).toMatchObject({
      isolated: true,
      threads: 2,
      workers: 1,
      workerErrors: [],
      same: true,
      variant: 'relaxed-simd', // Chromium has had relaxed SIMD since 114
      errors: [],
    });
  });

  test('not isolated: no helper, the same product on the calling thread', async () => {
    const r = await run('/');
    const { product: _, ...shown } = r;
    console.log('plain page:', shown);
    expect(r).toMatchObject({ isolated: false, workers: 0, same: true, errors: [] });
  });

  test('without WebAssembly: the TypeScript kernels, the same product to 1e-12', async () => {
    const wasm = await run('/');
    const ts = await run('/?nowasm');
    expect(ts).toMatchObject({ variant: null, workers: 0, same: true, errors: [] });
    // the two differ only in rounding (the WebAssembly build fuses multiply-adds)
    const worst = Math.max(
      ...ts.product.map((v: number, i: number) => Math.abs(v - wasm.product[i])),
    );
    expect(worst).toBeLessThan(1e-12);
    expect(ts.product).toHaveLength(100 * 50);
  });
});

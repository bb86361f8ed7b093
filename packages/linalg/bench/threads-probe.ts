// Would a second thread pay? A probe, not part of `pnpm bench`:
//
//   pnpm --filter @dl/linalg exec tsx bench/threads-probe.ts [m n k]   (default 100 50 784)
//
// Main thread and one worker each instantiate the float64 SIMD kernel with their own memory and
// compute half of C's rows on operands already in place (so this is the best case: no copies),
// handing off through Atomics.notify/wait on a SharedArrayBuffer. It prints the wall time of one
// product on one thread and on two, for three interleaved rounds. The kernels stay single-threaded
// until this says two threads win on the machines we care about (see the report in issue 8).
import { Worker } from 'node:worker_threads';
import { WASM_SIMD_BASE64 } from '../src/kernels/generated/wasm-bytes.js';
import type { WasmKernels } from '../src/kernels/wasm-kernels.js';

const [m = 100, n = 50, k = 784] = process.argv.slice(2).map(Number);
const bytes = Buffer.from(WASM_SIMD_BASE64, 'base64');
const ctl = new Int32Array(new SharedArrayBuffer(8)); // [0]: 1 = go, 2 = stop; [1]: 1 = done
const half = m >> 1;

// The worker's code, plain JavaScript so it runs the same from src/ and from dist/.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { bytes, ctl, rows, n, k } = workerData;
const w = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
w.memory.grow(Math.ceil(((rows * k + k * n + rows * n) * 8 + w.workBytes64(n)) / 65536) + 1);
const a = w.heapBase(), b = a + rows * k * 8, c = b + k * n * 8, work = c + rows * n * 8;
new Float64Array(w.memory.buffer, a, rows * k).fill(0.5);
new Float64Array(w.memory.buffer, b, k * n).fill(0.25);
parentPort.postMessage('ready');
for (;;) {
  Atomics.wait(ctl, 0, 0);
  if (Atomics.load(ctl, 0) === 2) break;
  w.gemm64(rows, n, k, 0, 0, a, b, c, work);
  Atomics.store(ctl, 0, 0);
  Atomics.store(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;

// The project's `lib` has no DOM types, so WebAssembly is reached through globalThis.
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (b: Uint8Array) => object;
      Instance: new (m: object, i: object) => { exports: unknown };
    };
  }
).WebAssembly;
const w = new wasm.Instance(new wasm.Module(bytes), {}).exports as WasmKernels;
w.memory.grow(Math.ceil(((m * k + k * n + m * n) * 8 + w.workBytes64(n)) / 65536) + 1);
const a = w.heapBase();
const b = a + m * k * 8;
const c = b + k * n * 8;
const work = c + m * n * 8;
new Float64Array(w.memory.buffer, a, m * k).fill(0.5);
new Float64Array(w.memory.buffer, b, k * n).fill(0.25);

const worker = new Worker(workerSource, {
  eval: true,
  workerData: { bytes, ctl, rows: half, n, k },
});
await new Promise((resolve) => worker.once('message', resolve));

const single = () => w.gemm64(m, n, k, 0, 0, a, b, c, work);
const dual = () => {
  Atomics.store(ctl, 1, 0);
  Atomics.store(ctl, 0, 1);
  Atomics.notify(ctl, 0);
  w.gemm64(m - half, n, k, 0, 0, a + half * k * 8, b, c + half * n * 8, work);
  while (Atomics.load(ctl, 1) === 0) Atomics.wait(ctl, 1, 0, 10);
};

/** Median microseconds per call over ~100 ms slices. */
function time(f: () => void): number {
  for (let i = 0; i < 20; i++) f();
  const ts: number[] = [];
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    let it = 0;
    do {
      f();
      it++;
    } while (performance.now() - t0 < 100);
    ts.push(((performance.now() - t0) / it) * 1000);
  }
  return ts.sort((x, y) => x - y)[4]!;
}

for (let round = 0; round < 3; round++) {
  const one = time(single);
  const two = time(dual);
  console.log(
    `${m}×${k}·${k}×${n} float64: one thread ${one.toFixed(0)} µs, two threads ${two.toFixed(0)} µs (${(one / two).toFixed(2)}×)`,
  );
}
Atomics.store(ctl, 0, 2);
Atomics.notify(ctl, 0);
await worker.terminate();

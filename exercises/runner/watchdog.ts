// Setup file of the exercise projects: stops a test file whose code never gives control back (an
// infinite `while` loop in a learner's stub, at import time or inside a test). vitest's `testTimeout`
// cannot interrupt synchronous code, so a helper thread watches a heartbeat that the main thread
// bumps every 100 ms; when it stops for `DL_EXERCISE_TIMEOUT_S` seconds (30 for the learner, 90 in CI) the helper
// writes which test was running, prints a readable message and ends this test process. vitest then
// runs the other exercise files as usual, and the progress list shows this one as stopped.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeEach, expect } from 'vitest';

// With `--no-isolate` (runner/check.ts) one process runs several files and this setup file runs
// before each of them: the heartbeat and the helper thread are made once per process, and each file
// only tells the helper where it is.
const limitS = Number(process.env.DL_EXERCISE_TIMEOUT_S ?? 30);
const markerDir = process.env.DL_WATCHDOG_DIR;
const currentFile = expect.getState().testPath ?? '(unknown file)';
const slot = globalThis as { dlWatchdog?: Worker };

function startHelper(): Worker {
  const beat = new Int32Array(new SharedArrayBuffer(4));
  setInterval(() => Atomics.add(beat, 0, 1), 100).unref();
  const worker = new Worker(
    `
const { workerData, parentPort } = require('node:worker_threads');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { beat, limitS, marker } = workerData;
let where = { file: workerData.file, test: '(while importing the file)' };
parentPort.on('message', (m) => { where = m; });
let last = Atomics.load(beat, 0);
let still = 0;
setInterval(() => {
  const now = Atomics.load(beat, 0);
  if (now !== last) { last = now; still = 0; return; }
  still += 250;
  if (still < limitS * 1000) return;
  if (marker) {
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, JSON.stringify({ ...where, seconds: limitS }));
  }
  process._rawDebug(
    '\\n✗ ' + where.file + ' > ' + where.test + '\\n' +
    '  stopped: it ran ' + limitS + ' s without giving control back. An infinite loop in your code?\\n' +
    '  (check the loop condition and that the loop variable changes). The other exercises still run.\\n',
  );
  process.kill(process.pid, 'SIGKILL');
}, 250);
`,
    {
      eval: true,
      workerData: {
        beat,
        limitS,
        file: currentFile,
        marker: markerDir ? join(markerDir, `${process.pid}-${Date.now()}.json`) : undefined,
      },
    },
  );
  worker.unref();
  return worker;
}

slot.dlWatchdog ??= startHelper();
const helper = slot.dlWatchdog;
helper.postMessage({ file: currentFile, test: '(while importing the file)' });

beforeEach((ctx) => {
  helper.postMessage({ file: ctx.task.file.filepath, test: ctx.task.name });
});

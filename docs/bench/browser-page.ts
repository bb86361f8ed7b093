// The page of the browser benchmark (bench/browser.ts bundles it): one training iteration of the
// lecture's 784-50-10 network, batch 100, SGD η 0.1, by our packages (float64, float32) and by
// TensorFlow.js 4.22 (wasm backend with SIMD, cpu backend), on the same MNIST bytes, in this page.

import { createDataset, type Dataset } from '@dl/data';
import { createRng, setThreads } from '@dl/linalg';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { msPerIteration, oursIteration } from './iteration.js';

export type Contender = 'ours-float64' | 'ours-float32' | 'tfjs-wasm' | 'tfjs-cpu';

/** The same iteration in TensorFlow.js, float32 (its only type), from the same bytes. */
function tfjs(train: Dataset): () => void {
  const rng = createRng(0);
  const W1 = tf.variable(tf.randomNormal([784, 50], 0, 0.01));
  const b1 = tf.variable(tf.zeros([50]));
  const W2 = tf.variable(tf.randomNormal([50, 10], 0, 0.01));
  const b2 = tf.variable(tf.zeros([10]));
  const optimizer = tf.train.sgd(0.1);
  const x = new Float32Array(100 * 784);
  const t = new Float32Array(100 * 10);
  return () => {
    const indices = rng.choice(train.length, 100, true);
    t.fill(0);
    indices.forEach((row, i) => {
      for (let j = 0; j < 784; j++) x[i * 784 + j] = train.images[row * 784 + j]! / 255;
      t[i * 10 + train.labels[row]!] = 1;
    });
    tf.tidy(() => {
      const xs = tf.tensor2d(x, [100, 784]);
      const ts = tf.tensor2d(t, [100, 10]);
      const loss = optimizer.minimize(() => {
        const h = tf.relu(xs.matMul(W1).add(b1));
        return tf.losses.softmaxCrossEntropy(ts, h.matMul(W2).add(b2)) as tf.Scalar;
      }, true);
      loss?.dataSync(); // wait for the step to finish, as ours does
    });
  };
}

async function setup() {
  const bytes = new Uint8Array(await (await fetch('/mnist.bin')).arrayBuffer());
  const n = bytes.length / 785; // 784 pixels then the label, per image
  const images = bytes.subarray(0, n * 784);
  const labels = bytes.subarray(n * 784);
  const train = createDataset(images, labels, { imageShape: [784] });
  return train;
}

setWasmPaths('/tfjs/'); // before any backend starts
const ready = setup();
const steps = new Map<Contender, () => void>();

/**
 * Times `contender` once (about `budget` ms) on `threads` threads (ours only); the benchmark calls
 * it round after round, the contenders interleaved.
 */
async function run(contender: Contender, budget: number, threads: number): Promise<number> {
  const train = await ready;
  if (contender.startsWith('tfjs')) {
    await tf.setBackend(contender === 'tfjs-wasm' ? 'wasm' : 'cpu');
    await tf.ready();
  }
  setThreads(threads);
  let step = steps.get(contender);
  if (!step) {
    if (contender === 'ours-float64') step = oursIteration(train, 'float64');
    else if (contender === 'ours-float32') step = oursIteration(train, 'float32');
    else step = tfjs(train);
    steps.set(contender, step);
  }
  return msPerIteration(step, budget);
}

(globalThis as unknown as { bench: typeof run }).bench = run;
(globalThis as unknown as { benchInfo: () => Promise<object> }).benchInfo = async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  return {
    isolated: crossOriginIsolated,
    userAgent: navigator.userAgent,
    tfjs: tf.version.tfjs,
    tfjsWasmSimd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    tfjsWasmThreads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
};
document.title = 'ready';

import { AdaGrad, Adam, Momentum, type Optimizer, SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import { type BatchSource, encodeModel, SimpleNetwork, Trainer } from '@dl/network';
import { loadMnistSubset } from './mnist-subset.js';
import type { FromWorker, ToWorker, TrainSettings } from './train-settings.js';

/**
 * The training loop of panel 2, in a Web Worker so that the page stays responsive: the lecture's
 * SimpleNetwork and the Trainer of @dl/network, as `dl train` runs them, on the shipped subset.
 * Every 50 iterations it measures the accuracy on the whole test subset (and as many train images).
 */
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

const EVALUATE_EVERY = 50;

let trainer: Trainer | null = null;
let settings: TrainSettings | null = null;

function optimizer(s: TrainSettings): Optimizer {
  if (s.optimizer === 'Momentum') return new Momentum({ lr: s.lr });
  if (s.optimizer === 'AdaGrad') return new AdaGrad({ lr: s.lr });
  if (s.optimizer === 'Adam') return new Adam({ lr: s.lr });
  return new SGD({ lr: s.lr });
}

async function start(s: TrainSettings, data: string): Promise<void> {
  const { train, test } = await loadMnistSubset(new URL(data));
  const dtype = s.dtype;
  // float32 batches for a float32 network (see SimpleNetworkOptions.dtype)
  const source = (d: typeof train): BatchSource => ({
    length: d.length,
    batch: (indices) => d.batch(indices, { dtype }),
  });
  const rng = createRng(s.seed);
  const network = new SimpleNetwork({ hiddenSize: s.hidden, dtype, rng });
  let since = performance.now();
  let count = 0;
  trainer = new Trainer({
    network,
    train: source(train),
    test: source(test),
    rng,
    optimizer: optimizer(s),
    iterations: s.iterations,
    batchSize: s.batch,
    method: s.method,
    iterationsPerEpoch: EVALUATE_EVERY,
    trainEvalSize: test.length,
    onIteration: ({ iteration, loss }) => {
      count++;
      const now = performance.now();
      // a message per iteration would flood the page: one per 100 ms at most
      if (now - since > 100 || iteration === s.iterations) {
        post({ type: 'iteration', iteration, loss, msPerIteration: (now - since) / count });
        since = now;
        count = 0;
      }
    },
    onEpoch: ({ iteration, loss, testAcc, trainAcc }) =>
      post({ type: 'evaluation', iteration, loss, testAcc, trainAcc }),
  });
  settings = s;
  await run();
}

async function run(): Promise<void> {
  if (!trainer) return;
  const result = await trainer.run();
  post(
    result.stopped
      ? { type: 'paused', iteration: result.iteration }
      : { type: 'done', iteration: result.iteration },
  );
}

scope.onmessage = (e) => {
  const m = e.data;
  const failed = (error: unknown) => post({ type: 'error', message: (error as Error).message });
  if (m.type === 'start') start(m.settings, m.data).catch(failed);
  else if (m.type === 'pause') trainer?.stop();
  else if (m.type === 'resume') run().catch(failed);
  else if (m.type === 'model' && trainer && settings) {
    const bytes = encodeModel(trainer.network, {
      source: 'playground',
      settings,
      iterations: trainer.iteration,
    });
    post({ type: 'model', bytes }, [bytes.buffer]);
  }
};

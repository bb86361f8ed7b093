// What the browser benchmark times, the same in the page and in Node: our training iteration and
// the timing loop.
import type { Dataset } from '@dl/data';
import { SGD } from '@dl/layers';
import { createRng, type DType } from '@dl/linalg';
import { type BatchSource, SimpleNetwork, Trainer } from '@dl/network';

/**
 * One training iteration of the lecture's 784-50-10 network as `dl train` runs it: `Trainer.step`
 * (draw 100 examples with replacement, gather the batch, forward, backward, SGD η 0.1).
 */
export function oursIteration(train: Dataset, dtype: DType): () => void {
  const rng = createRng(0);
  const source: BatchSource = {
    length: train.length,
    batch: (indices) => train.batch(indices, { dtype }),
  };
  const trainer = new Trainer({
    network: new SimpleNetwork({ rng, dtype }),
    train: source,
    test: source,
    rng,
    optimizer: new SGD({ lr: 0.1 }),
    batchSize: 100,
  });
  return () => {
    trainer.step();
  };
}

/** Mean ms per iteration over about `budget` ms, after a few iterations to warm up. */
export function msPerIteration(step: () => void, budget: number): number {
  for (let i = 0; i < 5; i++) step();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < budget) {
    step();
    n++;
  }
  return (performance.now() - t0) / n;
}

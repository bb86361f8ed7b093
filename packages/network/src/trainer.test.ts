import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Adam, SGD } from '@dl/layers';
import { createRng, NDArray } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { arraySource } from './array-source.js';
import type { BatchSource } from './evaluate.js';
import { MultiLayerNet } from './multi-layer-net.js';
import { SimpleNetwork } from './simple-network.js';
import { type EpochRecord, Trainer } from './trainer.js';
import { TrainingDivergedError } from './training-diverged-error.js';

/**
 * Digits from the `mnist` package (a devDependency): 10 JSON files of 28×28 images in [0, 1].
 * Takes images [from, to) of every digit, interleaved, as a source with class-number labels.
 */
function mnistDigits(from: number, to: number): BatchSource {
  const dir = join(
    dirname(createRequire(import.meta.url).resolve('mnist/package.json')),
    'src',
    'digits',
  );
  const perDigit = Array.from(
    { length: 10 },
    (_, d) => (JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] }).data,
  );
  const n = (to - from) * 10;
  const x = new Float64Array(n * 784);
  const t = new Float64Array(n);
  let row = 0;
  for (let i = from; i < to; i++) {
    for (let d = 0; d < 10; d++) {
      x.set(perDigit[d]!.slice(i * 784, (i + 1) * 784), row * 784);
      t[row++] = d;
    }
  }
  return arraySource(new NDArray(x, [n, 784]), new NDArray(t));
}

/** Separable toy data: the label is the index of the largest of 4 inputs. */
function toyData(n: number, seed: number): BatchSource {
  const rng = createRng(seed);
  const x = new NDArray(
    Float64Array.from({ length: n * 4 }, () => rng.random()),
    [n, 4],
  );
  const t = new NDArray(
    Float64Array.from({ length: n }, (_, i) => {
      const r = [...x.data.subarray(i * 4, i * 4 + 4)];
      return r.indexOf(Math.max(...r));
    }),
  );
  return arraySource(x, t);
}

describe('Trainer', () => {
  it("learns mnist-package digits to over 90% test accuracy with the lecture's settings", async () => {
    const train = mnistDigits(0, 400); // 4,000 images
    const test = mnistDigits(400, 500); // 1,000 other images
    const rng = createRng(42);
    const epochs: EpochRecord[] = [];
    const trainer = new Trainer({
      network: new SimpleNetwork({ rng }),
      train,
      test,
      rng,
      optimizer: new SGD({ lr: 0.1 }),
      iterations: 1200,
      batchSize: 100,
      onEpoch: (r) => epochs.push(r),
    });
    expect(trainer.iterationsPerEpoch).toBe(40);
    const result = await trainer.run();
    expect(result.stopped).toBe(false);
    // Evaluated after iterations 1, 41, 81, …, 1161 (the book's `i % iter_per_epoch == 0`), then
    // once more after the last one.
    expect(epochs.map((e) => e.iteration).slice(0, 3)).toEqual([1, 41, 81]);
    expect(epochs.map((e) => e.iteration).slice(-2)).toEqual([1161, 1200]);
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(epochs[0]!.testAcc).toBeLessThan(0.5);
    expect(epochs.at(-1)!.testAcc).toBeGreaterThan(0.9);
    expect(epochs.at(-1)!.trainAcc).toBeGreaterThan(0.9);
    // The loss falls: the mean of the last 100 mini-batches is well under the first one (≈ ln 10).
    const last = trainer.losses.slice(-100).reduce((a, b) => a + b, 0) / 100;
    expect(trainer.losses[0]).toBeCloseTo(Math.log(10), 1);
    expect(last).toBeLessThan(0.5);
  }, 60_000);

  it('trains with the numerical gradient too (the slow path), reaching the same place as backprop', async () => {
    const train = toyData(100, 1);
    const run = async (method: 'numerical' | 'backprop') => {
      const rng = createRng(5);
      const t = new Trainer({
        network: new SimpleNetwork({
          inputSize: 4,
          hiddenSize: 3,
          outputSize: 4,
          weightInitStd: 0.5,
          rng,
        }),
        train,
        test: train,
        rng,
        optimizer: new SGD({ lr: 0.5 }),
        iterations: 30,
        batchSize: 10,
        method,
      });
      await t.run();
      return t;
    };
    const numerical = await run('numerical');
    const backprop = await run('backprop');
    // The two gradients differ by ~1e-7 relative per step (δ = 1e-7 in the loss, h = 1e-4), so
    // 30 steps of lr 0.5 end within 1e-4 of each other; a wrong gradient would be off by O(0.1).
    const a = numerical.network.params['W1']!.data;
    const b = backprop.network.params['W1']!.data;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-4);
    expect(numerical.losses.at(-1)).toBeLessThan(numerical.losses[0]!);
  });

  it('stops after the current iteration when asked, and continues on the next run', async () => {
    const train = toyData(100, 2);
    const rng = createRng(1);
    let trainer: Trainer | undefined;
    trainer = new Trainer({
      network: new MultiLayerNet({ inputSize: 4, hiddenSizeList: [5], outputSize: 4, rng }),
      train,
      test: train,
      rng,
      optimizer: new Adam(),
      iterations: 50,
      batchSize: 10,
      onIteration: (info) => {
        if (info.iteration === 7) trainer?.stop();
      },
    });
    const first = await trainer.run();
    expect(first).toMatchObject({ stopped: true, iteration: 7 });
    expect(trainer.losses.length).toBe(7);
    const second = await trainer.run();
    expect(second).toMatchObject({ stopped: false, iteration: 50 });
    expect(trainer.elapsed).toBeGreaterThan(0);
  });

  it('skips the closing evaluation when evaluateAtEnd is false', async () => {
    const train = toyData(100, 3);
    const rng = createRng(1);
    const make = (evaluateAtEnd: boolean) =>
      new Trainer({
        network: new SimpleNetwork({ inputSize: 4, hiddenSize: 3, outputSize: 4, rng }),
        train,
        test: train,
        rng,
        optimizer: new SGD(),
        iterations: 15,
        batchSize: 10,
        evaluateAtEnd,
      });
    const withEnd = make(true);
    await withEnd.run();
    expect(withEnd.epochs.map((e) => e.iteration)).toEqual([1, 11, 15]);
    const without = make(false);
    await without.run();
    expect(without.epochs.map((e) => e.iteration)).toEqual([1, 11]);
  });

  it('limits evaluation to the first trainEvalSize / testEvalSize examples', () => {
    const train = toyData(100, 3);
    const rng = createRng(1);
    const trainer = new Trainer({
      network: new SimpleNetwork({ inputSize: 4, hiddenSize: 3, outputSize: 4, rng }),
      train,
      test: train,
      rng,
      optimizer: new SGD(),
      trainEvalSize: 7,
      testEvalSize: 3,
    });
    const { trainAcc, testAcc } = trainer.measure();
    expect(Math.round(trainAcc * 7)).toBeCloseTo(trainAcc * 7, 9);
    expect(Math.round(testAcc * 3)).toBeCloseTo(testAcc * 3, 9);
  });

  it('rejects bad settings with the value in the message', () => {
    const train = toyData(10, 4);
    const base = {
      network: new SimpleNetwork({ inputSize: 4, outputSize: 4 }),
      train,
      test: train,
      rng: createRng(0),
      optimizer: new SGD(),
    };
    expect(() => new Trainer({ ...base, batchSize: 0 })).toThrow(
      'Trainer: invalid batchSize; expected a positive integer, got 0',
    );
    expect(() => new Trainer({ ...base, method: 'magic' as 'backprop' })).toThrow(
      "Trainer: unknown method; expected 'numerical' or 'backprop', got magic",
    );
    expect(() => new Trainer({ ...base, train: { length: 0, batch: train.batch } })).toThrow(
      'Trainer: empty training set; expected at least 1 example, got 0',
    );
    const t = new Trainer({ ...base, iterations: 5 });
    expect(() => t.setState({ ...t.getState(), iteration: 6 })).toThrow(
      'Trainer.setState: invalid iteration; expected an integer in [0, 5], got 6',
    );
  });

  it('stops with a TrainingDivergedError at the first non-finite loss (lr 1e300)', async () => {
    const rng = createRng(0);
    const network = new SimpleNetwork({ inputSize: 4, hiddenSize: 5, outputSize: 4, rng });
    const [train, test] = [toyData(40, 4), toyData(10, 5)];
    const optimizer = new SGD({ lr: 1e300 });
    const trainer = new Trainer({ network, train, test, rng, optimizer, batchSize: 10 });
    const error = await trainer.run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingDivergedError);
    const e = error as TrainingDivergedError;
    // Iteration 1 starts from small random weights (loss near ln 4 = 1.386); its update of size
    // 1e300 · gradient makes every later loss NaN or infinite.
    expect(e.iteration).toBe(2);
    expect(Number.isFinite(e.loss)).toBe(false);
    expect(e.lastFiniteLoss).toBeCloseTo(Math.log(4), 1);
    expect(e.message).toMatch(
      /^Trainer: training diverged at iteration 2; expected a finite loss, got (NaN|-?Infinity) \(last finite loss 1\.\d{4} at iteration 1\); the weights blew up: try a smaller learning rate than 1e\+300$/,
    );
    // The failing iteration is not counted and its loss is not kept.
    expect(trainer.iteration).toBe(1);
    expect(trainer.losses).toEqual([e.lastFiniteLoss]);
  });

  it('stops at iteration 1 when the data holds NaN, leaving the weights as they were', async () => {
    const x = new NDArray(
      Float64Array.from({ length: 8 }, (_, i) => (i === 3 ? Number.NaN : i)),
      [2, 4],
    );
    const data = arraySource(x, new NDArray(new Float64Array([0, 1])));
    const rng = createRng(0);
    const network = new SimpleNetwork({ inputSize: 4, hiddenSize: 3, outputSize: 2, rng });
    const before = [...network.params['W1']!.data];
    const trainer = new Trainer({
      network,
      train: data,
      test: data,
      rng,
      optimizer: new SGD({ lr: 0.1 }),
      iterations: 3,
      batchSize: 2,
    });
    await expect(trainer.run()).rejects.toThrow(
      'Trainer: training diverged at iteration 1; expected a finite loss, got NaN (no finite loss before it); check the data for NaN or Infinity, or try a smaller learning rate than 0.1',
    );
    expect([...network.params['W1']!.data]).toEqual(before);
    expect(trainer.iteration).toBe(0);
  });
});

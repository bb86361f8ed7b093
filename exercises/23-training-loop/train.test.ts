import { loadMnistSync } from '@dl/data';
import { array, createRng, mean } from '@dl/linalg';
import { SimpleNetwork } from '@dl/network';
import { describe, expect, test } from 'vitest';
import { expectClose } from '../runner/testing.js';
import { train } from './train.js';

// one sample, so every mini-batch is that sample and the step can be checked exactly
const single = { length: 1, batch: () => ({ x: array([[0.6, 0.9]]), t: array([[0, 1]]) }) };

describe('train, one step on a 2-3-2 network', () => {
  test('W ← W − lr · dW for every parameter (lr = 0.5)', () => {
    const net = new SimpleNetwork({
      inputSize: 2,
      hiddenSize: 3,
      outputSize: 2,
      weightInitStd: 1,
      rng: createRng(3),
    });
    const before = Object.fromEntries(Object.entries(net.params).map(([k, p]) => [k, p.clone()]));
    const { x, t } = single.batch();
    const grads = Object.fromEntries(
      Object.entries(net.gradient(x, t)).map(([k, g]) => [k, g.clone()]),
    );
    train(net, single, { iters: 1, batchSize: 1, lr: 0.5, rng: createRng(0) });
    for (const key of ['W1', 'b1', 'W2', 'b2']) {
      const want = Array.from(before[key]!.data, (v, i) => v - 0.5 * grads[key]!.data[i]!);
      expectClose(
        net.params[key]!,
        array(want, [...before[key]!.shape]).toArray(),
        `${key} after one step: unchanged means no update; update net.params in place`,
        1e-12,
      );
    }
  });

  test('iters = 5 → 5 losses, the loss of each iteration', () => {
    const net = new SimpleNetwork({
      inputSize: 2,
      hiddenSize: 3,
      outputSize: 2,
      rng: createRng(3),
    });
    const losses = train(net, single, { iters: 5, batchSize: 1, lr: 0.1, rng: createRng(0) });
    expect(losses.length, 'one loss per iteration').toBe(5);
  });

  test('lr = 0 and batchSize = 0 → RangeError naming the rule', () => {
    const net = new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2 });
    expect(
      () => train(net, single, { iters: 1, batchSize: 1, lr: 0, rng: createRng(0) }),
      'lr = 0 never moves',
    ).toThrow('train: bad learning rate; expected lr > 0, got 0');
    expect(
      () => train(net, single, { iters: 1, batchSize: 0, lr: 0.1, rng: createRng(0) }),
      'an empty batch',
    ).toThrow(RangeError);
  });
});

describe('train on MNIST (lite: 7,996 training digits)', () => {
  test('600 iterations, batch 100, lr 0.1 → test accuracy > 0.85 on 1,000 unseen digits', () => {
    const { train: trainSet, test: testSet } = loadMnistSync({ source: 'lite' });
    const rng = createRng(42);
    const net = new SimpleNetwork({ rng });
    const losses = train(net, trainSet, { iters: 600, batchSize: 100, lr: 0.1, rng });
    const first = mean(array(losses.slice(0, 10)));
    const last = mean(array(losses.slice(-50)));
    // log(10) = 2.303: tiny random weights give every digit 10%
    expect(first, 'the loss starts near log 10 = 2.30').toBeGreaterThan(2);
    expect(
      last,
      `the loss must fall: first 10 average ${first.toFixed(3)}, last 50 average ${last.toFixed(3)}`,
    ).toBeLessThan(first / 2);
    const { x, t } = testSet.batch(Array.from({ length: 1000 }, (_, i) => i));
    const acc = net.accuracy(x, t);
    expect(
      acc,
      `test accuracy ${acc}: 0.1 is guessing; did the parameters change?`,
    ).toBeGreaterThan(0.85);
  });
});

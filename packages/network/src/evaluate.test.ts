import { array, createRng } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { arraySource } from './array-source.js';
import { evaluate } from './evaluate.js';
import { SimpleNetwork } from './simple-network.js';

describe('evaluate', () => {
  // A 2-2-2 network that copies its input (ReLU of the identity): it predicts the larger input.
  const net = new SimpleNetwork({ inputSize: 2, hiddenSize: 2, outputSize: 2, rng: createRng(0) });
  net.params['W1']!.data.set([1, 0, 0, 1]);
  net.params['W2']!.data.set([1, 0, 0, 1]);
  const x = array([
    [1, 0],
    [0, 1],
    [2, 1],
    [0, 3],
    [5, 1],
  ]);

  it('counts accuracy and the confusion matrix over batches of any size', () => {
    const source = arraySource(x, array([0, 1, 1, 1, 0])); // the third is labelled 1 but predicted 0
    for (const batchSize of [1, 2, 5, 1000]) {
      const result = evaluate(net, source, { batchSize });
      expect(result.accuracy).toBeCloseTo(4 / 5, 15);
      expect(result.count).toBe(5);
      expect(result.confusion).toEqual([
        [2, 0],
        [1, 2],
      ]);
    }
  });

  it('accepts one-hot labels and a limit', () => {
    const source = arraySource(
      x,
      array([
        [1, 0],
        [0, 1],
        [0, 1],
        [0, 1],
        [1, 0],
      ]),
    );
    expect(evaluate(net, source, { limit: 2 })).toMatchObject({ accuracy: 1, count: 2 });
  });

  it('rejects a bad batch size', () => {
    expect(() => evaluate(net, arraySource(x, array([0, 1, 1, 1, 0])), { batchSize: 0 })).toThrow(
      'evaluate: invalid batchSize; expected a positive integer, got 0',
    );
  });
});

describe('evaluate with labels the network has no class for', () => {
  it('says which label is out of range', () => {
    // 3 outputs, so labels 0…2; the second label is 7
    const net = new SimpleNetwork({
      inputSize: 2,
      hiddenSize: 3,
      outputSize: 3,
      rng: createRng(0),
    });
    const source = arraySource(
      array([
        [0, 1],
        [1, 0],
      ]),
      array([1, 7]),
    );
    expect(() => evaluate(net, source)).toThrow(
      'evaluate: label out of range; expected labels 0…2 for a network of 3 outputs, got 7',
    );
  });
});

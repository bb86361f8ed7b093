import { array, createRng } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { gradientCheck } from './gradient-check.js';
import type { Network } from './network.js';
import { SimpleNetwork } from './simple-network.js';

describe('gradientCheck', () => {
  const x = array([
    [0.1, 0.5, 0.9],
    [0.3, 0.2, 0.8],
  ]);
  const t = array([1, 0]);

  it('passes a correct network with tiny differences per parameter', () => {
    const net = new SimpleNetwork({
      inputSize: 3,
      hiddenSize: 4,
      outputSize: 2,
      weightInitStd: 1,
      rng: createRng(0),
    });
    const result = gradientCheck(net, x, t);
    expect(Object.keys(result.params)).toEqual(['W1', 'b1', 'W2', 'b2']);
    expect(result.maxRelDiff).toBeLessThan(1e-4);
    for (const d of Object.values(result.params)) {
      expect(d.meanAbsDiff).toBeLessThanOrEqual(d.maxAbsDiff);
      expect(d.maxAbsDiff).toBeLessThan(1e-6);
    }
  });

  it('catches a wrong backward pass', () => {
    const net = new SimpleNetwork({
      inputSize: 3,
      hiddenSize: 4,
      outputSize: 2,
      weightInitStd: 1,
      rng: createRng(0),
    });
    // A network whose backprop forgets the bias gradient of the last layer.
    const broken: Network = Object.assign(Object.create(net) as Network, {
      gradient: (xx: typeof x, tt: typeof t) => {
        const g = net.gradient(xx, tt);
        return { ...g, b2: g['b2']!.clone().fill(0) };
      },
    });
    const result = gradientCheck(broken, x, t);
    expect(result.params['b2']!.maxRelDiff).toBeCloseTo(1, 6);
    expect(result.params['W1']!.maxRelDiff).toBeLessThan(1e-4);
  });

  it('rejects a bad step', () => {
    const net = new SimpleNetwork({ inputSize: 3, hiddenSize: 2, outputSize: 2 });
    expect(() => gradientCheck(net, x, t, { h: 0 })).toThrow(
      'gradientCheck: invalid h; expected a finite number > 0, got 0',
    );
  });
});

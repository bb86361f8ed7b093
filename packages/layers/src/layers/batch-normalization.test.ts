import { numericalGradient } from '@dl/calculus';
import { array, createRng, type NDArray, ones, randn, ShapeError, zeros } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeError, weightedSum } from '../internal/relative-error.js';
import { BatchNormalization } from './batch-normalization.js';

// A fixed batch; the expected numbers come from the book's BatchNormalization
// (common/layers.py) retyped in numpy, eps = 10e-7, momentum 0.9, running statistics from 0.
const x = array([
  [1, 2, -1],
  [3, 0.5, 2],
  [0, -2, 4],
  [2, 1, 0],
]);
const dout = array([
  [1, -1, 0.5],
  [0.2, 0.3, -0.7],
  [-1, 2, 1],
  [0.4, 0, 0],
]);
const gamma = () => array([1.5, 0.5, -1]);
const beta = () => array([0.1, -0.2, 0.3]);
const expectedOut = [
  [-0.5708201249219406, 0.35132267736878936, 1.471700039952844],
  [2.112460374765822, -0.15759056327932391, -0.0905666799842813],
  [-1.9124603747658218, -1.0057792976928461, -1.1320778266090314],
  [0.7708201249219405, 0.012047183603380529, 0.9509444666404687],
];
const expectedDx = [
  [1.3416400888471802, -0.0473523044536929, -0.24360766822585783],
  [-0.536655616947449, 0.02245562994705505, 0.49780701472518596],
  [-0.9391486578808204, -0.019526376475555746, -0.3098054632550558],
  [0.13416418598108937, 0.04442305098219357, 0.05560611675572764],
];

function expectClose(got: number[], want: number[], digits = 12): void {
  expect(got.length).toBe(want.length);
  want.forEach((v, i) => {
    expect(got[i]).toBeCloseTo(v, digits);
  });
}

/** The smallest variance over the batch of any feature of x viewed as [n, d]. */
function minBatchVariance(input: NDArray, n: number, d: number): number {
  let least = Number.POSITIVE_INFINITY;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += input.data[i * d + j]! / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (input.data[i * d + j]! - m) ** 2 / n;
    least = Math.min(least, v);
  }
  return least;
}

describe('BatchNormalization', () => {
  it('forward, running statistics and backward match numpy on a fixed [4, 3] batch', () => {
    const bn = new BatchNormalization(gamma(), beta());
    const out = bn.forward(x, true);
    expect(out.shape).toEqual([4, 3]);
    expectClose(Array.from(out.data), expectedOut.flat());
    // 0.9·0 + 0.1·μ and 0.1·σ² (σ² the biased variance, numpy's x.var(axis=0)).
    expectClose(Array.from(bn.runningMean.data), [0.15, 0.0375, 0.125], 14);
    expectClose(Array.from(bn.runningVar.data), [0.125, 0.2171875, 0.36875], 14);
    const dx = bn.backward(dout);
    expectClose(Array.from(dx.data), expectedDx.flat());
    expectClose(
      Array.from(bn.dgamma.data),
      [1.3416402498438813, -4.300316883476557, 0.5728311306436127],
    );
    expectClose(Array.from(bn.dbeta.data), [0.6, 1.3, 0.8], 14);
  });

  it('at test time uses the running statistics (numpy)', () => {
    const bn = new BatchNormalization(gamma(), beta());
    bn.forward(x, true);
    const out = bn.forward(array([[0.5, 1, 1]]), false);
    expectClose(Array.from(out.data), [1.5849183008304257, 0.8326480506961869, -1.140925242991467]);
    // A test-mode forward leaves the running statistics alone.
    expectClose(Array.from(bn.runningMean.data), [0.15, 0.0375, 0.125], 14);
  });

  it('normalises each feature to mean 0 and variance 1 before γ and β', () => {
    const rng = createRng(5);
    const input = randn([50, 4], rng);
    for (let i = 0; i < input.size; i++) input.data[i] = 3 + 10 * input.data[i]!;
    const out = new BatchNormalization(ones([4]), zeros([4])).forward(input);
    for (let j = 0; j < 4; j++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < 50; i++) m += out.data[i * 4 + j]! / 50;
      for (let i = 0; i < 50; i++) v += (out.data[i * 4 + j]! - m) ** 2 / 50;
      expect(Math.abs(m)).toBeLessThan(1e-12);
      expect(v).toBeCloseTo(1, 6); // 1 − ε/(σ² + ε), σ² ≈ 100
    }
  });

  it('backward agrees with the numerical gradient on [N, D] and [N, C, H, W], train and test', () => {
    fc.assert(
      // N ≥ 3: with two samples each normalised feature is ±1 whatever x is, so ∂out/∂x is of the
      // order of ε and the relative error compares rounding noise with rounding noise.
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.constantFrom<number[]>([3], [2, 2, 2], [1, 3, 2]),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, sample, train, s) => {
          const rng = createRng(s);
          const d = sample.reduce((a, b) => a * b, 1);
          const input = randn([n, ...sample], rng);
          const g = randn([d], rng);
          const b = randn([d], rng);
          const runningMean = randn([d], rng);
          const runningVar = ones([d]);
          const R = randn([n, ...sample], rng);
          // Central differences (h = 1e-4) lose digits where a feature's batch variance is tiny:
          // the error grows like h²/σ³. Such batches test the numerical gradient, not backward.
          fc.pre(minBatchVariance(input, n, d) > 0.05);
          const bn = new BatchNormalization(g, b, { runningMean, runningVar });
          bn.forward(input, train);
          const dx = bn.backward(R);
          const dgamma = bn.dgamma.clone();
          const dbeta = bn.dbeta.clone();
          // Training forwards move the running statistics but never use them, so the loss
          // below depends on x, γ and β only.
          const loss = () => weightedSum(bn.forward(input, train), R);
          expect(relativeError(dx, numericalGradient(loss, input))).toBeLessThan(1e-6);
          expect(relativeError(dgamma, numericalGradient(loss, g))).toBeLessThan(1e-6);
          expect(relativeError(dbeta, numericalGradient(loss, b))).toBeLessThan(1e-6);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports mismatched shapes, a bad momentum and backward before forward', () => {
    expect(() => new BatchNormalization(array([[1, 1]]), zeros([2]))).toThrow(
      new ShapeError(
        'BatchNormalization: gamma is not a vector; expected gamma of shape [D], got gamma=[1, 2]',
      ),
    );
    expect(() => new BatchNormalization(ones([2]), zeros([3]))).toThrow(
      'BatchNormalization: beta does not match gamma; expected [2], got [3]',
    );
    expect(() => new BatchNormalization(ones([2]), zeros([2]), { momentum: 1 })).toThrow(
      new RangeError('BatchNormalization: invalid momentum; expected a number in [0, 1), got 1'),
    );
    const bn = new BatchNormalization(ones([3]), zeros([3]));
    expect(() => bn.backward(dout)).toThrow(
      'BatchNormalization.backward: called before forward; expected forward(x) first, got no cached input',
    );
    expect(() => bn.forward(array([[1, 2]]))).toThrow(
      'BatchNormalization.forward: x does not match gamma; expected x of shape [N, 3] (or [N, C, H, W] with C·H·W = 3), got x=[1, 2]',
    );
  });
});

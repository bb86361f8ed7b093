// Every layer's backward against the numerical gradient of @dl/calculus, on random shapes and
// values (property tests): dx and each parameter gradient, relative error < 1e-6 in float64.
import { numericalGradient } from '@dl/calculus';
import { createRng, NDArray, type Rng, rand, randn } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeError, weightedSum } from '../internal/relative-error.js';
import { Affine } from './affine.js';
import { Relu } from './relu.js';
import { Sigmoid } from './sigmoid.js';
import { SoftmaxWithLoss } from './softmax-with-loss.js';

/** Uniform values in [lo, hi) of the given shape. */
function uniform(shape: number[], rng: Rng, lo: number, hi: number): NDArray {
  const a = rand(shape, rng);
  for (let i = 0; i < a.size; i++) a.data[i] = lo + (hi - lo) * a.data[i]!;
  return a;
}

const dim = fc.integer({ min: 1, max: 5 });
const seed = fc.integer({ min: 0, max: 2 ** 31 });
const TOL = 1e-6;

describe('backward agrees with numericalGradient (float64, relative error < 1e-6)', () => {
  it('Relu: dx, on random shapes, away from the kink at 0', () => {
    fc.assert(
      fc.property(fc.array(dim, { minLength: 1, maxLength: 3 }), seed, (shape, s) => {
        const rng = createRng(s);
        // |x| ≥ 0.01 so that x ± h never crosses 0, where max(0, x) has no derivative.
        const x = uniform(shape, rng, 0.01, 2);
        for (let i = 0; i < x.size; i++) if (rng.random() < 0.5) x.data[i] = -x.data[i]!;
        const R = randn(shape, rng);
        const layer = new Relu();
        layer.forward(x);
        const dx = layer.backward(R);
        const numeric = numericalGradient(() => weightedSum(new Relu().forward(x), R), x);
        expect(relativeError(dx, numeric)).toBeLessThan(TOL);
      }),
    );
  });

  it('Sigmoid: dx, on random shapes', () => {
    fc.assert(
      fc.property(fc.array(dim, { minLength: 1, maxLength: 3 }), seed, (shape, s) => {
        const rng = createRng(s);
        const x = uniform(shape, rng, -4, 4);
        const R = randn(shape, rng);
        const layer = new Sigmoid();
        layer.forward(x);
        const dx = layer.backward(R);
        const numeric = numericalGradient(() => weightedSum(new Sigmoid().forward(x), R), x);
        expect(relativeError(dx, numeric)).toBeLessThan(TOL);
      }),
    );
  });

  it('Affine: dx, dW and db, for [N, D], [D] and [N, d1, d2] inputs', () => {
    fc.assert(
      fc.property(
        dim,
        dim,
        dim,
        fc.constantFrom('batch', 'vector', 'image'),
        seed,
        (n, d, m, kind, s) => {
          const rng = createRng(s);
          const xShape = kind === 'batch' ? [n, d] : kind === 'vector' ? [d] : [n, d, 2];
          const D = kind === 'image' ? 2 * d : d;
          const x = randn(xShape, rng);
          const W = randn([D, m], rng);
          const b = randn([m], rng);
          const layer = new Affine(W, b);
          const out = layer.forward(x);
          const R = randn([...out.shape], rng);
          const dx = layer.backward(R);
          const loss = () => weightedSum(layer.forward(x), R);
          expect(relativeError(dx, numericalGradient(loss, x))).toBeLessThan(TOL);
          expect(relativeError(layer.grads['W']!, numericalGradient(loss, W))).toBeLessThan(TOL);
          expect(relativeError(layer.grads['b']!, numericalGradient(loss, b))).toBeLessThan(TOL);
        },
      ),
    );
  });

  it('SoftmaxWithLoss: dx, for integer labels and one-hot targets', () => {
    fc.assert(
      fc.property(dim, fc.integer({ min: 2, max: 5 }), fc.boolean(), seed, (n, c, oneHot, s) => {
        const rng = createRng(s);
        // Scores in [-0.5, 0.5) keep every probability ≥ 0.1, so the δ = 1e-7 inside the log
        // (which the analytic y − t leaves out) moves the gradient by less than 1e-6.
        const x = uniform([n, c], rng, -0.5, 0.5);
        const labels = new NDArray(
          Float64Array.from({ length: n }, () => rng.int(c)),
          [n],
        );
        let t: NDArray = labels;
        if (oneHot) {
          t = new NDArray(new Float64Array(n * c), [n, c]);
          for (let i = 0; i < n; i++) t.data[i * c + labels.data[i]!] = 1;
        }
        const layer = new SoftmaxWithLoss();
        layer.forward(x, t);
        const dx = layer.backward();
        const numeric = numericalGradient(() => new SoftmaxWithLoss().forward(x, t), x);
        expect(relativeError(dx, numeric)).toBeLessThan(TOL);
      }),
    );
  });

  it('a whole Affine → Relu → Affine → SoftmaxWithLoss network: every parameter', () => {
    const rng = createRng(7);
    const x = randn([4, 5], rng);
    const t = new NDArray(new Float64Array([0, 2, 1, 2]), [4]);
    const W1 = randn([5, 6], rng);
    const b1 = randn([6], rng);
    const W2 = randn([6, 3], rng);
    const b2 = randn([3], rng);
    for (const a of [W1, b1, W2, b2]) for (let i = 0; i < a.size; i++) a.data[i]! *= 0.3;
    const affine1 = new Affine(W1, b1);
    const relu = new Relu();
    const affine2 = new Affine(W2, b2);
    const last = new SoftmaxWithLoss();
    const loss = () => last.forward(affine2.forward(relu.forward(affine1.forward(x))), t);
    loss();
    affine1.backward(relu.backward(affine2.backward(last.backward())));
    const dW1 = affine1.dW.clone();
    const db1 = affine1.db.clone();
    const dW2 = affine2.dW.clone();
    const db2 = affine2.db.clone();
    expect(relativeError(dW1, numericalGradient(loss, W1))).toBeLessThan(TOL);
    expect(relativeError(db1, numericalGradient(loss, b1))).toBeLessThan(TOL);
    expect(relativeError(dW2, numericalGradient(loss, W2))).toBeLessThan(TOL);
    expect(relativeError(db2, numericalGradient(loss, b2))).toBeLessThan(TOL);
  });
});

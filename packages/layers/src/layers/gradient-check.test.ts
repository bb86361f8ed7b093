// Every layer's backward against the numerical gradient of @dl/calculus, on random shapes and
// values (property tests): dx and each parameter gradient, relative error < 1e-6 in float64.
import { numericalGradient } from '@dl/calculus';
import { createRng, NDArray, type Rng, rand, randn } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeError, weightedSum } from '../internal/relative-error.js';
import { Affine } from './affine.js';
import { Convolution } from './convolution.js';
import { Pooling } from './pooling.js';
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

/** Random geometries of a convolution or pooling window that fit: small images, strides that divide. */
const window = fc
  .record({
    n: fc.integer({ min: 1, max: 2 }),
    c: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 2, max: 6 }),
    w: fc.integer({ min: 2, max: 6 }),
    fh: fc.integer({ min: 1, max: 3 }),
    fw: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 2 }),
    pad: fc.integer({ min: 0, max: 1 }),
    seed,
  })
  .filter(
    ({ h, w, fh, fw, stride, pad }) =>
      h + 2 * pad >= fh &&
      w + 2 * pad >= fw &&
      (h + 2 * pad - fh) % stride === 0 &&
      (w + 2 * pad - fw) % stride === 0,
  );

/** Distinct values 0.05 apart, none closer than 0.025 to 0 (the padding), in random order. */
function distinct(shape: number[], rng: Rng): NDArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const order = rng.permutation(size);
  const a = new NDArray(new Float64Array(size), shape);
  for (let i = 0; i < size; i++) a.data[i] = (order[i]! - Math.floor(size / 2)) * 0.05 + 0.025;
  return a;
}

describe('Convolution and Pooling: backward agrees with numericalGradient', () => {
  it('Convolution, float64: dx, dW and db on random shapes, strides and pads (< 1e-6)', () => {
    fc.assert(
      fc.property(window, fc.integer({ min: 1, max: 3 }), (g, fn) => {
        const rng = createRng(g.seed);
        const x = randn([g.n, g.c, g.h, g.w], rng);
        const W = randn([fn, g.c, g.fh, g.fw], rng);
        const b = randn([fn], rng);
        const layer = new Convolution(W, b, { stride: g.stride, pad: g.pad });
        const out = layer.forward(x);
        const R = randn([...out.shape], rng);
        const dx = layer.backward(R);
        const loss = () => weightedSum(layer.forward(x), R);
        expect(relativeError(dx, numericalGradient(loss, x))).toBeLessThan(TOL);
        expect(relativeError(layer.dW, numericalGradient(loss, W))).toBeLessThan(TOL);
        expect(relativeError(layer.db, numericalGradient(loss, b))).toBeLessThan(TOL);
      }),
      { numRuns: 60 },
    );
  });

  it('Pooling, float64: dx on random shapes, strides and pads, overlapping windows too (< 1e-6)', () => {
    fc.assert(
      fc.property(window, (g) => {
        const rng = createRng(g.seed);
        // Distinct values 0.05 apart: x ± h never changes which element is a window's maximum.
        const x = distinct([g.n, g.c, g.h, g.w], rng);
        const layer = new Pooling(g.fh, g.fw, { stride: g.stride, pad: g.pad });
        const out = layer.forward(x);
        const R = randn([...out.shape], rng);
        const dx = layer.backward(R);
        const numeric = numericalGradient(() => weightedSum(layer.forward(x), R), x);
        expect(relativeError(dx, numeric)).toBeLessThan(TOL);
      }),
      { numRuns: 60 },
    );
  });

  it('float32: Convolution and Pooling backward agree with the float64 numerical gradient (< 1e-4)', () => {
    fc.assert(
      fc.property(window, fc.integer({ min: 1, max: 3 }), (g, fn) => {
        const rng = createRng(g.seed);
        const x = distinct([g.n, g.c, g.h, g.w], rng);
        const W = randn([fn, g.c, g.fh, g.fw], rng);
        const b = randn([fn], rng);
        const geometry = { stride: g.stride, pad: g.pad };
        const conv64 = new Convolution(W, b, geometry);
        const conv32 = new Convolution(W.astype('float32'), b.astype('float32'), geometry);
        const out = conv32.forward(x.astype('float32'));
        const R = randn([...out.shape], rng);
        const dx = conv32.backward(R.astype('float32'));
        const loss = () => weightedSum(conv64.forward(x), R);
        expect(dx.dtype).toBe('float32');
        expect(relativeError(dx.astype('float64'), numericalGradient(loss, x))).toBeLessThan(1e-4);
        expect(relativeError(conv32.dW.astype('float64'), numericalGradient(loss, W))).toBeLessThan(
          1e-4,
        );
        expect(relativeError(conv32.db.astype('float64'), numericalGradient(loss, b))).toBeLessThan(
          1e-4,
        );
        const pool32 = new Pooling(g.fh, g.fw, geometry);
        const pooled = pool32.forward(x.astype('float32'));
        const P = randn([...pooled.shape], rng);
        const pdx = pool32.backward(P.astype('float32'));
        const pool64 = new Pooling(g.fh, g.fw, geometry);
        const numeric = numericalGradient(() => weightedSum(pool64.forward(x), P), x);
        expect(relativeError(pdx.astype('float64'), numeric)).toBeLessThan(1e-4);
      }),
      { numRuns: 30 },
    );
  });

  it('a whole Convolution → Relu → Pooling → Affine → SoftmaxWithLoss network: every parameter', () => {
    const rng = createRng(11);
    const x = randn([2, 1, 6, 6], rng);
    const t = new NDArray(new Float64Array([1, 0]), [2]);
    const W1 = randn([3, 1, 3, 3], rng);
    const b1 = randn([3], rng);
    const W2 = randn([12, 2], rng);
    const b2 = randn([2], rng);
    for (const a of [W1, b1, W2, b2]) for (let i = 0; i < a.size; i++) a.data[i]! *= 0.1;
    // Small weights keep both probabilities near 1/2: the loss's log(y + 1e-7), whose δ the
    // analytic y − t leaves out, then moves the gradient by ~2e-7 (with 0.3 it was 1.2e-6 for
    // every parameter alike, whatever the step h: the δ, not the layers).
    const conv = new Convolution(W1, b1);
    const relu = new Relu();
    const pool = new Pooling(2, 2, { stride: 2 });
    const affine = new Affine(W2, b2);
    const last = new SoftmaxWithLoss();
    const loss = () => last.forward(affine.forward(pool.forward(relu.forward(conv.forward(x)))), t);
    loss();
    conv.backward(relu.backward(pool.backward(affine.backward(last.backward()))));
    const dW1 = conv.dW.clone();
    const db1 = conv.db.clone();
    const dW2 = affine.dW.clone();
    expect(relativeError(dW1, numericalGradient(loss, W1))).toBeLessThan(TOL);
    expect(relativeError(db1, numericalGradient(loss, b1))).toBeLessThan(TOL);
    expect(relativeError(dW2, numericalGradient(loss, W2))).toBeLessThan(TOL);
  });
});

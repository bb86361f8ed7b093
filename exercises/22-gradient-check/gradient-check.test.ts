import {
  array,
  createRng,
  div,
  dot,
  exp,
  log,
  map,
  max,
  mul,
  randn,
  ShapeError,
  sub,
  sum,
  zeros,
} from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { checkGradient, relativeError } from './gradient-check.js';

describe('relativeError', () => {
  test('[1, 2] vs [1, 2] → 0; [1, 2] vs [1, 2.02] → 0.02 / 4.02 = 0.004975', () => {
    expect(relativeError(array([1, 2]), array([1, 2])), 'equal gradients').toBe(0);
    expect(relativeError(array([1, 2]), array([1, 2.02])), '|2 − 2.02| / (2 + 2.02)').toBeCloseTo(
      0.02 / 4.02,
      12,
    );
  });

  test('[0, 1e-12] vs [0, 0] → 1e-4 (the 1e-8 floor avoids 0 / 0)', () => {
    // |1e-12 − 0| / max(1e-12, 1e-8) = 1e-4
    expect(relativeError(array([0, 1e-12]), array([0, 0])), 'no NaN when both are 0').toBeCloseTo(
      1e-4,
      12,
    );
  });

  test('shapes [2, 3] vs [3, 2] → ShapeError', () => {
    expect(
      () => relativeError(zeros([2, 3]), zeros([3, 2])),
      'a transposed gradient is a bug',
    ).toThrow(ShapeError);
    expect(() => relativeError(zeros([2, 3]), zeros([3, 2]))).toThrow(
      'got analytic=[2, 3], numeric=[3, 2]',
    );
  });
});

describe('checkGradient', () => {
  test('f = Σ x³ with the right gradient 3x² → error < 1e-7', () => {
    const x = array([
      [0.5, -1.2],
      [2, 0.3],
    ]);
    const f = () => sum(map(x, (v) => v ** 3));
    const err = checkGradient(
      f,
      x,
      map(x, (v) => 3 * v * v),
    );
    expect(err, 'a correct gradient agrees to ~1e-10').toBeLessThan(1e-7);
  });

  test('f = Σ x³ with a wrong gradient 3x → error > 1e-2 (the check must complain)', () => {
    const x = array([
      [0.5, -1.2],
      [2, 0.3],
    ]);
    const f = () => sum(map(x, (v) => v ** 3));
    expect(
      checkGradient(
        f,
        x,
        map(x, (v) => 3 * v),
      ),
      'a gradient check that never complains is useless: compare with the numerical gradient',
    ).toBeGreaterThan(1e-2);
  });

  test('softmax cross-entropy of x·W: backprop dW = xᵀ(y − t)/N passes, dW without /N fails', () => {
    const rng = createRng(7);
    const xin = randn([4, 3], rng);
    const W = randn([3, 5], rng);
    const t = zeros([4, 5]);
    for (let i = 0; i < 4; i++) t.set(i, i % 5, 1);
    const probs = () => {
      const a = dot(xin, W);
      const e = exp(sub(a, max(a, { axis: 1, keepdims: true })));
      return div(e, sum(e, { axis: 1, keepdims: true }));
    };
    const loss = () => -sum(mul(t, log(probs()))) / 4; // exact: its gradient is xᵀ(y − t)/N
    const good = div(dot(xin.T, sub(probs(), t)), 4);
    const bad = dot(xin.T, sub(probs(), t));
    expect(checkGradient(loss, W, good), 'the correct backward pass').toBeLessThan(1e-6);
    expect(checkGradient(loss, W, bad), 'a forgotten / N is caught').toBeGreaterThan(1e-2);
    expect(Array.from(W.data).every(Number.isFinite), 'W is restored').toBe(true);
  });
});

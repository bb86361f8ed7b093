import { array } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose } from '../runner/testing.js';
import { RMSprop } from './rmsprop.js';

// Expected numbers: the book's RMSprop (common/optimizer.py, lr 0.01, decay_rate 0.99) run in
// numpy on the same parameters and gradients.
const g1 = () => ({ W: array([[0.5, -1, 2]]), b: array([0.3]) });
const g2 = () => ({ W: array([[0.4, 1, -1]]), b: array([0.3]) });

describe('RMSprop.update', () => {
  test('one step: h = 0.01·g², W moves by lr·g/√h = 0.1 against the sign of g', () => {
    const W = array([[1, -2, 0.5]]);
    const b = array([0.1]);
    const opt = new RMSprop();
    opt.update({ W, b }, g1());
    expectClose(
      Array.from(opt.h['W'] ?? []),
      [0.0025, 0.01, 0.04],
      'h = ρ·0 + (1 − ρ)·g² = 0.01·[0.25, 1, 4]',
      1e-12,
    );
    expectClose(
      W,
      [[0.9000001999996, -1.9000000999999, 0.40000004999997507]],
      'W − lr·g / (√h + 1e-7): the first step is lr·g/(0.1·|g|) = 0.1 whatever the size of g',
      1e-12,
    );
    expectClose(b, [3.3333222226872294e-7], 'b after one step', 1e-12);
  });

  test('two steps: the mean of the squares decays (numpy values)', () => {
    const W = array([[1, -2, 0.5]]);
    const b = array([0.1]);
    const opt = new RMSprop(0.01, 0.99);
    opt.update({ W, b }, g1());
    opt.update({ W, b }, g2());
    expectClose(
      Array.from(opt.h['W'] ?? []),
      [0.004075, 0.0199, 0.0496],
      'h = 0.99·h + 0.01·g², e.g. 0.99·0.0025 + 0.01·0.16 = 0.004075',
      1e-12,
    );
    expectClose(
      W,
      [[0.837339462159919, -1.970888170249513, 0.4449013553453875]],
      'W after two steps',
      1e-12,
    );
    expectClose(b, [-0.07088761966481949], 'b after two steps', 1e-12);
  });

  test('changes the parameter arrays in place (the layers hold these very arrays)', () => {
    const W = array([[1, -2, 0.5]]);
    const params = { W };
    new RMSprop().update(params, { W: array([[1, 1, 1]]) });
    expect(params.W, 'params.W is still the same NDArray object').toBe(W);
    expect(W.get(0, 0), 'and that object holds the new value').toBeLessThan(1);
  });

  test('a small gradient moves as far as a large one at the first step (adaptive scale)', () => {
    const a = array([0]);
    const c = array([0]);
    new RMSprop(0.01).update({ a, c }, { a: array([1e-2]), c: array([1e3]) });
    expect(a.get(0), 'a small gradient moves by ≈ lr/√(1 − ρ) = 0.1').toBeCloseTo(-0.1, 4);
    expect(c.get(0), 'a large one too').toBeCloseTo(-0.1, 4);
  });
});

import { array, type NDArray, ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { gradientDescent } from './gradient-descent.js';

const f = (x: NDArray) => x.get(0) ** 2 + x.get(1) ** 2;

describe('gradientDescent', () => {
  it('walks f(x0, x1) = x0² + x1² from (−3, 4) to the minimum (0, 0)', () => {
    const init = array([-3, 4]);
    const { x, history } = gradientDescent(f, init, { lr: 0.1, steps: 100 });
    // Each step multiplies x by (1 − 2η) = 0.8, so x = (−3, 4)·0.8¹⁰⁰ = (−6.11e-10, 8.15e-10).
    expect(x.get(0)).toBeCloseTo(-3 * 0.8 ** 100, 15);
    expect(x.get(1)).toBeCloseTo(4 * 0.8 ** 100, 15);
    expect(history).toHaveLength(101);
    expect(history[0]!.toArray()).toEqual([-3, 4]);
    expect(history[100]!.toArray()).toEqual(x.toArray());
    expect(history[1]!.get(0)).toBeCloseTo(-2.4, 9); // −3 − 0.1·(−6)
    expect(init.toArray()).toEqual([-3, 4]); // the start is not modified
  });

  it('uses an analytic gradient when given one, and accepts number[]', () => {
    const { x } = gradientDescent(f, [1, 1], {
      lr: 0.25,
      steps: 1,
      gradient: (p) => array([2 * p.get(0), 2 * p.get(1)]),
    });
    expect(x.toArray()).toEqual([0.5, 0.5]); // 1 − 0.25·2
  });

  it('barely moves with a tiny learning rate and diverges with a huge one (학습률)', () => {
    const slow = gradientDescent(f, [-3, 4], { lr: 1e-10, steps: 100 });
    expect(slow.x.get(0)).toBeCloseTo(-3, 6);
    const grad = (p: NDArray) => array([2 * p.get(0), 2 * p.get(1)]);
    // With η = 10 each step multiplies x by (1 − 20) = −19: it overflows after about 240 steps.
    expect(() => gradientDescent(f, [-3, 4], { lr: 10, steps: 400, gradient: grad })).toThrow(
      /gradientDescent: gradient is not finite at step \d+; expected finite values \(try a smaller lr\), got -?Infinity/,
    );
  });

  it('rejects bad options with messages naming them', () => {
    for (const lr of [0, -0.1, Number.NaN]) {
      expect(() => gradientDescent(f, [1, 1], { lr, steps: 1 })).toThrow(
        `gradientDescent: invalid lr; expected a finite number > 0, got ${lr}`,
      );
    }
    expect(() => gradientDescent(f, [1, 1], { lr: 0.1, steps: 1.5 })).toThrow(
      'gradientDescent: invalid steps; expected an integer >= 0, got 1.5',
    );
    expect(() =>
      gradientDescent(f, [1, 1], { lr: 0.1, steps: 1, gradient: () => array([1, 2, 3]) }),
    ).toThrow(
      new ShapeError('gradientDescent: gradient does not match x; expected shape [2], got [3]'),
    );
    expect(() => gradientDescent(f, 'x' as unknown as number[], { lr: 0.1, steps: 1 })).toThrow(
      'gradientDescent: init is not an array; expected an NDArray or number[], got string',
    );
  });
});

import { numericalGradient } from '@dl/calculus';
import { array, createRng, randn, ShapeError } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeError, weightedSum } from '../internal/relative-error.js';
import { Dropout } from './dropout.js';

describe('Dropout', () => {
  it('in training keeps exactly the units whose uniform draw exceeds the ratio', () => {
    const x = array([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]);
    // The mask the layer must draw: the same seeded generator, one draw per element, kept when
    // draw > ratio (the book's `np.random.rand(*x.shape) > self.dropout_ratio`).
    const draws = createRng(3);
    const expected = Array.from(x.data, (v) => (draws.random() > 0.4 ? v : 0));
    const layer = new Dropout({ dropoutRatio: 0.4, rng: createRng(3) });
    const out = layer.forward(x, true);
    expect(Array.from(out.data)).toEqual(expected);
    expect(x.toArray()).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]);
    const dx = layer.backward(
      array([
        [1, 1, 1, 1, 1],
        [2, 2, 2, 2, 2],
      ]),
    );
    expect(Array.from(dx.data)).toEqual(expected.map((v, i) => (v === 0 ? 0 : i < 5 ? 1 : 2)));
  });

  it('drops about the ratio of 10,000 units, and a fresh mask each call', () => {
    const layer = new Dropout({ dropoutRatio: 0.3, rng: createRng(0) });
    const x = array(Array.from({ length: 10_000 }, () => 1));
    const a = layer.forward(x, true);
    const b = layer.forward(x, true);
    const dropped = a.data.filter((v) => v === 0).length / 10_000;
    // Binomial(10000, 0.3): standard deviation √(10000·0.3·0.7) ≈ 46, so ±0.02 is > 4 σ.
    expect(Math.abs(dropped - 0.3)).toBeLessThan(0.02);
    expect(Array.from(a.data)).not.toEqual(Array.from(b.data));
  });

  it('at test time scales by 1 − ratio, forward and backward (hand-computed)', () => {
    const layer = new Dropout({ dropoutRatio: 0.25, rng: createRng(0) });
    // 0.75 · [2, -4, 8] = [1.5, -3, 6]
    expect(layer.forward(array([[2, -4, 8]]), false).toArray()).toEqual([[1.5, -3, 6]]);
    expect(layer.backward(array([[4, 4, 4]])).toArray()).toEqual([[3, 3, 3]]);
  });

  it('is seeded: the same seed drops the same units', () => {
    const x = randn([4, 6], createRng(1));
    const a = new Dropout({ rng: createRng(9) }).forward(x);
    const b = new Dropout({ rng: createRng(9) }).forward(x);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('backward agrees with the numerical gradient for a fixed mask (float64, < 1e-6)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        (n, d, s, train) => {
          const rng = createRng(s);
          const x = randn([n, d], rng);
          const R = randn([n, d], rng);
          const layer = new Dropout({ dropoutRatio: 0.5, rng: createRng(s + 1) });
          layer.forward(x, train);
          const dx = layer.backward(R);
          // The mask is a constant of the loss: replay the same draws for every evaluation.
          const loss = () =>
            weightedSum(
              new Dropout({ dropoutRatio: 0.5, rng: createRng(s + 1) }).forward(x, train),
              R,
            );
          expect(relativeError(dx, numericalGradient(loss, x))).toBeLessThan(1e-6);
        },
      ),
    );
  });

  it('rejects a ratio outside [0, 1), a missing rng, and bad backward calls', () => {
    const rng = createRng(0);
    expect(() => new Dropout({ dropoutRatio: 1, rng })).toThrow(
      new RangeError('Dropout: invalid dropoutRatio; expected a number in [0, 1), got 1'),
    );
    expect(() => new Dropout({ dropoutRatio: -0.1, rng })).toThrow(
      'Dropout: invalid dropoutRatio; expected a number in [0, 1), got -0.1',
    );
    expect(() => new Dropout({} as never)).toThrow(
      new TypeError(
        'Dropout: no random generator; expected options.rng from createRng(seed), got undefined',
      ),
    );
    const layer = new Dropout({ rng });
    expect(() => layer.backward(array([1]))).toThrow(
      'Dropout.backward: called before forward; expected forward(x) first, got no cached mask',
    );
    layer.forward(array([[1, 2]]));
    expect(() => layer.backward(array([1, 2]))).toThrow(
      new ShapeError(
        'Dropout.backward: dout shape differs from the forward output; expected [1, 2], got [2]',
      ),
    );
  });
});

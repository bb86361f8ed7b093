import { array, createRng, NDArray } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose } from '../runner/testing.js';
import { Dropout } from './dropout.js';

const x = () =>
  array([
    [1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10],
  ]);

/** The mask the layer must draw: the same seed, one draw per element, kept when draw > ratio. */
function expectedMask(seed: number, n: number, ratio: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => (rng.random() > ratio ? 1 : 0));
}

describe('Dropout.forward in training (trainFlg = true)', () => {
  test('keeps exactly the elements whose draw is above the ratio, in order', () => {
    const input = x();
    const layer = new Dropout(0.4, createRng(3));
    const out = layer.forward(input, true);
    const mask = expectedMask(3, 10, 0.4);
    expectClose(
      out,
      [mask.slice(0, 5).map((m, i) => m * (i + 1)), mask.slice(5).map((m, i) => m * (i + 6))],
      'x ⊙ mask with mask = (rng.random() > ratio), one draw per element in row-major order',
      0,
    );
  });

  test('drops about the ratio of 20,000 units (0.2 → 20 %, not 80 %)', () => {
    const layer = new Dropout(0.2, createRng(0));
    const out = layer.forward(new NDArray(new Float64Array(20_000).fill(1), [20_000]), true);
    const dropped = out.data.filter((v) => v === 0).length / 20_000;
    // Binomial(20000, 0.2): standard deviation ≈ 0.003, so ±0.02 is far beyond chance.
    expect(Math.abs(dropped - 0.2), `dropped fraction ${dropped}, expected ≈ 0.2`).toBeLessThan(
      0.02,
    );
  });

  test('leaves its input unchanged and draws a new mask each call', () => {
    const input = x();
    const layer = new Dropout(0.5, createRng(1));
    const a = layer.forward(input, true);
    const b = layer.forward(input, true);
    expectClose(input, x().toArray() as number[][], 'x itself is not modified by forward', 0);
    expect(Array.from(a.data), 'two training passes use two different masks').not.toEqual(
      Array.from(b.data),
    );
  });
});

describe('Dropout at test time (trainFlg = false)', () => {
  test('keeps every unit and scales by 1 − ratio: 0.75 · [2, −4, 8] = [1.5, −3, 6]', () => {
    const layer = new Dropout(0.25, createRng(0));
    expectClose(
      layer.forward(array([[2, -4, 8]]), false),
      [[1.5, -3, 6]],
      'x · (1 − ratio), so the next layer sees on average what it saw in training',
      1e-12,
    );
  });
});

describe('Dropout.backward', () => {
  test('passes dout where the unit was kept and 0 where it was dropped', () => {
    const layer = new Dropout(0.4, createRng(3));
    layer.forward(x(), true);
    const dx = layer.backward(
      array([
        [1, 1, 1, 1, 1],
        [2, 2, 2, 2, 2],
      ]),
    );
    const mask = expectedMask(3, 10, 0.4);
    expectClose(
      dx,
      [mask.slice(0, 5), mask.slice(5).map((m) => 2 * m)],
      'dx = dout ⊙ mask (a dropped unit had no effect on the loss)',
      0,
    );
  });
});

import { SimpleNetwork } from '@dl/network';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundFloat16, roundWeightsFloat16 } from './half-precision.js';

describe('roundFloat16', () => {
  it('matches numpy: np.array([...]).astype(np.float16).astype(np.float64)', () => {
    // Printed by numpy 2.4 on this machine.
    const cases: [number, number][] = [
      [0.1, 0.0999755859375],
      [1 / 3, 0.333251953125],
      [-2.5e-3, -0.0025005340576171875],
      [65504, 65504],
      [70000, Number.POSITIVE_INFINITY],
      [1e-6, 1.0132789611816406e-6],
      [6.1e-5, 6.097555160522461e-5],
      [0.000123, 0.00012302398681640625],
      [Math.PI, 3.140625],
    ];
    for (const [x, want] of cases) expect(roundFloat16(x), `roundFloat16(${x})`).toBe(want);
    expect(Object.is(roundFloat16(-0), -0)).toBe(true);
  });

  it('rounds ties to even and keeps float16 numbers unchanged', () => {
    expect(roundFloat16(1 + 2 ** -11)).toBe(1); // halfway between 1 and 1 + 2⁻¹⁰: even is 1
    expect(roundFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9); // halfway: even is 1 + 2·2⁻¹⁰
    fc.assert(
      fc.property(
        fc.integer({ min: -2048, max: 2048 }),
        fc.integer({ min: -24, max: 4 }),
        (m, e) => {
          const x = m * 2 ** e; // at most 11 significant bits, within float16's range
          expect(roundFloat16(x)).toBe(x);
        },
      ),
    );
  });

  it('roundWeightsFloat16 moves each weight by at most half a float16 step', () => {
    const net = new SimpleNetwork({ hiddenSize: 5 });
    const before = Object.values(net.params).map((p) => Array.from(p.data));
    const worst = roundWeightsFloat16(net);
    Object.values(net.params).forEach((p, k) => {
      p.data.forEach((v, i) => {
        const b = before[k]![i]!;
        expect(Math.abs(v - b)).toBeLessThanOrEqual(Math.abs(b) * 2 ** -11 + 2 ** -25);
      });
    });
    expect(worst).toBeGreaterThan(0);
  });
});

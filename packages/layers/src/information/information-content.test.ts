import { describe, expect, it } from 'vitest';
import { informationContent } from './information-content.js';

describe('informationContent', () => {
  it("gives the lecture's football example: −log 0.9 = 0.1054, −log 0.1 = 2.3026, ratio 21.85", () => {
    // numpy: -np.log(0.9) = 0.10536051565782628, -np.log(0.1) = 2.3025850929940455
    expect(informationContent(0.9)).toBeCloseTo(0.10536051565782628, 15);
    expect(informationContent(0.1)).toBeCloseTo(Math.LN10, 15); // = 2.3025850929940455
    expect(informationContent(0.1) / informationContent(0.9)).toBeCloseTo(21.85, 2);
    expect(informationContent(1)).toBe(-0);
    expect(informationContent(0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects a number that is not a probability', () => {
    for (const p of [-0.1, 1.5, Number.NaN]) {
      expect(() => informationContent(p)).toThrow(
        new RangeError(
          `informationContent: p is not a probability; expected a number in [0, 1], got ${p}`,
        ),
      );
    }
  });
});

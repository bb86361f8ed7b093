/**
 * The information content (정보량, surprise) of an event of probability p: −log p, in nats.
 *
 * The lecture's football example: a 90 % favourite winning carries −log 0.9 = 0.1054, the 10 %
 * underdog winning −log 0.1 = 2.3026, about 21.85 times the surprise, not 9 times.
 *
 * @param p - a probability in [0, 1]
 * @returns −ln p (Infinity for p = 0)
 * @throws RangeError when p is not a number in [0, 1]
 * @example
 * ```ts
 * import { informationContent } from '@dl/layers';
 * informationContent(0.9); // 0.10536051565782628
 * informationContent(0.1); // 2.3025850929940455
 * ```
 */
export function informationContent(p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new RangeError(
      `informationContent: p is not a probability; expected a number in [0, 1], got ${String(p)}`,
    );
  }
  return -Math.log(p);
}

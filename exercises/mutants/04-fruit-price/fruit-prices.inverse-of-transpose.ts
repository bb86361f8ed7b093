// Known-wrong answer (CI: the tests must catch it): inverts Aᵀ (days and fruits swapped): right only for a symmetric A
import { array, dot, inv, type NDArray } from '@dl/linalg';

/** A system of price equations `A · x = B`: one row per receipt, one column per fruit. */
export interface PriceSystem {
  /** Counts bought: `A[day][fruit]`. */
  A: NDArray;
  /** Totals paid, a column `[days, 1]`. */
  B: NDArray;
}

/**
 * The lecture's 2×2 example: tangerine + apple = 1,100 won; 2 tangerines + 3 apples = 2,800 won.
 *
 * @returns `{ A: [[1, 1], [2, 3]], B: [[1100], [2800]] }`
 */
export function twoFruitSystem(): PriceSystem {
  return {
    A: array([
      [1, 1],
      [2, 3],
    ]),
    B: array([[1100], [2800]]),
  };
}

/**
 * Exercise 8-1: grapes, tangerines, apples and pears over four days.
 *
 * @returns `A` (4×4 counts, columns grapes, tangerines, apples, pears) and `B` (4×1 totals)
 */
export function fourFruitSystem(): PriceSystem {
  return {
    A: array([
      [1, 1, 1, 1], // day 1: one of each, 2,350 won
      [5, 2, 4, 7], // day 2: 10,600 won
      [0, 1, 1, 2], // day 3: no grapes, 2,450 won
      [5, 2, 2, 3], // day 4: 6,800 won
    ]),
    B: array([[2350], [10600], [2450], [6800]]),
  };
}

/**
 * Solves `A · x = B` for the prices `x` with the inverse matrix.
 *
 * @param A - square counts matrix `[n, n]`
 * @param B - totals `[n, 1]`
 * @returns `x` with shape `[n, 1]`
 * @throws LinAlgError when `A` is singular (from `inv`)
 */
export function solvePrices(A: NDArray, B: NDArray): NDArray {
  // A⁻¹ · A · x = A⁻¹ · B  ⇒  x = A⁻¹ · B (the inverse goes on the left, where A was)
  return dot(inv(A.T), B);
}

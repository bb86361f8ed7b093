import { array, type NDArray, zeros } from '@dl/linalg';

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
  // TODO: write the four receipts of the story as the rows of A, and the totals as the column B
  return { A: zeros([4, 4]), B: zeros([4, 1]) };
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
  // TODO: x = A⁻¹ · B (use inv and dot from @dl/linalg)
  void A;
  return zeros(B.shape);
}

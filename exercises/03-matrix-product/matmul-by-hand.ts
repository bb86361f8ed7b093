import { mul, type NDArray } from '@dl/linalg';

/**
 * The matrix product `A · B` of two 2-D arrays, computed with loops.
 *
 * @param A - shape `[n, k]`
 * @param B - shape `[k, m]`
 * @returns `C` with shape `[n, m]`, `C[i][j] = Σ_p A[i][p] · B[p][j]`
 * @throws ShapeError when the inner dimensions differ
 */
export function matmulByHand(A: NDArray, B: NDArray): NDArray {
  // TODO: this multiplies matching entries (the element-wise product), which is not A · B.
  // Sum row i of A times column j of B for every (i, j); check the shapes first.
  return mul(A, B);
}

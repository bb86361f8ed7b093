// Known-wrong answer (CI: the tests must catch it): the inner loop stops at k − 1, so the last term of each sum is missing
import { formatShape, type NDArray, ShapeError, zeros } from '@dl/linalg';

/**
 * The matrix product `A · B` of two 2-D arrays, computed with loops.
 *
 * @param A - shape `[n, k]`
 * @param B - shape `[k, m]`
 * @returns `C` with shape `[n, m]`, `C[i][j] = Σ_p A[i][p] · B[p][j]`
 * @throws ShapeError when the inner dimensions differ
 */
export function matmulByHand(A: NDArray, B: NDArray): NDArray {
  if (A.ndim !== 2 || B.ndim !== 2 || A.shape[1] !== B.shape[0]) {
    throw new ShapeError(
      `matmulByHand: inner dimensions differ; expected A.shape[1] === B.shape[0], got A=${formatShape(A.shape)}, B=${formatShape(B.shape)}`,
    );
  }
  const [n = 0, k = 0] = A.shape;
  const m = B.shape[1] ?? 0;
  const C = zeros([n, m]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k - 1; p++) s += A.get(i, p) * B.get(p, j); // row i · column j
      C.set(i, j, s);
    }
  }
  return C;
}

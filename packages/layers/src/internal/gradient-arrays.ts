import { allocate, allocateResident, isResident, NDArray } from '@dl/linalg';

/**
 * A zero array to hold the gradient of parameter `p`: its shape and dtype, resident in the
 * kernels' memory when `p` is (so that the optimiser's step and backward's products work on both
 * in place, with no copies; see allocateResident).
 * @internal
 */
export function gradientFor(p: NDArray): NDArray {
  const alloc = isResident(p.data) ? allocateResident : allocate;
  return new NDArray(alloc(p.dtype, p.size), p.shape);
}

/**
 * db = Σ dout over the rows of `dout2` `[rows, M]`, written into `db` `[M]`: a bias added to
 * every row receives the gradient of every row.
 * @internal
 */
export function sumRowsInto(db: NDArray, dout2: NDArray): void {
  const m = db.size;
  const out = db.data;
  out.fill(0);
  const gd = dout2.data;
  for (let row = 0; row < gd.length; row += m) {
    for (let j = 0; j < m; j++) out[j] = out[j]! + gd[row + j]!;
  }
}

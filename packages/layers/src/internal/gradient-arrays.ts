import { allocate, allocateResident, isResident, NDArray, sum } from '@dl/linalg';

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
 * db = Σ dout over the rows of `dout2` `[rows, M]` (np.sum(dout, axis=0)), written into `db` `[M]`:
 * a bias added to every row receives the gradient of every row. Written into `db` rather than
 * returned, so that a resident db stays where the optimiser reads it.
 * @internal
 */
export function sumRowsInto(db: NDArray, dout2: NDArray): void {
  db.data.set(sum(dout2, { axis: 0 }).data);
}

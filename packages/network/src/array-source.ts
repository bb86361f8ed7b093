import { formatShape, NDArray, ShapeError } from '@dl/linalg';
import type { BatchSource } from './evaluate.js';

/**
 * A {@link BatchSource} over arrays already in memory: row `i` of `x` with label `t[i]`.
 * Handy for small experiments and tests; for MNIST use `@dl/data`'s `Dataset`, which converts
 * bytes to floats one batch at a time.
 *
 * @param x - inputs `[N, …]`
 * @param t - labels `[N]` or one-hot `[N, C]`
 * @returns a source whose `batch(indices)` copies the chosen rows
 * @throws ShapeError when `x` and `t` have different numbers of rows
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { arraySource } from '@dl/network';
 * const source = arraySource(array([[0, 1], [1, 0], [1, 1]]), array([1, 0, 1]));
 * source.batch(new Int32Array([2, 0])).x.toArray(); // [[1, 1], [0, 1]]
 * ```
 */
export function arraySource(x: NDArray, t: NDArray): BatchSource {
  const n = x.shape[0] ?? 0;
  if (x.ndim < 1 || t.ndim < 1 || t.shape[0] !== n) {
    throw new ShapeError(
      `arraySource: x and t differ in rows; expected x.shape[0] === t.shape[0], got x=${formatShape(x.shape)}, t=${formatShape(t.shape)}`,
    );
  }
  const take = (a: NDArray, indices: ArrayLike<number>): NDArray => {
    const row = n === 0 ? 0 : a.size / n;
    const out = new (a.data.constructor as Float64ArrayConstructor)(indices.length * row);
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i]!;
      out.set(a.data.subarray(r * row, (r + 1) * row), i * row);
    }
    return new NDArray(out, [indices.length, ...a.shape.slice(1)]);
  };
  return { length: n, batch: (indices) => ({ x: take(x, indices), t: take(t, indices) }) };
}

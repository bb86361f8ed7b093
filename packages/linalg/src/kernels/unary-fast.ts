import { allocate } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { sameShape } from '../shape.js';

/** The element-wise functions that {@link unaryFast} has plain loops for. */
export type FastUnaryOp = 'exp' | 'log' | 'sqrt' | 'abs';

/**
 * `Math.exp` (or log, sqrt, abs) of every element as a plain loop, so that V8 inlines the call
 * (through `map` the call site sees every function and is not inlined). An `out` of the wrong
 * shape gives `undefined`, and the caller uses `map`, which reports the error.
 *
 * @param op - `exp`, `log`, `sqrt` or `abs`
 * @param a - the input
 * @param out - optional array of the same shape to write into
 * @returns the result, or `undefined` when `out` does not fit
 */
export function unaryFast(op: FastUnaryOp, a: NDArray, out?: NDArray): NDArray | undefined {
  if (out && !sameShape(out.shape, a.shape)) return undefined;
  const result = out ?? new NDArray(allocate(a.dtype, a.size), a.shape);
  const x = a.data;
  const r = result.data;
  const n = x.length;
  switch (op) {
    case 'exp':
      for (let i = 0; i < n; i++) r[i] = Math.exp(x[i]!);
      break;
    case 'log':
      for (let i = 0; i < n; i++) r[i] = Math.log(x[i]!);
      break;
    case 'sqrt':
      for (let i = 0; i < n; i++) r[i] = Math.sqrt(x[i]!);
      break;
    case 'abs':
      for (let i = 0; i < n; i++) r[i] = Math.abs(x[i]!);
      break;
  }
  return result;
}

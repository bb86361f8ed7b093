import { type NDArray, NDIter, zerosLike } from '@dl/linalg';
import { checkFunction, checkStep, checkValue } from './checks.js';

/** Options of {@link numericalGradient}. */
export interface NumericalGradientOptions {
  /** The step h (default `1e-4`, the lecture's value). Must be finite and > 0. */
  h?: number;
}

/**
 * The gradient of a scalar function with respect to every element of an array, by central
 * differences, exactly as the lecture's nditer code computes it (nditer 편미분 코드).
 *
 * Each element `x[idx]` is visited with an {@link NDIter}, set to `tmp + h`, then to `tmp − h`,
 * `f` is evaluated each time, and `(f₊ − f₋) / (2h)` is stored at `idx`; then `x[idx]` is put
 * back. Because `x` is changed *in place*, `f` may ignore its argument and read `x` through a
 * closure, which is how a network's loss sees its own weight arrays: `numericalGradient(() =>
 * net.loss(x, t), net.params.W1)`.
 *
 * Every element of `x` is restored bit for bit afterwards, also when `f` throws. When x is float32,
 * `tmp ± h` is rounded to float32, so the quotient divides by the step actually stored, not by 2h.
 *
 * @param f - the function, called as `f(x)`; a zero-argument closure is fine
 * @param x - the array to differentiate with respect to (any shape; changed during the call)
 * @param options - `{ h = 1e-4 }`
 * @returns a new array of x's shape and dtype holding ∂f/∂x
 * @throws RangeError when h is not a finite number > 0, f returns NaN, or x ± h rounds back to x
 * @throws TypeError when f is not a function, x is not an NDArray, or f returns a non-number
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { numericalGradient } from '@dl/calculus';
 * const x = array([3, 4]);
 * numericalGradient((v) => v.get(0) ** 2 + v.get(1) ** 2, x).toArray(); // ≈ [6, 8]
 * ```
 */
export function numericalGradient(
  f: (() => number) | ((x: NDArray) => number),
  x: NDArray,
  options: NumericalGradientOptions = {},
): NDArray {
  const op = 'numericalGradient';
  checkFunction(op, f);
  if (x === null || typeof x !== 'object' || !('data' in x) || !('shape' in x)) {
    throw new TypeError(`${op}: x is not an NDArray; expected an NDArray, got ${typeof x}`);
  }
  const h = checkStep(op, options.h ?? 1e-4);
  const grad = zerosLike(x);
  const data = x.data;
  const it = new NDIter(x);
  while (!it.finished) {
    const i = it.index;
    const tmp = data[i]!;
    try {
      data[i] = tmp + h;
      const xPlus = data[i]!;
      const fPlus = checkValue(op, f(x), `index ${formatIndex(it.multiIndex)} + h`);
      data[i] = tmp - h;
      const xMinus = data[i]!;
      const fMinus = checkValue(op, f(x), `index ${formatIndex(it.multiIndex)} - h`);
      if (xPlus === xMinus) {
        throw new RangeError(
          `${op}: step h vanishes at index ${formatIndex(it.multiIndex)}; expected x ± h to differ from x, got x=${tmp}, h=${h} (use a larger h)`,
        );
      }
      // In float64 xPlus − xMinus is 2h up to one rounding; in float32 it is the step really taken.
      grad.data[i] = (fPlus - fMinus) / (xPlus - xMinus);
    } finally {
      data[i] = tmp;
    }
    it.iternext();
  }
  return grad;
}

function formatIndex(idx: readonly number[]): string {
  return `[${idx.join(', ')}]`;
}

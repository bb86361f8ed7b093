// Known-wrong answer (CI: the tests must catch it): reports the mean error over the elements instead of the worst one, so one bad entry hides among good ones
import { formatShape, type NDArray, NDIter, ShapeError, zerosLike } from '@dl/linalg';

/**
 * The largest element-wise relative difference `|a − n| / max(|a| + |n|, 1e-8)`.
 *
 * @param analytic - the gradient from backpropagation
 * @param numeric - the numerical gradient, same shape
 * @returns a number >= 0; about 1e-7 or less when the two agree
 * @throws ShapeError when the shapes differ
 */
export function relativeError(analytic: NDArray, numeric: NDArray): number {
  const a = analytic.shape;
  const n = numeric.shape;
  if (a.length !== n.length || a.some((d, i) => d !== n[i])) {
    throw new ShapeError(
      `relativeError: shapes differ; expected analytic.shape equal to numeric.shape, got analytic=${formatShape(a)}, numeric=${formatShape(n)}`,
    );
  }
  let worst = 0;
  for (let i = 0; i < analytic.data.length; i++) {
    const x = analytic.data[i]!;
    const y = numeric.data[i]!;
    // relative, so tiny and huge gradients are judged alike; 1e-8 avoids 0 / 0
    const err = Math.abs(x - y) / Math.max(Math.abs(x) + Math.abs(y), 1e-8);
    worst += err;
  }
  return worst / analytic.data.length;
}

/**
 * Compares an analytic gradient with the numerical gradient of `f()` with respect to `x`.
 *
 * @param f - the loss, a function of no arguments that reads `x`
 * @param x - the parameters; unchanged afterwards
 * @param analytic - the gradient to check, the shape of `x`
 * @param h - the step of the central differences
 * @returns {@link relativeError} of `analytic` against the numerical gradient
 * @throws ShapeError when `analytic` does not have the shape of `x`
 */
export function checkGradient(f: () => number, x: NDArray, analytic: NDArray, h = 1e-5): number {
  const numeric = zerosLike(x);
  const it = new NDIter(x);
  while (!it.finished) {
    const tmp = it.value;
    it.value = tmp + h;
    const fxh2 = f();
    it.value = tmp - h;
    const fxh1 = f();
    it.value = tmp;
    numeric.data[it.index] = (fxh2 - fxh1) / (2 * h);
    it.iternext();
  }
  return relativeError(analytic, numeric);
}

// Known-wrong answer (CI: the tests must catch it): a forward difference (f(x + h) − f(x)) / h instead of the central one: an error of about h
import { type NDArray, NDIter, zerosLike } from '@dl/linalg';

/**
 * The gradient of `f()` with respect to every element of `x`, by central differences, nditer style:
 * `f` reads `x` itself (it closes over it), so `x` is changed in place and restored.
 *
 * @param f - the loss, a function of no arguments that reads `x`
 * @param x - the parameters; unchanged when the function returns
 * @param h - the step, default 1e-4
 * @returns an array of the shape of `x` with `∂f/∂x[idx]`
 */
export function numericalGradient(f: () => number, x: NDArray, h = 1e-4): NDArray {
  const grad = zerosLike(x);
  const it = new NDIter(x);
  while (!it.finished) {
    const tmp = it.value;
    it.value = tmp + h;
    const fxh2 = f(); // f(x + h)
    it.value = tmp;
    const fxh1 = f(); // f(x)
    grad.data[it.index] = (fxh2 - fxh1) / h;
    it.value = tmp; // restore, or every later element is measured at a shifted point
    it.iternext();
  }
  return grad;
}

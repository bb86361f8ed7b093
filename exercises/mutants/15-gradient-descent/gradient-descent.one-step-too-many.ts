// Known-wrong answer (CI: the tests must catch it): the loop runs stepNum + 1 times (i <= stepNum)
import { mul, type NDArray, NDIter, sub, zerosLike } from '@dl/linalg';

/**
 * The numerical gradient of `f` at `x` (central differences, as in exercise 14). Given.
 *
 * @param f - a function of an array
 * @param x - the point; unchanged afterwards
 * @param h - the step
 * @returns `∂f/∂x`, the shape of `x`
 */
export function gradientOf(f: (x: NDArray) => number, x: NDArray, h = 1e-4): NDArray {
  const grad = zerosLike(x);
  const it = new NDIter(x);
  while (!it.finished) {
    const tmp = it.value;
    it.value = tmp + h;
    const fxh2 = f(x);
    it.value = tmp - h;
    const fxh1 = f(x);
    grad.data[it.index] = (fxh2 - fxh1) / (2 * h);
    it.value = tmp;
    it.iternext();
  }
  return grad;
}

/**
 * Gradient descent: `stepNum` steps of `x ← x − lr · ∇f(x)` from `initX`.
 *
 * @param f - the function to minimise
 * @param initX - the starting point; not modified
 * @param lr - the learning rate η
 * @param stepNum - how many steps
 * @returns the final point
 */
export function gradientDescent(
  f: (x: NDArray) => number,
  initX: NDArray,
  lr = 0.01,
  stepNum = 100,
): NDArray {
  let x = initX.clone();
  for (let i = 0; i <= stepNum; i++) {
    // the gradient points uphill; step the other way, scaled by the learning rate
    x = sub(x, mul(gradientOf(f, x), lr));
  }
  return x;
}

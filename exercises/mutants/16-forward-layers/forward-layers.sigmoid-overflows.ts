// Known-wrong answer (CI: the tests must catch it): sigmoid written as exp(x) / (1 + exp(x)): Infinity / Infinity = NaN for large x
import { add, div, dot, exp, maximum, type NDArray } from '@dl/linalg';

/** ReLU: `max(0, x)` element by element. */
export class Relu {
  /**
   * @param x - any shape
   * @returns `x` with negative values replaced by 0
   */
  forward(x: NDArray): NDArray {
    return maximum(x, 0);
  }
}

/** Sigmoid: `1 / (1 + exp(−x))` element by element. */
export class Sigmoid {
  /**
   * @param x - any shape
   * @returns values in (0, 1), same shape
   */
  forward(x: NDArray): NDArray {
    const e = exp(x);
    return div(e, add(1, e));
  }
}

/** Affine (fully connected) layer: `Y = X · W + b`. */
export class Affine {
  /**
   * @param W - weights `[inputs, outputs]`
   * @param b - bias `[outputs]`
   */
  constructor(
    public W: NDArray,
    public b: NDArray,
  ) {}

  /**
   * @param x - one sample `[inputs]` or a batch `[N, inputs]`
   * @returns `[outputs]` or `[N, outputs]`
   * @throws ShapeError when `x` does not fit `W` (from `dot`)
   */
  forward(x: NDArray): NDArray {
    return add(dot(x, this.W), this.b); // b broadcasts over the rows of a batch
  }
}

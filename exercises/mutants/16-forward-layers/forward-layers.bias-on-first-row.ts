// Known-wrong answer (CI: the tests must catch it): adds b to the first row of a batch only
import { add, div, dot, exp, maximum, mul, type NDArray } from '@dl/linalg';

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
    return div(1, add(1, exp(mul(x, -1))));
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
    const out = dot(x, this.W);
    for (let j = 0; j < this.b.size; j++) out.data[j] = (out.data[j] ?? 0) + (this.b.data[j] ?? 0);
    return out;
  }
}

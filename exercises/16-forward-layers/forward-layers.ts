import { dot, type NDArray } from '@dl/linalg';

/** ReLU: `max(0, x)` element by element. */
export class Relu {
  /**
   * @param x - any shape
   * @returns `x` with negative values replaced by 0
   */
  forward(x: NDArray): NDArray {
    // TODO: replace the negative values by 0
    return x.clone();
  }
}

/** Sigmoid: `1 / (1 + exp(−x))` element by element. */
export class Sigmoid {
  /**
   * @param x - any shape
   * @returns values in (0, 1), same shape
   */
  forward(x: NDArray): NDArray {
    // TODO: squash every value into (0, 1)
    return x.clone();
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
    // TODO: the bias is missing
    return dot(x, this.W);
  }
}

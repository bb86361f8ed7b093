import { add, dot, type NDArray, sum } from '@dl/linalg';

/** Affine layer `Y = X · W + b` with its backward pass. */
export class Affine {
  /** The input of the last forward pass, `[N, inputs]`. */
  x: NDArray | undefined;
  /** ∂L/∂W after backward, the shape of `W`. */
  dW: NDArray | undefined;
  /** ∂L/∂b after backward, the shape of `b`. */
  db: NDArray | undefined;

  /**
   * @param W - weights `[inputs, outputs]`
   * @param b - bias `[outputs]`
   */
  constructor(
    public W: NDArray,
    public b: NDArray,
  ) {}

  /**
   * @param x - a batch `[N, inputs]` (N = 1 for one sample)
   * @returns `[N, outputs]`
   */
  forward(x: NDArray): NDArray {
    this.x = x;
    return add(dot(x, this.W), this.b);
  }

  /**
   * @param dout - ∂L/∂Y, `[N, outputs]`
   * @returns ∂L/∂x, `[N, inputs]`; sets `dW` `[inputs, outputs]` and `db` `[outputs]`
   * @throws Error when called before forward
   */
  backward(dout: NDArray): NDArray {
    if (!this.x) throw new Error('Affine.backward: no forward pass yet; expected forward(x) first');
    this.dW = dot(this.x.T, dout); // (in, N) · (N, out) = (in, out): every sample's contribution
    this.db = sum(dout, { axis: 0 }); // b was added to every row, so its gradient sums the rows
    return dot(dout, this.W.T); // (N, out) · (out, in) = (N, in)
  }
}

// Known-wrong answer (CI: the tests must catch it): adds each backward's dW and db to the previous ones, so a second backward reports twice the gradient
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
    const dW = dot(this.x.T, dout);
    const db = sum(dout, { axis: 0 });
    this.dW = this.dW ? add(this.dW, dW) : dW;
    this.db = this.db ? add(this.db, db) : db;
    return dot(dout, this.W.T); // (N, out) · (out, in) = (N, in)
  }
}

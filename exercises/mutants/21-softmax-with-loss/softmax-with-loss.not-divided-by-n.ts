// Known-wrong answer (CI: the tests must catch it): returns y − t for a batch without dividing by the batch size N
import { add, div, exp, log, max, mul, type NDArray, sub, sum } from '@dl/linalg';

/** Softmax with loss: `y = softmax(x)` row by row, `L = −Σ t log(y + 1e-7) / N`. */
export class SoftmaxWithLoss {
  /** The probabilities of the last forward pass, `[N, classes]`. */
  y: NDArray | undefined;
  /** The one-hot answers of the last forward pass, `[N, classes]`. */
  t: NDArray | undefined;

  /**
   * Given: the stable softmax of exercise 08 and the cross-entropy error of exercise 09.
   *
   * @param x - scores `[N, classes]`
   * @param t - one-hot answers `[N, classes]`
   * @returns the mean loss over the batch
   */
  forward(x: NDArray, t: NDArray): number {
    const e = exp(sub(x, max(x, { axis: 1, keepdims: true })));
    this.y = div(e, sum(e, { axis: 1, keepdims: true }));
    this.t = t;
    return -sum(mul(t, log(add(this.y, 1e-7)))) / (x.shape[0] ?? 1);
  }

  /**
   * @param dout - ∂(final loss)/∂L, 1 when this is the last layer
   * @returns ∂L/∂x, `[N, classes]`
   * @throws Error when called before forward
   */
  backward(dout = 1): NDArray {
    if (!this.y || !this.t) {
      throw new Error(
        'SoftmaxWithLoss.backward: no forward pass yet; expected forward(x, t) first',
      );
    }
    // softmax and cross-entropy together: ∂L/∂x = (y − t) / N
    return mul(sub(this.y, this.t), dout);
  }
}

// Known-wrong answer (CI: the tests must catch it): blocks where dout <= 0 instead of where the input x was <= 0
import { map, type NDArray } from '@dl/linalg';

/** ReLU layer: `y = max(0, x)`, with the mask of non-positive inputs kept for backward. */
export class Relu {
  /** 1 where the last input was `<= 0`, else 0. */
  mask: NDArray | undefined;

  /**
   * @param x - any shape
   * @returns `max(0, x)`
   */
  forward(x: NDArray): NDArray {
    this.mask = map(x, (v) => (v <= 0 ? 1 : 0));
    return map(x, (v) => Math.max(v, 0));
  }

  /**
   * @param dout - ∂L/∂y, the shape of the last input
   * @returns ∂L/∂x: `dout` where the input was positive, 0 elsewhere; `dout` is not modified
   * @throws Error when called before forward
   */
  backward(dout: NDArray): NDArray {
    if (!this.mask)
      throw new Error('Relu.backward: no forward pass yet; expected forward(x) first');
    // local slope: 1 where x > 0, 0 where x <= 0 (mask = 1)
    return map(dout, (v) => Math.max(v, 0));
  }
}

// Known-wrong answer (CI: the tests must catch it): stores dx in this.out, so a second backward starts from the wrong y
import { add, div, exp, mul, type NDArray, sub } from '@dl/linalg';

/**
 * The sigmoid's backward pass through its four nodes (`× −1`, `exp`, `+ 1`, `1 / ·`), one at a time.
 *
 * @param x - the input of the sigmoid
 * @param dout - ∂L/∂y coming from above
 * @returns ∂L/∂x
 */
export function sigmoidBackwardByNodes(x: number, dout: number): number {
  const e = Math.exp(-x);
  const y = 1 / (1 + e);
  const d1 = -dout * y * y; // node "1 / u": slope −1/u² = −y²
  const d2 = d1; // node "+ 1": passes through
  const d3 = d2 * e; // node "exp": times its output exp(−x)
  const d4 = d3 * -1; // node "× (−1)": flips the sign
  return d4;
}

/** Sigmoid layer: `y = 1 / (1 + exp(−x))`, keeping `y` for the backward pass. */
export class Sigmoid {
  /** The output of the last `forward`. */
  out: NDArray | undefined;

  /**
   * @param x - any shape
   * @returns `1 / (1 + exp(−x))`
   */
  forward(x: NDArray): NDArray {
    this.out = div(1, add(1, exp(mul(x, -1))));
    return this.out;
  }

  /**
   * @param dout - ∂L/∂y, the shape of the last output
   * @returns ∂L/∂x
   * @throws Error when called before forward
   */
  backward(dout: NDArray): NDArray {
    if (!this.out)
      throw new Error('Sigmoid.backward: no forward pass yet; expected forward(x) first');
    // y² · exp(−x) = y (1 − y): the local slope needs only the output
    this.out = mul(dout, mul(this.out, sub(1, this.out)));
    return this.out;
  }
}

import { checkNumber } from './checks.js';

/**
 * The multiplication node of a computation graph (계산 그래프, 곱셈노드): `forward(x, y) = x · y`.
 *
 * Since ∂(xy)/∂x = y and ∂(xy)/∂y = x, the backward pass swaps the inputs:
 * `[dout · y, dout · x]`. That is why `forward` keeps x and y.
 *
 * @example
 * ```ts
 * import { MulLayer } from '@dl/calculus';
 * const mul = new MulLayer();
 * mul.forward(1_000_000, 2); // 2000000 (two coffee machines)
 * mul.backward(1.1); // [2.2, 1100000]
 * ```
 */
export class MulLayer {
  /** The first input of the last forward, or undefined before any forward. */
  x: number | undefined;
  /** The second input of the last forward, or undefined before any forward. */
  y: number | undefined;

  /**
   * Multiplies the two inputs and remembers them for the backward pass.
   *
   * @param x - first input
   * @param y - second input
   * @returns x · y
   * @throws TypeError when an input is not a number
   */
  forward(x: number, y: number): number {
    checkNumber('MulLayer.forward', 'x', x);
    checkNumber('MulLayer.forward', 'y', y);
    this.x = x;
    this.y = y;
    return x * y;
  }

  /**
   * The derivatives with respect to each input, by the chain rule.
   *
   * @param dout - ∂L/∂out, the derivative arriving from the next node
   * @returns `[dx, dy]` = `[dout · y, dout · x]`
   * @throws TypeError when dout is not a number
   * @throws Error when called before `forward`
   */
  backward(dout: number): [number, number] {
    checkNumber('MulLayer.backward', 'dout', dout);
    if (this.x === undefined || this.y === undefined) {
      throw new Error(
        'MulLayer.backward: called before forward; expected forward(x, y) first, got no stored inputs',
      );
    }
    return [dout * this.y, dout * this.x];
  }
}

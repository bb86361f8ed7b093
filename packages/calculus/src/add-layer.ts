import { checkNumber } from './checks.js';

/**
 * The addition node of a computation graph (계산 그래프, 덧셈노드): `forward(x, y) = x + y`.
 *
 * Since ∂(x + y)/∂x = 1 and ∂(x + y)/∂y = 1, the backward pass hands the upstream derivative
 * `dout` to both inputs unchanged: `[dout, dout]`.
 *
 * @example
 * ```ts
 * import { AddLayer } from '@dl/calculus';
 * const add = new AddLayer();
 * add.forward(200, 25); // 225
 * add.backward(1.1); // [1.1, 1.1]
 * ```
 */
export class AddLayer {
  /**
   * Adds the two inputs.
   *
   * @param x - first input
   * @param y - second input
   * @returns x + y
   * @throws TypeError when an input is not a number
   */
  forward(x: number, y: number): number {
    checkNumber('AddLayer.forward', 'x', x);
    checkNumber('AddLayer.forward', 'y', y);
    return x + y;
  }

  /**
   * Passes the upstream derivative to both inputs (the local derivatives are both 1).
   *
   * @param dout - ∂L/∂out, the derivative arriving from the next node
   * @returns `[dx, dy]` = `[dout · 1, dout · 1]`
   * @throws TypeError when dout is not a number
   */
  backward(dout: number): [number, number] {
    checkNumber('AddLayer.backward', 'dout', dout);
    return [dout, dout];
  }
}

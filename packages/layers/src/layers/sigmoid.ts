import { allocate, NDArray } from '@dl/linalg';
import { checkNDArray, checkSameShape } from '../internal/checks.js';
import type { Layer } from './layer.js';

/**
 * The sigmoid layer (시그모이드 역전파): forward y = 1 / (1 + e⁻ˣ); backward dx = dout · y(1 − y).
 *
 * The lecture derives y(1 − y) on the computation graph (÷, +, exp, ×(−1) nodes); the result only
 * needs the forward output, so that is what the layer keeps. See {@link Layer} for ownership.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Sigmoid } from '@dl/layers';
 * const s = new Sigmoid();
 * s.forward(array([0])).toArray(); // [0.5]
 * s.backward(array([1])).toArray(); // [0.25]
 * ```
 */
export class Sigmoid implements Layer {
  readonly params: Record<string, NDArray> = Object.freeze({});
  readonly grads: Record<string, NDArray> = Object.freeze({});
  /** The last forward output y (kept for backward), undefined before any forward. */
  out: NDArray | undefined;

  /**
   * σ(x), element by element.
   *
   * @param x - any shape
   * @returns a new array y of x's shape and dtype
   * @throws TypeError when x is not an NDArray
   */
  forward(x: NDArray): NDArray {
    checkNDArray('Sigmoid.forward', 'x', x);
    const src = x.data;
    const out = allocate(x.dtype, src.length);
    for (let i = 0; i < src.length; i++) out[i] = 1 / (1 + Math.exp(-src[i]!));
    this.out = new NDArray(out, x.shape);
    return this.out;
  }

  /**
   * dx = dout · y · (1 − y).
   *
   * @param dout - the shape of the last forward's output
   * @returns a new array, dx
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws Error when called before `forward`
   */
  backward(dout: NDArray): NDArray {
    checkNDArray('Sigmoid.backward', 'dout', dout);
    const y = this.out;
    if (y === undefined) {
      throw new Error(
        'Sigmoid.backward: called before forward; expected forward(x) first, got no cached output',
      );
    }
    checkSameShape(
      'Sigmoid.backward',
      'dout shape differs from the forward output',
      y.shape,
      dout.shape,
    );
    const g = dout.data;
    const yd = y.data;
    const dx = allocate(dout.dtype, g.length);
    for (let i = 0; i < g.length; i++) dx[i] = g[i]! * yd[i]! * (1 - yd[i]!);
    return new NDArray(dx, y.shape);
  }
}

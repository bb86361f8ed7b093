import { type NDArray, reluWithMask, zeroMasked } from '@dl/linalg';
import { checkNDArray, checkSameShape } from '../internal/checks.js';
import type { Layer } from './layer.js';

/**
 * The ReLU layer (ReLU 역전파): forward max(0, x); backward passes `dout` where x > 0 and 0
 * elsewhere — the derivative of max(0, x) is 1 for x > 0 and 0 for x ≤ 0.
 *
 * The forward pass keeps a mask of the positions where x ≤ 0 (reused between calls of the same
 * size); see {@link Layer} for who owns which array.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Relu } from '@dl/layers';
 * const relu = new Relu();
 * relu.forward(array([[1, -0.5], [-2, 3]])).toArray(); // [[1, 0], [0, 3]]
 * relu.backward(array([[10, 10], [10, 10]])).toArray(); // [[10, 0], [0, 10]]
 * ```
 */
export class Relu implements Layer {
  readonly params: Record<string, NDArray> = Object.freeze({});
  readonly grads: Record<string, NDArray> = Object.freeze({});
  /** 1 where the last forward input was ≤ 0 (those positions pass no gradient). */
  private mask: Uint8Array = new Uint8Array(0);
  private shape: readonly number[] | undefined;

  /**
   * max(0, x), element by element.
   *
   * @param x - any shape
   * @returns a new array of x's shape and dtype
   * @throws TypeError when x is not an NDArray
   */
  forward(x: NDArray): NDArray {
    checkNDArray('Relu.forward', 'x', x);
    const n = x.size;
    if (this.mask.length !== n) this.mask = new Uint8Array(n);
    // mask[i] = (x[i] ≤ 0); out = x with those elements 0 (a branch-free kernel of @dl/linalg).
    const out = reluWithMask(x, this.mask);
    this.shape = x.shape;
    return out;
  }

  /**
   * dx = dout where the forward input was > 0, else 0.
   *
   * @param dout - the shape of the last forward's output
   * @returns a new array, dx
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws Error when called before `forward`
   */
  backward(dout: NDArray): NDArray {
    checkNDArray('Relu.backward', 'dout', dout);
    if (this.shape === undefined) {
      throw new Error(
        'Relu.backward: called before forward; expected forward(x) first, got no cached mask',
      );
    }
    checkSameShape(
      'Relu.backward',
      'dout shape differs from the forward output',
      this.shape,
      dout.shape,
    );
    // dx = dout, with 0 where the forward input was ≤ 0.
    return zeroMasked(dout, this.mask);
  }
}

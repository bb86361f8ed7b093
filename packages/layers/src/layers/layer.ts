import type { NDArray } from '@dl/linalg';

/**
 * The common interface of the layers (계층) `Relu`, `Sigmoid` and `Affine`, as in the lecture and
 * the book: `forward` computes the output and keeps what `backward` will need; `backward` takes
 * ∂L/∂out (`dout`) and returns ∂L/∂x (`dx`), storing the parameter gradients in `grads`.
 *
 * Ownership of arrays, the same in every layer of this package:
 * - `forward` and `backward` return a NEW array on every call. The caller owns it: later calls
 *   never overwrite it, so a prediction can be kept while the network runs on other data.
 * - `params` holds the very arrays the layer computes with (for `Affine`, the `W` and `b` passed
 *   to the constructor). Optimisers update them in place, and the layer sees the change.
 * - `grads` holds arrays allocated once, with the shapes of `params`, and OVERWRITTEN in place by
 *   each `backward`. They stay the same objects from step to step (so an optimiser or a network
 *   can hold on to them); clone one to keep a snapshot.
 * - Between `forward` and `backward` a layer keeps references to its input (`Affine`) or output
 *   (`Sigmoid`); do not modify those arrays in place in between.
 *
 * @example
 * ```ts
 * import { array, zeros } from '@dl/linalg';
 * import { Affine, type Layer, Relu } from '@dl/layers';
 * const layers: Layer[] = [new Affine(array([[1, -1], [2, 0]]), zeros([2])), new Relu()];
 * let out = array([[1, 1]]);
 * for (const layer of layers) out = layer.forward(out); // [[3, 0]]
 * let dout = array([[1, 1]]);
 * for (const layer of [...layers].reverse()) dout = layer.backward(dout); // dx = [[1, 2]]
 * Object.keys(layers[0]!.grads); // ['W', 'b']
 * ```
 */
export interface Layer {
  /**
   * Computes the output for input x and keeps what `backward` needs.
   *
   * @param x - the input
   * @returns a new array
   */
  forward(x: NDArray): NDArray;
  /**
   * Propagates ∂L/∂out back to ∂L/∂x and fills `grads` for the parameters.
   *
   * @param dout - ∂L/∂out, the shape of the last forward's output
   * @returns ∂L/∂x, a new array of the last forward input's shape
   */
  backward(dout: NDArray): NDArray;
  /** The learnable parameters by name (empty for layers without any). */
  readonly params: Record<string, NDArray>;
  /** The gradients of the loss with respect to `params`, by the same names, after `backward`. */
  readonly grads: Record<string, NDArray>;
}

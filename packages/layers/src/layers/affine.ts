import { formatShape, matmul, type NDArray, promoteTypes, ShapeError } from '@dl/linalg';
import { checkNDArray, checkSameShape } from '../internal/checks.js';
import { gradientFor, sumRowsInto } from '../internal/gradient-arrays.js';
import type { Layer } from './layer.js';

/**
 * The Affine (fully connected, 전연결) layer: out = x·W + b.
 *
 * Shapes: W is `[D, M]`, b is `[M]`; x is a batch `[N, D]`, a single sample `[D]` (output `[M]`),
 * or `[N, d1, d2, …]` with d1·d2·… = D (an image batch), flattened per sample, the output being
 * `[N, M]` and dx reshaped back to x's shape. Backward, with dout = ∂L/∂out:
 * - dx = dout · Wᵀ            `[N, M]·[M, D] → [N, D]`
 * - dW = xᵀ · dout            `[D, N]·[N, M] → [D, M]`
 * - db = Σ dout over the batch `[M]` (b was added to every row, so its gradient sums the rows)
 *
 * The transposes are never materialised: `matmul` reads W and x transposed in place
 * (`transB`, `transA`). `dW` and `db` are allocated once and overwritten by each backward; see
 * {@link Layer} for the ownership rules.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Affine } from '@dl/layers';
 * const affine = new Affine(array([[1, 2, 3], [4, 5, 6]]), array([0.1, 0.2, 0.3]));
 * affine.forward(array([[1, 1]])).toArray(); // [[5.1, 7.2, 9.3]]
 * affine.backward(array([[1, 0, 0]])).toArray(); // [[1, 4]] (dx = dout·Wᵀ)
 * affine.dW.toArray(); // [[1, 0, 0], [1, 0, 0]]
 * ```
 */
export class Affine implements Layer {
  /** The weights `[D, M]` (the array passed in; updated in place by optimisers). */
  readonly W: NDArray;
  /** The bias `[M]` (the array passed in). */
  readonly b: NDArray;
  /** ∂L/∂W after `backward` (zeros before), the same array from call to call. */
  readonly dW: NDArray;
  /** ∂L/∂b after `backward` (zeros before), the same array from call to call. */
  readonly db: NDArray;
  readonly params: Record<string, NDArray>;
  readonly grads: Record<string, NDArray>;
  /** The last forward input, viewed as `[N, D]`. */
  private x2: NDArray | undefined;
  /** The shape of the last forward input, to reshape dx back to it. */
  private xShape: readonly number[] | undefined;
  /** The shape of the last forward output, which dout must have. */
  private outShape: readonly number[] | undefined;

  /**
   * @param W - weights `[D, M]`, used (not copied) by the layer
   * @param b - bias `[M]`, used (not copied) by the layer
   * @throws ShapeError when W is not 2-D or b is not `[M]`
   * @throws TypeError when W or b is not an NDArray
   */
  constructor(W: NDArray, b: NDArray) {
    checkNDArray('Affine', 'W', W);
    checkNDArray('Affine', 'b', b);
    if (W.ndim !== 2) {
      throw new ShapeError(
        `Affine: W is not a matrix; expected W of shape [D, M], got W=${formatShape(W.shape)}`,
      );
    }
    const m = W.shape[1]!;
    if (b.ndim !== 1 || b.shape[0] !== m) {
      throw new ShapeError(
        `Affine: b does not match W; expected b of shape [${m}] for W=${formatShape(W.shape)}, got b=${formatShape(b.shape)}`,
      );
    }
    this.W = W;
    this.b = b;
    this.dW = gradientFor(W);
    this.db = gradientFor(b);
    this.params = Object.freeze({ W, b });
    this.grads = Object.freeze({ W: this.dW, b: this.db });
  }

  /**
   * out = x·W + b.
   *
   * @param x - `[N, D]`, `[D]`, or `[N, …]` with D elements per sample
   * @returns a new array: `[N, M]`, or `[M]` for a single `[D]` sample
   * @throws ShapeError when x does not have D features per sample
   * @throws TypeError when x is not an NDArray
   */
  forward(x: NDArray): NDArray {
    checkNDArray('Affine.forward', 'x', x);
    const [d, m] = this.W.shape as [number, number];
    const n = x.ndim === 1 ? 1 : x.shape[0]!;
    if (x.ndim === 0 || (x.ndim === 1 ? x.size !== d : x.size !== n * d)) {
      throw new ShapeError(
        `Affine.forward: x does not match W; expected x of shape [N, ${d}] (or [${d}], or [N, …] with ${d} elements per sample) for W=${formatShape(this.W.shape)}, got x=${formatShape(x.shape)}`,
      );
    }
    const x2 = x.ndim === 2 ? x : x.reshape(n, d); // a view: no copy
    // out = x·W + b: the bias is added to every row by the product's kernel.
    const out = matmul(x2, this.W, { bias: this.b });
    this.x2 = x2;
    this.xShape = x.shape;
    const result = x.ndim === 1 ? out.reshape(m) : out;
    this.outShape = result.shape;
    return result;
  }

  /**
   * Fills `dW` and `db`, and returns dx.
   *
   * @param dout - ∂L/∂out, the shape of the last forward's output
   * @returns a new array dx = dout·Wᵀ of the last forward input's shape
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws TypeError when dout is not an NDArray
   * @throws Error when called before `forward`
   */
  backward(dout: NDArray): NDArray {
    const dout2 = this.parameterGradients('Affine.backward', dout);
    // dx = dout · Wᵀ, reshaped to x's original shape.
    return matmul(dout2, this.W, { transB: true }).reshape(this.xShape!);
  }

  /**
   * Fills `dW` and `db` only, without computing dx. For the first layer of a network nobody needs
   * ∂L/∂x (x is the data), and dout·Wᵀ is then wasted work: for a 784-50-10 network it is as large
   * as the first layer's forward product, about a third of a training step.
   *
   * @param dout - ∂L/∂out, the shape of the last forward's output
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws TypeError when dout is not an NDArray
   * @throws Error when called before `forward`
   * @example
   * ```ts
   * import { array } from '@dl/linalg';
   * import { Affine } from '@dl/layers';
   * const affine = new Affine(array([[1, 2], [3, 4]]), array([0, 0]));
   * affine.forward(array([[1, 2]]));
   * affine.backwardParams(array([[1, 1]]));
   * affine.dW.toArray(); // [[1, 1], [2, 2]]
   * ```
   */
  backwardParams(dout: NDArray): void {
    this.parameterGradients('Affine.backwardParams', dout);
  }

  /** Checks dout, fills dW = xᵀ·dout and db = Σ dout, and returns dout viewed as [N, M]. */
  private parameterGradients(op: string, dout: NDArray): NDArray {
    checkNDArray(op, 'dout', dout);
    const x2 = this.x2;
    if (x2 === undefined || this.outShape === undefined || this.xShape === undefined) {
      throw new Error(
        `${op}: called before forward; expected forward(x) first, got no cached input`,
      );
    }
    checkSameShape(op, 'dout shape differs from the forward output', this.outShape, dout.shape);
    const m = this.W.shape[1]!;
    const dout2 = dout.ndim === 2 ? dout : dout.reshape(-1, m);
    // dW = xᵀ · dout, written straight into dW when the dtypes agree.
    if (promoteTypes(x2.dtype, dout2.dtype) === this.dW.dtype) {
      matmul(x2, dout2, { transA: true, out: this.dW });
    } else {
      this.dW.data.set(matmul(x2, dout2, { transA: true }).data);
    }
    // db = Σ dout over the batch (axis 0).
    sumRowsInto(this.db, dout2);
    return dout2;
  }
}

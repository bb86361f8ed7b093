import { formatShape, NDArray, ShapeError } from '@dl/linalg';
import { softmax } from '../functions/softmax.js';
import { checkNDArray, describe } from '../internal/checks.js';
import { readTargets, type Targets } from '../internal/targets.js';

/** δ inside the logarithm, as in {@link crossEntropyError}. */
const DELTA = 1e-7;

/**
 * The output layer that turns scores into probabilities and scores them (소프트맥스와 CEE):
 * forward y = softmax(x), loss = mean cross-entropy error of y against t; backward dx = (y − t) / N.
 *
 * The backward formula is why softmax and the cross-entropy are fused into one layer: the long
 * chain of derivatives through exp, the sum, the division and the log collapses to y − t. (It is
 * exact for the loss without δ; δ = 1e-7 moves the loss by at most about 1e-7 / y_k.)
 *
 * x is `[N, C]` (or one sample `[C]`); t is one-hot `[N, C]` (or `[C]`), or integer labels `[N]`
 * (a number, `[]` or `[1]` for one sample) held as float values.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { SoftmaxWithLoss } from '@dl/layers';
 * const last = new SoftmaxWithLoss();
 * last.forward(array([[0.3, 2.9, 4.0]]), array([2])); // 0.3057 = −log(0.7366 + 1e-7)
 * last.backward().toArray(); // [[0.0182, 0.2452, -0.2634]] (rounded: y − t)
 * ```
 */
export class SoftmaxWithLoss {
  /** No parameters; present so that all layers can be walked alike. */
  readonly params: Record<string, NDArray> = Object.freeze({});
  /** No gradients; present so that all layers can be walked alike. */
  readonly grads: Record<string, NDArray> = Object.freeze({});
  /** The softmax output of the last forward, undefined before any forward. */
  y: NDArray | undefined;
  /** The targets of the last forward, as given. */
  t: NDArray | number | undefined;
  /** The loss of the last forward. */
  loss: number | undefined;
  private targets: Targets | undefined;

  /**
   * Softmax, then the mean cross-entropy error against t.
   *
   * @param x - scores `[N, C]` or `[C]`
   * @param t - one-hot targets of x's shape, or integer labels `[N]` (a number for one sample)
   * @returns the loss, the mean over the batch
   * @throws ShapeError when x is not `[N, C]`/`[C]`, or t does not match x's batch
   * @throws RangeError when a label is not an integer in [0, C)
   * @throws TypeError when x or t has the wrong kind
   */
  forward(x: NDArray, t: NDArray | number): number {
    const op = 'SoftmaxWithLoss.forward';
    checkNDArray(op, 'x', x);
    if (x.ndim < 1 || x.ndim > 2 || x.shape[x.ndim - 1] === 0) {
      throw new ShapeError(
        `${op}: x is not one sample or a batch; expected [C] or [N, C] with C >= 1, got x=${formatShape(x.shape)}`,
      );
    }
    if (typeof t !== 'number' && !(t instanceof NDArray)) {
      throw new TypeError(
        `${op}: t is not an NDArray; expected an NDArray of labels or one-hot rows, got ${describe(t)}`,
      );
    }
    const targets = readTargets(op, x.shape, t);
    const y = softmax(x);
    const c = x.shape[x.ndim - 1]!;
    const n = x.ndim === 2 ? x.shape[0]! : 1;
    const yd = y.data;
    let s = 0;
    if (targets.kind === 'labels') {
      for (let i = 0; i < n; i++) s += Math.log(yd[i * c + targets.labels[i]!]! + DELTA);
    } else {
      const td = targets.data;
      for (let i = 0; i < yd.length; i++) if (td[i] !== 0) s += td[i]! * Math.log(yd[i]! + DELTA);
    }
    this.y = y;
    this.t = t;
    this.targets = targets;
    this.loss = -s / n;
    return this.loss;
  }

  /**
   * dx = dout · (y − t) / N.
   *
   * @param dout - ∂L/∂loss, 1 by default (the loss is the end of the graph)
   * @returns a new array of x's shape
   * @throws RangeError when dout is not a finite number
   * @throws Error when called before `forward`
   */
  backward(dout = 1): NDArray {
    const op = 'SoftmaxWithLoss.backward';
    if (typeof dout !== 'number' || !Number.isFinite(dout)) {
      throw new RangeError(`${op}: invalid dout; expected a finite number, got ${String(dout)}`);
    }
    const y = this.y;
    const targets = this.targets;
    if (y === undefined || targets === undefined) {
      throw new Error(
        `${op}: called before forward; expected forward(x, t) first, got no cached y`,
      );
    }
    const c = y.shape[y.ndim - 1]!;
    const n = y.ndim === 2 ? y.shape[0]! : 1;
    const dx = y.clone();
    const d = dx.data;
    if (targets.kind === 'labels') {
      for (let i = 0; i < n; i++)
        d[i * c + targets.labels[i]!] = d[i * c + targets.labels[i]!]! - 1;
    } else {
      const td = targets.data;
      for (let i = 0; i < d.length; i++) d[i] = d[i]! - td[i]!;
    }
    const scale = dout / n;
    for (let i = 0; i < d.length; i++) d[i] = d[i]! * scale;
    return dx;
  }
}

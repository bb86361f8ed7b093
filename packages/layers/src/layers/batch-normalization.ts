import { allocate, formatShape, NDArray, ShapeError, zeros } from '@dl/linalg';
import { checkHyper, checkNDArray, checkSameShape } from '../internal/checks.js';
import type { Layer } from './layer.js';

/** Options of {@link BatchNormalization}. */
export interface BatchNormalizationOptions {
  /** How much of the running mean and variance is kept at each training step (default 0.9). */
  momentum?: number;
  /** The running mean `[D]` used at test time (default zeros), used (not copied). */
  runningMean?: NDArray;
  /** The running variance `[D]` used at test time (default zeros), used (not copied). */
  runningVar?: NDArray;
}

/** The ε added to the variance before its square root (the book's `10e-7`). */
const EPS = 1e-6;

/**
 * The Batch Normalization layer (배치 정규화), as in the book (ch. 6.3): each feature is
 * normalised over the mini-batch to mean 0 and variance 1, then scaled by γ and shifted by β,
 * both learnt.
 *
 * Shapes: x is `[N, D]`, or `[N, C, H, W]` flattened per sample to `[N, C·H·W]` as the book does
 * (so D = C·H·W and γ, β hold one value per element of a sample); γ, β, the running mean and
 * variance are `[D]`. Forward in training, over the batch (axis 0):
 * - μ = mean(x)              `[D]`
 * - xc = x − μ               `[N, D]`
 * - σ² = mean(xc²), std = √(σ² + ε)   `[D]`
 * - xn = xc / std            `[N, D]`
 * - out = γ ⊙ xn + β         `[N, D]`, reshaped back to x's shape
 * and runningMean ← m·runningMean + (1 − m)·μ, runningVar ← m·runningVar + (1 − m)·σ².
 * At test time xn = (x − runningMean) / √(runningVar + ε) instead.
 *
 * Backward (the book's computational graph, read right to left), with dout = ∂L/∂out:
 * - dβ = Σₙ dout, dγ = Σₙ xn ⊙ dout
 * - dxn = γ ⊙ dout; dxc = dxn / std
 * - dstd = −Σₙ dxn ⊙ xc / std²; dvar = ½·dstd / std; dxc += (2/N)·xc ⊙ dvar
 * - dμ = Σₙ dxc; dx = dxc − dμ / N
 *
 * @example
 * ```ts
 * import { array, ones, zeros } from '@dl/linalg';
 * import { BatchNormalization } from '@dl/layers';
 * const bn = new BatchNormalization(ones([2]), zeros([2]));
 * bn.forward(array([[1, 10], [3, 30]]), true).toArray(); // ≈ [[-1, -1], [1, 1]]
 * bn.runningMean.toArray(); // [0.2, 2]: 0.1 of the batch mean [2, 20]
 * ```
 */
export class BatchNormalization implements Layer {
  /** The scale γ `[D]` (the array passed in; updated in place by optimisers). */
  readonly gamma: NDArray;
  /** The shift β `[D]` (the array passed in). */
  readonly beta: NDArray;
  /** ∂L/∂γ after `backward`, the same array from call to call. */
  readonly dgamma: NDArray;
  /** ∂L/∂β after `backward`, the same array from call to call. */
  readonly dbeta: NDArray;
  /** The momentum of the running statistics. */
  readonly momentum: number;
  /** The running mean `[D]`, used at test time. */
  readonly runningMean: NDArray;
  /** The running variance `[D]`, used at test time. */
  readonly runningVar: NDArray;
  readonly params: Record<string, NDArray>;
  readonly grads: Record<string, NDArray>;
  private inputShape: readonly number[] | undefined;
  private batchSize = 0;
  private lastTrain = true;
  private xc: Float64Array = new Float64Array(0);
  private xn: Float64Array = new Float64Array(0);
  private std: Float64Array = new Float64Array(0);

  /**
   * @param gamma - the scale γ `[D]` (1s to start, as the book), used (not copied)
   * @param beta - the shift β `[D]` (0s to start), used (not copied)
   * @param options - `{ momentum = 0.9, runningMean, runningVar }`
   * @throws ShapeError when gamma, beta or a running statistic is not `[D]` for one D
   * @throws RangeError when momentum is not in [0, 1)
   * @throws TypeError when an array argument is not an NDArray
   */
  constructor(gamma: NDArray, beta: NDArray, options: BatchNormalizationOptions = {}) {
    const op = 'BatchNormalization';
    checkNDArray(op, 'gamma', gamma);
    checkNDArray(op, 'beta', beta);
    if (gamma.ndim !== 1) {
      throw new ShapeError(
        `${op}: gamma is not a vector; expected gamma of shape [D], got gamma=${formatShape(gamma.shape)}`,
      );
    }
    const d = gamma.shape[0]!;
    checkSameShape(op, 'beta does not match gamma', [d], beta.shape);
    this.momentum = checkHyper(op, 'momentum', options.momentum ?? 0.9, 'unit');
    const runningMean = options.runningMean ?? zeros([d]);
    const runningVar = options.runningVar ?? zeros([d]);
    checkNDArray(op, 'runningMean', runningMean);
    checkNDArray(op, 'runningVar', runningVar);
    checkSameShape(op, 'runningMean does not match gamma', [d], runningMean.shape);
    checkSameShape(op, 'runningVar does not match gamma', [d], runningVar.shape);
    this.gamma = gamma;
    this.beta = beta;
    this.runningMean = runningMean;
    this.runningVar = runningVar;
    this.dgamma = new NDArray(allocate(gamma.dtype, d), [d]);
    this.dbeta = new NDArray(allocate(beta.dtype, d), [d]);
    this.params = Object.freeze({ gamma, beta });
    this.grads = Object.freeze({ gamma: this.dgamma, beta: this.dbeta });
  }

  /**
   * Normalises x with the batch's statistics (training) or the running ones (test).
   *
   * @param x - `[N, D]` or `[N, C, H, W]` with C·H·W = D
   * @param trainFlg - true in training (default, as the book), false at test time
   * @returns a new array of x's shape
   * @throws ShapeError when x does not have D elements per sample
   * @throws TypeError when x is not an NDArray
   */
  forward(x: NDArray, trainFlg = true): NDArray {
    checkNDArray('BatchNormalization.forward', 'x', x);
    const d = this.gamma.shape[0]!;
    const n = x.ndim >= 2 ? x.shape[0]! : 0;
    if (x.ndim < 2 || x.size !== n * d || n === 0) {
      throw new ShapeError(
        `BatchNormalization.forward: x does not match gamma; expected x of shape [N, ${d}] (or [N, C, H, W] with C·H·W = ${d}), got x=${formatShape(x.shape)}`,
      );
    }
    const xd = x.data;
    const g = this.gamma.data;
    const b = this.beta.data;
    const size = n * d;
    if (this.xc.length !== size) {
      this.xc = new Float64Array(size);
      this.xn = new Float64Array(size);
    }
    if (this.std.length !== d) this.std = new Float64Array(d);
    const { xc, xn, std } = this;
    const out = allocate(x.dtype, size);
    if (trainFlg) {
      const rm = this.runningMean.data;
      const rv = this.runningVar.data;
      const m = this.momentum;
      for (let j = 0; j < d; j++) {
        // μ and σ² of feature j over the batch (axis 0).
        let mu = 0;
        for (let i = 0; i < n; i++) mu += xd[i * d + j]!;
        mu /= n;
        let v = 0;
        for (let i = 0; i < n; i++) {
          const c = xd[i * d + j]! - mu;
          xc[i * d + j] = c;
          v += c * c;
        }
        v /= n;
        std[j] = Math.sqrt(v + EPS);
        rm[j] = m * rm[j]! + (1 - m) * mu;
        rv[j] = m * rv[j]! + (1 - m) * v;
      }
    } else {
      const rm = this.runningMean.data;
      const rv = this.runningVar.data;
      for (let j = 0; j < d; j++) std[j] = Math.sqrt(rv[j]! + EPS);
      for (let i = 0; i < size; i++) xc[i] = xd[i]! - rm[i % d]!;
    }
    for (let i = 0; i < size; i++) {
      const j = i % d;
      xn[i] = xc[i]! / std[j]!;
      out[i] = g[j]! * xn[i]! + b[j]!;
    }
    this.inputShape = x.shape;
    this.batchSize = n;
    this.lastTrain = trainFlg;
    return new NDArray(out, x.shape);
  }

  /**
   * Fills `dgamma` and `dbeta`, and returns dx (through the batch statistics after a training
   * forward; through the fixed running statistics after a test forward).
   *
   * @param dout - ∂L/∂out, the shape of the last forward's output
   * @returns a new array dx of the last forward input's shape
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws TypeError when dout is not an NDArray
   * @throws Error when called before `forward`
   */
  backward(dout: NDArray): NDArray {
    const op = 'BatchNormalization.backward';
    checkNDArray(op, 'dout', dout);
    if (this.inputShape === undefined) {
      throw new Error(
        `${op}: called before forward; expected forward(x) first, got no cached input`,
      );
    }
    checkSameShape(op, 'dout shape differs from the forward output', this.inputShape, dout.shape);
    const d = this.gamma.shape[0]!;
    const n = this.batchSize;
    const size = n * d;
    const gd = dout.data;
    const g = this.gamma.data;
    const { xc, xn, std } = this;
    const dgamma = this.dgamma.data;
    const dbeta = this.dbeta.data;
    dgamma.fill(0);
    dbeta.fill(0);
    for (let i = 0; i < size; i++) {
      const j = i % d;
      dbeta[j] = dbeta[j]! + gd[i]!;
      dgamma[j] = dgamma[j]! + xn[i]! * gd[i]!;
    }
    const dx = allocate(dout.dtype, size);
    if (!this.lastTrain) {
      // The statistics were constants: out = γ·(x − mean)/std, so dx = γ·dout/std.
      for (let i = 0; i < size; i++) dx[i] = (g[i % d]! * gd[i]!) / std[i % d]!;
      return new NDArray(dx, this.inputShape);
    }
    for (let j = 0; j < d; j++) {
      const s = std[j]!;
      // dstd = −Σₙ dxn·xc / std², with dxn = γ·dout; dvar = ½·dstd / std.
      let dstd = 0;
      for (let i = 0; i < n; i++) {
        const k = i * d + j;
        dstd -= (g[j]! * gd[k]! * xc[k]!) / (s * s);
      }
      const dvar = (0.5 * dstd) / s;
      // dxc = dxn / std + (2/N)·xc·dvar; dμ = Σₙ dxc; dx = dxc − dμ/N.
      let dmu = 0;
      for (let i = 0; i < n; i++) {
        const k = i * d + j;
        const dxc = (g[j]! * gd[k]!) / s + (2 / n) * xc[k]! * dvar;
        dx[k] = dxc;
        dmu += dxc;
      }
      for (let i = 0; i < n; i++) {
        const k = i * d + j;
        dx[k] = dx[k]! - dmu / n;
      }
    }
    return new NDArray(dx, this.inputShape);
  }
}

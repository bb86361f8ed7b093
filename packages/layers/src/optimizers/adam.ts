import { type NDArray, zerosLike } from '@dl/linalg';
import { checkHyper } from '../internal/checks.js';
import {
  checkState,
  checkUpdate,
  cloneSlots,
  type Optimizer,
  type OptimizerState,
  slotFor,
} from './optimizer.js';

/** Options of {@link Adam}. */
export interface AdamOptions {
  /** The learning rate η, > 0 (default 0.001). */
  lr?: number;
  /** Decay of the mean of the gradients, in [0, 1) (default 0.9). */
  beta1?: number;
  /** Decay of the mean of the squared gradients, in [0, 1) (default 0.999). */
  beta2?: number;
}

/**
 * Adam: momentum (a running mean m of the gradients) combined with AdaGrad-like scaling (a running
 * mean v of their squares), with bias correction for the first steps, as in the book:
 * t ← t + 1; η_t = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ); m ← m + (1 − β₁)(g − m); v ← v + (1 − β₂)(g² − v);
 * W ← W − η_t·m / (√v + 1e-7).
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Adam } from '@dl/layers';
 * const W = array([1]);
 * new Adam({ lr: 0.1 }).update({ W }, { W: array([5]) });
 * W.get(0); // ≈ 0.9: the first step is about η whatever the size of the gradient
 * ```
 */
export class Adam implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** β₁, the decay of m. */
  readonly beta1: number;
  /** β₂, the decay of v. */
  readonly beta2: number;
  private iteration = 0;
  private m: Record<string, NDArray> = {};
  private v: Record<string, NDArray> = {};

  /**
   * @param options - `{ lr = 0.001, beta1 = 0.9, beta2 = 0.999 }`
   * @throws RangeError when lr is not > 0 or a beta is not in [0, 1)
   */
  constructor(options: AdamOptions = {}) {
    this.lr = checkHyper('Adam', 'lr', options.lr ?? 0.001, 'positive');
    this.beta1 = checkHyper('Adam', 'beta1', options.beta1 ?? 0.9, 'unit');
    this.beta2 = checkHyper('Adam', 'beta2', options.beta2 ?? 0.999, 'unit');
  }

  /**
   * One Adam step for every parameter, in place.
   *
   * @param params - the parameters by name, changed in place
   * @param grads - the gradients by the same names and shapes
   * @throws ShapeError when a gradient's (or the restored state's) shape differs from its parameter's
   * @throws TypeError when a parameter has no gradient
   */
  update(params: Record<string, NDArray>, grads: Record<string, NDArray>): void {
    const op = 'Adam.update';
    checkUpdate(op, params, grads);
    const { beta1, beta2 } = this;
    const t = this.iteration + 1;
    const lrT = (this.lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;
      const m = slotFor(op, this.m, key, param, zerosLike).data;
      const v = slotFor(op, this.v, key, param, zerosLike).data;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]!;
        m[i] = m[i]! + (1 - beta1) * (gi - m[i]!);
        v[i] = v[i]! + (1 - beta2) * (gi * gi - v[i]!);
        p[i] = p[i]! - (lrT * m[i]!) / (Math.sqrt(v[i]!) + 1e-7);
      }
    }
    this.iteration = t;
  }

  /** A deep copy of the state: the step count and the running means `m` and `v`. */
  getState(): OptimizerState {
    return {
      kind: 'Adam',
      hyperparameters: { lr: this.lr, beta1: this.beta1, beta2: this.beta2 },
      iteration: this.iteration,
      slots: cloneSlots({ m: this.m, v: this.v }),
    };
  }

  /**
   * Restores a state from {@link Adam.getState} (deep copied in).
   *
   * @throws TypeError when the state is not an Adam state
   */
  setState(state: OptimizerState): void {
    checkState('Adam.setState', 'Adam', ['m', 'v'], state);
    const slots = cloneSlots(state.slots);
    this.m = slots['m']!;
    this.v = slots['v']!;
    this.iteration = state.iteration;
  }
}

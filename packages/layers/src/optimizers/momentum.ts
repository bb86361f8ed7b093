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

/** Options of {@link Momentum}. */
export interface MomentumOptions {
  /** The learning rate η, > 0 (default 0.01). */
  lr?: number;
  /** How much of the previous velocity is kept, α in [0, 1) (default 0.9). */
  momentum?: number;
}

/**
 * Gradient descent with momentum: v ← α·v − η·∂L/∂W, then W ← W + v. Like a ball rolling downhill,
 * steps keep part of their previous direction, which damps zig-zags across a narrow valley.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Momentum } from '@dl/layers';
 * const W = array([1]);
 * const opt = new Momentum({ lr: 0.1, momentum: 0.9 });
 * opt.update({ W }, { W: array([1]) }); // v = −0.1,  W = 0.9
 * opt.update({ W }, { W: array([1]) }); // v = −0.19, W = 0.71
 * ```
 */
export class Momentum implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The momentum coefficient α. */
  readonly momentum: number;
  private iteration = 0;
  private v: Record<string, NDArray> = {};

  /**
   * @param options - `{ lr = 0.01, momentum = 0.9 }`
   * @throws RangeError when lr is not > 0 or momentum is not in [0, 1)
   */
  constructor(options: MomentumOptions = {}) {
    this.lr = checkHyper('Momentum', 'lr', options.lr ?? 0.01, 'positive');
    this.momentum = checkHyper('Momentum', 'momentum', options.momentum ?? 0.9, 'unit');
  }

  /**
   * v ← α·v − η·dW; W ← W + v, for every parameter, in place.
   *
   * @param params - the parameters by name, changed in place
   * @param grads - the gradients by the same names and shapes
   * @throws ShapeError when a gradient's (or the restored state's) shape differs from its parameter's
   * @throws TypeError when a parameter has no gradient
   */
  update(params: Record<string, NDArray>, grads: Record<string, NDArray>): void {
    const op = 'Momentum.update';
    checkUpdate(op, params, grads);
    const { lr, momentum } = this;
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;
      const v = slotFor(op, this.v, key, param, zerosLike).data;
      for (let i = 0; i < p.length; i++) {
        const vi = momentum * v[i]! - lr * g[i]!;
        v[i] = vi;
        p[i] = p[i]! + vi;
      }
    }
    this.iteration++;
  }

  /** A deep copy of the state: the velocities `v` by parameter name. */
  getState(): OptimizerState {
    return {
      kind: 'Momentum',
      hyperparameters: { lr: this.lr, momentum: this.momentum },
      iteration: this.iteration,
      slots: cloneSlots({ v: this.v }),
    };
  }

  /**
   * Restores a state from {@link Momentum.getState} (deep copied in).
   *
   * @throws TypeError when the state is not a Momentum state
   */
  setState(state: OptimizerState): void {
    checkState('Momentum.setState', 'Momentum', ['v'], state);
    this.v = cloneSlots(state.slots)['v']!;
    this.iteration = state.iteration;
  }
}

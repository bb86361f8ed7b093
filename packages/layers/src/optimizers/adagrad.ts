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

/** Options of {@link AdaGrad}. */
export interface AdaGradOptions {
  /** The learning rate η, > 0 (default 0.01). */
  lr?: number;
}

/**
 * AdaGrad: a learning rate per parameter element that shrinks with the gradients seen so far:
 * h ← h + (∂L/∂W)², W ← W − η·∂L/∂W / (√h + 1e-7). Elements that have moved a lot slow down.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { AdaGrad } from '@dl/layers';
 * const W = array([1]);
 * new AdaGrad({ lr: 0.1 }).update({ W }, { W: array([2]) }); // h = 4, W = 1 − 0.1·2/2 = 0.9
 * ```
 */
export class AdaGrad implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  private iteration = 0;
  private h: Record<string, NDArray> = {};

  /**
   * @param options - `{ lr = 0.01 }`
   * @throws RangeError when lr is not a finite number > 0
   */
  constructor(options: AdaGradOptions = {}) {
    this.lr = checkHyper('AdaGrad', 'lr', options.lr ?? 0.01, 'positive');
  }

  /**
   * h ← h + dW²; W ← W − η·dW / (√h + 1e-7), for every parameter, in place.
   *
   * @param params - the parameters by name, changed in place
   * @param grads - the gradients by the same names and shapes
   * @throws ShapeError when a gradient's (or the restored state's) shape differs from its parameter's
   * @throws TypeError when a parameter has no gradient
   */
  update(params: Record<string, NDArray>, grads: Record<string, NDArray>): void {
    const op = 'AdaGrad.update';
    checkUpdate(op, params, grads);
    const lr = this.lr;
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      const p = param.data;
      const g = grads[key]!.data;
      const h = slotFor(op, this.h, key, param, zerosLike).data;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]!;
        h[i] = h[i]! + gi * gi;
        p[i] = p[i]! - (lr * gi) / (Math.sqrt(h[i]!) + 1e-7);
      }
    }
    this.iteration++;
  }

  /** A deep copy of the state: the sums of squared gradients `h` by parameter name. */
  getState(): OptimizerState {
    return {
      kind: 'AdaGrad',
      hyperparameters: { lr: this.lr },
      iteration: this.iteration,
      slots: cloneSlots({ h: this.h }),
    };
  }

  /**
   * Restores a state from {@link AdaGrad.getState} (deep copied in).
   *
   * @throws TypeError when the state is not an AdaGrad state
   */
  setState(state: OptimizerState): void {
    checkState('AdaGrad.setState', 'AdaGrad', ['h'], state);
    this.h = cloneSlots(state.slots)['h']!;
    this.iteration = state.iteration;
  }
}

import { type NDArray, scaledSubtract } from '@dl/linalg';
import { checkHyper } from '../internal/checks.js';
import { checkState, checkUpdate, type Optimizer, type OptimizerState } from './optimizer.js';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** The learning rate η, > 0 (default 0.01). */
  lr?: number;
}

/**
 * Stochastic gradient descent: W ← W − η·∂L/∂W, the lecture's 경사하강법 applied to every
 * parameter after each mini-batch.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { SGD } from '@dl/layers';
 * const W = array([1, 2]);
 * new SGD({ lr: 0.1 }).update({ W }, { W: array([10, -10]) });
 * W.toArray(); // [0, 3]
 * ```
 */
export class SGD implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  private iteration = 0;

  /**
   * @param options - `{ lr = 0.01 }`
   * @throws RangeError when lr is not a finite number > 0
   */
  constructor(options: SGDOptions = {}) {
    this.lr = checkHyper('SGD', 'lr', options.lr ?? 0.01, 'positive');
  }

  /**
   * W ← W − η·dW for every parameter, in place.
   *
   * @param params - the parameters by name, changed in place
   * @param grads - the gradients by the same names and shapes
   * @throws ShapeError when a gradient's shape differs from its parameter's
   * @throws TypeError when a parameter has no gradient
   */
  update(params: Record<string, NDArray>, grads: Record<string, NDArray>): void {
    checkUpdate('SGD.update', params, grads);
    // W ← W − η·dW, element by element (scaledSubtract runs large float64 arrays on WebAssembly
    // SIMD, with the same roundings as the plain loop).
    for (const key of Object.keys(params)) scaledSubtract(params[key]!, grads[key]!, this.lr);
    this.iteration++;
  }

  /** A copy of the state (SGD has no per-parameter memory, only the step count). */
  getState(): OptimizerState {
    return { kind: 'SGD', hyperparameters: { lr: this.lr }, iteration: this.iteration, slots: {} };
  }

  /**
   * Restores a state from {@link SGD.getState}.
   *
   * @throws TypeError when the state is not an SGD state
   */
  setState(state: OptimizerState): void {
    checkState('SGD.setState', 'SGD', [], state);
    this.iteration = state.iteration;
  }
}

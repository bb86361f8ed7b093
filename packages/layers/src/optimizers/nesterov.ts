import type { TypedArray } from '@dl/linalg';
import { checkHyper } from '../internal/checks.js';
import { SlottedOptimizer } from './slotted-optimizer.js';

/** Options of {@link Nesterov}. */
export interface NesterovOptions {
  /** The learning rate η, > 0 (default 0.01). */
  lr?: number;
  /** How much of the previous velocity is kept, α in [0, 1) (default 0.9). */
  momentum?: number;
}

/**
 * Nesterov's accelerated gradient (NAG), in the form the book's `common/optimizer.py` uses:
 * momentum that "looks ahead", correcting the step by where the velocity is about to carry W.
 * v ← α·v − η·∂L/∂W, then W ← W + α²·v − (1 + α)·η·∂L/∂W.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Nesterov } from '@dl/layers';
 * const W = array([1]);
 * new Nesterov({ lr: 0.1, momentum: 0.9 }).update({ W }, { W: array([1]) });
 * // v = −0.1; W = 1 + 0.81·(−0.1) − 1.9·0.1 = 0.729
 * ```
 */
export class Nesterov extends SlottedOptimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The momentum coefficient α. */
  readonly momentum: number;

  /**
   * @param options - `{ lr = 0.01, momentum = 0.9 }`
   * @throws RangeError when lr is not > 0 or momentum is not in [0, 1)
   */
  constructor(options: NesterovOptions = {}) {
    super('Nesterov', ['v']);
    this.lr = checkHyper('Nesterov', 'lr', options.lr ?? 0.01, 'positive');
    this.momentum = checkHyper('Nesterov', 'momentum', options.momentum ?? 0.9, 'unit');
  }

  protected hyperparameters(): Record<string, number> {
    return { lr: this.lr, momentum: this.momentum };
  }

  /**
   * v ← α·v − η·dW; W ← W + α²·v − (1 + α)·η·dW, for one parameter, in place.
   */
  protected step(p: TypedArray, g: TypedArray, [v]: TypedArray[]): void {
    const { lr, momentum } = this;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      const vi = momentum * v![i]! - lr * gi;
      v![i] = vi;
      p[i] = p[i]! + momentum * momentum * vi - (1 + momentum) * lr * gi;
    }
  }
}

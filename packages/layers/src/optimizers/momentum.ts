import type { TypedArray } from '@dl/linalg';
import { checkHyper } from '../internal/checks.js';
import { SlottedOptimizer } from './slotted-optimizer.js';

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
export class Momentum extends SlottedOptimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The momentum coefficient α. */
  readonly momentum: number;

  /**
   * @param options - `{ lr = 0.01, momentum = 0.9 }`
   * @throws RangeError when lr is not > 0 or momentum is not in [0, 1)
   */
  constructor(options: MomentumOptions = {}) {
    super('Momentum', ['v']);
    this.lr = checkHyper('Momentum', 'lr', options.lr ?? 0.01, 'positive');
    this.momentum = checkHyper('Momentum', 'momentum', options.momentum ?? 0.9, 'unit');
  }

  protected hyperparameters(): Record<string, number> {
    return { lr: this.lr, momentum: this.momentum };
  }

  /**
   * v ← α·v − η·dW; W ← W + v, for one parameter, in place.
   */
  protected step(p: TypedArray, g: TypedArray, [v]: TypedArray[]): void {
    const { lr, momentum } = this;
    for (let i = 0; i < p.length; i++) {
      const vi = momentum * v![i]! - lr * g[i]!;
      v![i] = vi;
      p[i] = p[i]! + vi;
    }
  }
}

import type { TypedArray } from '@dl/linalg';
import { checkHyper } from '../internal/checks.js';
import { SlottedOptimizer } from './slotted-optimizer.js';

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
export class AdaGrad extends SlottedOptimizer {
  /** The learning rate η. */
  readonly lr: number;

  /**
   * @param options - `{ lr = 0.01 }`
   * @throws RangeError when lr is not a finite number > 0
   */
  constructor(options: AdaGradOptions = {}) {
    super('AdaGrad', ['h']);
    this.lr = checkHyper('AdaGrad', 'lr', options.lr ?? 0.01, 'positive');
  }

  protected hyperparameters(): Record<string, number> {
    return { lr: this.lr };
  }

  /**
   * h ← h + dW²; W ← W − η·dW / (√h + 1e-7), for one parameter, in place.
   */
  protected step(p: TypedArray, g: TypedArray, [h]: TypedArray[]): void {
    const lr = this.lr;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      h![i] = h![i]! + gi * gi;
      p[i] = p[i]! - (lr * gi) / (Math.sqrt(h![i]!) + 1e-7);
    }
  }
}

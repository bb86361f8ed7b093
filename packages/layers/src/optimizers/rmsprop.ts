import type { TypedArray } from '@dl/linalg';
import { checkHyper } from '../internal/checks.js';
import { SlottedOptimizer } from './slotted-optimizer.js';

/** Options of {@link RMSprop}. */
export interface RMSpropOptions {
  /** The learning rate η, > 0 (default 0.01). */
  lr?: number;
  /** How much of the running mean of squared gradients is kept, ρ in [0, 1) (default 0.99). */
  decayRate?: number;
}

/**
 * RMSprop: AdaGrad whose memory fades. Instead of summing every squared gradient (so that the
 * steps shrink towards zero), it keeps an exponentially decaying mean of them, as in the book:
 * h ← ρ·h + (1 − ρ)·(∂L/∂W)², W ← W − η·∂L/∂W / (√h + 1e-7).
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { RMSprop } from '@dl/layers';
 * const W = array([1]);
 * new RMSprop({ lr: 0.1, decayRate: 0.99 }).update({ W }, { W: array([2]) });
 * // h = 0.01·4 = 0.04, W = 1 − 0.1·2/0.2 = 0 (up to the 1e-7)
 * ```
 */
export class RMSprop extends SlottedOptimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The decay rate ρ of the running mean of squared gradients. */
  readonly decayRate: number;

  /**
   * @param options - `{ lr = 0.01, decayRate = 0.99 }`
   * @throws RangeError when lr is not > 0 or decayRate is not in [0, 1)
   */
  constructor(options: RMSpropOptions = {}) {
    super('RMSprop', ['h']);
    this.lr = checkHyper('RMSprop', 'lr', options.lr ?? 0.01, 'positive');
    this.decayRate = checkHyper('RMSprop', 'decayRate', options.decayRate ?? 0.99, 'unit');
  }

  protected hyperparameters(): Record<string, number> {
    return { lr: this.lr, decayRate: this.decayRate };
  }

  /**
   * h ← ρ·h + (1 − ρ)·dW²; W ← W − η·dW / (√h + 1e-7), for one parameter, in place.
   */
  protected step(p: TypedArray, g: TypedArray, [h]: TypedArray[]): void {
    const { lr, decayRate } = this;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]!;
      h![i] = decayRate * h![i]! + (1 - decayRate) * gi * gi;
      p[i] = p[i]! - (lr * gi) / (Math.sqrt(h![i]!) + 1e-7);
    }
  }
}

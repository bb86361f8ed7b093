import { adamStep, NDArray, type TypedArray } from '@dl/linalg';
import { checkHyper } from '../internal/checks.js';
import { SlottedOptimizer } from './slotted-optimizer.js';

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
export class Adam extends SlottedOptimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** β₁, the decay of m. */
  readonly beta1: number;
  /** β₂, the decay of v. */
  readonly beta2: number;

  /**
   * @param options - `{ lr = 0.001, beta1 = 0.9, beta2 = 0.999 }`
   * @throws RangeError when lr is not > 0 or a beta is not in [0, 1)
   */
  constructor(options: AdamOptions = {}) {
    super('Adam', ['m', 'v']);
    this.lr = checkHyper('Adam', 'lr', options.lr ?? 0.001, 'positive');
    this.beta1 = checkHyper('Adam', 'beta1', options.beta1 ?? 0.9, 'unit');
    this.beta2 = checkHyper('Adam', 'beta2', options.beta2 ?? 0.999, 'unit');
  }

  protected hyperparameters(): Record<string, number> {
    return { lr: this.lr, beta1: this.beta1, beta2: this.beta2 };
  }

  /**
   * One Adam step for one parameter, in place.
   */
  protected step(p: TypedArray, g: TypedArray, [m, v]: TypedArray[], t: number): void {
    const { beta1, beta2 } = this;
    const lrT = (this.lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    // The book's update, element by element:
    //   m[i] += (1 − β₁)(g[i] − m[i])
    //   v[i] += (1 − β₂)(g[i]² − v[i])
    //   p[i] −= lrT·m[i] / (√v[i] + 1e-7)
    // adamStep is that loop (run on WebAssembly SIMD for large arrays, with the same numbers).
    adamStep(new NDArray(p), new NDArray(g), new NDArray(m!), new NDArray(v!), {
      lrT,
      beta1,
      beta2,
    });
  }
}

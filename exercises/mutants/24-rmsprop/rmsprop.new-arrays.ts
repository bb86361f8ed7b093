// Known-wrong answer (CI: the tests must catch it): writes new arrays into params instead of updating the old ones in place.
import type { NDArray } from '@dl/linalg';

/**
 * RMSprop: h ← ρ·h + (1 − ρ)·g², then W ← W − lr·g / (√h + 1e-7), for every parameter, in place.
 */
export class RMSprop {
  /** The running mean of squared gradients, one array per parameter name (created at the first update). */
  h: Record<string, Float64Array> = {};

  /**
   * @param lr - the learning rate (the book's default 0.01)
   * @param decayRate - ρ, how much of the old mean is kept (default 0.99)
   */
  constructor(
    public lr = 0.01,
    public decayRate = 0.99,
  ) {}

  /**
   * One step for every parameter, changing the arrays of `params` in place.
   *
   * @param params - parameters by name (`W1`, `b1`, …)
   * @param grads - their gradients, by the same names and shapes
   */
  update(params: Record<string, NDArray>, grads: Record<string, NDArray>): void {
    for (const key of Object.keys(params)) {
      const p = params[key]!.data.slice(); // a copy: the network never sees the new values
      params[key] = new (params[key]!.constructor as typeof NDArray)(p, params[key]!.shape);
      const g = grads[key]!.data;
      this.h[key] ??= new Float64Array(p.length);
      const h = this.h[key]!;
      for (let i = 0; i < p.length; i++) {
        // First the mean of the squares moves towards g², then the step is divided by its root.
        h[i] = this.decayRate * h[i]! + (1 - this.decayRate) * g[i]! * g[i]!;
        p[i] = p[i]! - (this.lr * g[i]!) / (Math.sqrt(h[i]!) + 1e-7);
      }
    }
  }
}

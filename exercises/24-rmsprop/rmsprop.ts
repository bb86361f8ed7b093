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
    // TODO: for every key: create this.h[key] (zeros) the first time; then, element by element,
    // h ← ρ·h + (1 − ρ)·g² and W ← W − lr·g / (√h + 1e-7), writing into params[key].data.
    void params;
    void grads;
  }
}

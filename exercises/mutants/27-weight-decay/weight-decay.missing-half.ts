// Known-wrong answer (CI: the tests must catch it): the loss term without its ½ (then λ·W is not its gradient).
import type { NDArray } from '@dl/linalg';

/** The weight matrices of a network's parameters: the keys W1, W2, … (biases are not decayed). */
function isWeight(key: string): boolean {
  return key.startsWith('W');
}

/**
 * The weight-decay term of the loss: ½ · λ · Σ over every weight matrix of Σ W².
 *
 * @param params - parameters by name (`W1`, `b1`, `W2`, …)
 * @param lambda - λ ≥ 0
 * @returns the number added to the loss
 */
export function weightDecayLoss(params: Record<string, NDArray>, lambda: number): number {
  let sumOfSquares = 0;
  for (const [key, p] of Object.entries(params)) {
    if (!isWeight(key)) continue;
    for (const w of p.data) sumOfSquares += w * w;
  }
  return lambda * sumOfSquares; // the ½ forgotten
}

/**
 * Adds the weight-decay term's gradient, λ · W, to every weight gradient, in place.
 *
 * @param grads - the backprop gradients by name, changed in place
 * @param params - the parameters by the same names
 * @param lambda - λ ≥ 0
 */
export function addWeightDecay(
  grads: Record<string, NDArray>,
  params: Record<string, NDArray>,
  lambda: number,
): void {
  for (const key of Object.keys(grads)) {
    if (!isWeight(key)) continue;
    const g = grads[key]!.data;
    const w = params[key]!.data;
    // ∂(½·λ·W²)/∂W = λ·W
    for (let i = 0; i < g.length; i++) g[i] = g[i]! + lambda * w[i]!;
  }
}

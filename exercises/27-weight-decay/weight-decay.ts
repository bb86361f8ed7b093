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
  // TODO: ½ · λ · (the sum of the squares of every element of every weight matrix, keys W…).
  void params;
  void lambda;
  return 0;
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
  // TODO: for every weight key (isWeight), add λ · W to its gradient, element by element, in place.
  void grads;
  void params;
  void lambda;
  void isWeight;
}

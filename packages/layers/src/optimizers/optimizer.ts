import { formatShape, type NDArray, ShapeError } from '@dl/linalg';

/**
 * A snapshot of an optimiser, for checkpoints: plain data (numbers, strings and NDArrays), deep
 * copied, that `setState` of a new optimiser of the same kind restores exactly.
 *
 * Write `slots` the same way as the parameters (they are `Record<string, NDArray>` by parameter
 * name) and the rest as JSON.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Momentum } from '@dl/layers';
 * const opt = new Momentum();
 * opt.update({ W: array([1]) }, { W: array([1]) });
 * const state = opt.getState(); // { kind: 'Momentum', iteration: 1, slots: { v: { W: [-0.01] } }, … }
 * new Momentum().setState(state); // continues exactly where opt stands
 * ```
 */
export interface OptimizerState {
  /** Which optimiser: `'SGD'`, `'Momentum'`, `'AdaGrad'` or `'Adam'`. */
  kind: string;
  /** The hyperparameters it was created with, e.g. `{ lr: 0.01, momentum: 0.9 }`. */
  hyperparameters: Record<string, number>;
  /** How many updates it has made. */
  iteration: number;
  /** Per-parameter arrays by slot name, e.g. Momentum `{ v: { W1, b1, … } }`, Adam `{ m, v }`. */
  slots: Record<string, Record<string, NDArray>>;
}

/**
 * What every optimiser offers: `update(params, grads)` changes each parameter IN PLACE (the same
 * NDArray objects, so layers holding them see the new values), using the gradient of the same name.
 *
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { Adam, type Optimizer, SGD } from '@dl/layers';
 * const W = array([1, 2]);
 * for (const opt of [new SGD({ lr: 0.1 }), new Adam()] as Optimizer[]) {
 *   opt.update({ W }, { W: array([1, 1]) });
 * }
 * const state = new Adam().getState(); // { kind: 'Adam', hyperparameters: {…}, iteration: 0, slots: { m: {}, v: {} } }
 * ```
 */
export interface Optimizer {
  /**
   * One update step.
   *
   * @param params - the parameters by name, changed in place
   * @param grads - the gradients by the same names and shapes
   */
  update(params: Record<string, NDArray>, grads: Record<string, NDArray>): void;
  /** A deep copy of the optimiser's state, for a checkpoint. */
  getState(): OptimizerState;
  /** Restores a state from `getState` of an optimiser of the same kind (deep copied in). */
  setState(state: OptimizerState): void;
}

/**
 * Checks that every parameter has a gradient of the same shape.
 * @internal
 */
export function checkUpdate(
  op: string,
  params: Record<string, NDArray>,
  grads: Record<string, NDArray>,
): void {
  if (
    typeof params !== 'object' ||
    params === null ||
    typeof grads !== 'object' ||
    grads === null
  ) {
    throw new TypeError(
      `${op}: params and grads must be objects; expected Record<string, NDArray> for both, got ${typeof params} and ${typeof grads}`,
    );
  }
  for (const key of Object.keys(params)) {
    const p = params[key]!;
    const g = grads[key];
    if (g === undefined) {
      throw new TypeError(
        `${op}: no gradient for parameter '${key}'; expected grads to have every key of params, got keys [${Object.keys(grads).join(', ')}]`,
      );
    }
    if (p.ndim !== g.ndim || p.shape.some((d, i) => d !== g.shape[i])) {
      throw new ShapeError(
        `${op}: gradient '${key}' does not match its parameter; expected ${formatShape(p.shape)}, got ${formatShape(g.shape)}`,
      );
    }
  }
}

/**
 * Deep-copies slot arrays.
 * @internal
 */
export function cloneSlots(
  slots: Record<string, Record<string, NDArray>>,
): Record<string, Record<string, NDArray>> {
  const out: Record<string, Record<string, NDArray>> = {};
  for (const [name, arrays] of Object.entries(slots)) {
    out[name] = {};
    for (const [key, a] of Object.entries(arrays)) out[name][key] = a.clone();
  }
  return out;
}

/**
 * Checks a state passed to `setState` against the optimiser it is restored into.
 * @internal
 */
export function checkState(
  op: string,
  kind: string,
  slotNames: readonly string[],
  state: OptimizerState,
): void {
  if (typeof state !== 'object' || state === null || state.kind !== kind) {
    throw new TypeError(
      `${op}: state is not from ${kind}; expected kind '${kind}', got ${typeof state === 'object' && state !== null ? `'${String(state.kind)}'` : typeof state}`,
    );
  }
  if (!Number.isInteger(state.iteration) || state.iteration < 0) {
    throw new RangeError(
      `${op}: invalid iteration; expected an integer >= 0, got ${String(state.iteration)}`,
    );
  }
  const names = Object.keys(state.slots ?? {}).sort();
  if (names.join(',') !== [...slotNames].sort().join(',')) {
    throw new TypeError(
      `${op}: state slots do not match; expected [${slotNames.join(', ')}], got [${names.join(', ')}]`,
    );
  }
}

/**
 * The slot array for a parameter, created as zeros of its shape the first time; checked after that.
 * @internal
 */
export function slotFor(
  op: string,
  slot: Record<string, NDArray>,
  key: string,
  param: NDArray,
  zeros: (p: NDArray) => NDArray,
): NDArray {
  let s = slot[key];
  if (s === undefined) {
    s = zeros(param);
    slot[key] = s;
  } else if (s.size !== param.size) {
    throw new ShapeError(
      `${op}: state for parameter '${key}' does not match it; expected ${formatShape(param.shape)}, got ${formatShape(s.shape)}`,
    );
  }
  return s;
}

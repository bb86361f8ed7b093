import type { NDArray, TypedArray } from '@dl/linalg';
import { gradientFor } from '../internal/gradient-arrays.js';
import {
  checkState,
  checkUpdate,
  cloneSlots,
  type Optimizer,
  type OptimizerState,
  slotFor,
} from './optimizer.js';

/**
 * What Momentum, Nesterov, AdaGrad, RMSprop and Adam share: per-parameter arrays ("slots": a
 * velocity v, a sum of squares h, running means m and v) kept by parameter name, a step counter,
 * and the state for checkpoints. Each optimiser only says how one parameter is updated, in
 * {@link SlottedOptimizer.step}, which is where its update rule reads as in the book.
 * @internal
 */
export abstract class SlottedOptimizer implements Optimizer {
  /** Updates done so far (the t of Adam's bias correction after the step). */
  protected iteration = 0;
  private slots: Record<string, Record<string, NDArray>>;

  /**
   * @param kind - the optimiser's name, as in messages and states
   * @param slotNames - the names of its per-parameter arrays, in the order `step` gets them
   */
  protected constructor(
    private readonly kind: string,
    private readonly slotNames: readonly string[],
  ) {
    this.slots = Object.fromEntries(slotNames.map((name) => [name, {}]));
  }

  /** The hyperparameters, as stored in the state. */
  protected abstract hyperparameters(): Record<string, number>;

  /**
   * Updates one parameter in place.
   *
   * @param p - the parameter's elements
   * @param g - its gradient's elements
   * @param slots - its slot arrays in the order of `slotNames`, zeros at first
   * @param t - the number of this update, from 1
   */
  protected abstract step(p: TypedArray, g: TypedArray, slots: TypedArray[], t: number): void;

  /**
   * One update step for every parameter, in place.
   *
   * @param params - the parameters by name, changed in place
   * @param grads - the gradients by the same names and shapes
   * @throws ShapeError when a gradient's (or the restored state's) shape differs from its parameter's
   * @throws TypeError when a parameter has no gradient
   */
  update(params: Record<string, NDArray>, grads: Record<string, NDArray>): void {
    const op = `${this.kind}.update`;
    checkUpdate(op, params, grads);
    const t = this.iteration + 1;
    for (const key of Object.keys(params)) {
      const param = params[key]!;
      // A slot starts as zeros of the parameter's shape, resident where the parameter is (so
      // that a kernel updating both, such as Adam's, finds them in place).
      const slots = this.slotNames.map(
        (name) => slotFor(op, this.slots[name]!, key, param, gradientFor).data,
      );
      this.step(param.data, grads[key]!.data, slots, t);
    }
    this.iteration = t;
  }

  /** A deep copy of the state: the hyperparameters, the step count and the slots. */
  getState(): OptimizerState {
    return {
      kind: this.kind,
      hyperparameters: this.hyperparameters(),
      iteration: this.iteration,
      slots: cloneSlots(this.slots),
    };
  }

  /**
   * Restores a state from `getState` of the same kind of optimiser (deep copied in).
   *
   * @throws TypeError when the state is of another kind or has other slots
   * @throws RangeError when its iteration is not an integer >= 0
   */
  setState(state: OptimizerState): void {
    checkState(`${this.kind}.setState`, this.kind, this.slotNames, state);
    this.slots = cloneSlots(state.slots);
    this.iteration = state.iteration;
  }
}

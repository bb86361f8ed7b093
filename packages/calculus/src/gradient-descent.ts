import { array, formatShape, NDArray, ShapeError } from '@dl/linalg';
import { checkFunction } from './checks.js';
import { numericalGradient } from './numerical-gradient.js';

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions {
  /** The learning rate η (학습률), a finite number > 0. */
  lr: number;
  /** How many updates to make, an integer ≥ 0. */
  steps: number;
  /**
   * The gradient of f at x, as an array of x's shape. Defaults to the numerical gradient
   * (`numericalGradient(f, x)`); pass the analytic one when you have it.
   */
  gradient?: (x: NDArray) => NDArray;
}

/** What {@link gradientDescent} returns. */
export interface GradientDescentResult {
  /** The point after the last step. */
  x: NDArray;
  /** Every point visited, for plotting the path: `history[0]` is the start, `history[steps]` is `x`. */
  history: NDArray[];
}

/**
 * Minimises f by gradient descent (경사하강법): `steps` times, x ← x − η·∇f(x).
 *
 * This is the standard rule the lecture's gradient-descent chapter writes as
 * x₀ ← x₀ − η ∂f/∂x₀, x₁ ← x₁ − η ∂f/∂x₁. One earlier slide (기울기) writes the update as
 * "value − gradient × value × learning rate", i.e. x ← x − η·x·∂f/∂x; that scales each step by the
 * current value, so a weight at 0 could never move and a negative weight would move uphill. It is
 * not used here nor in any reference text; read it as a slip on the slide.
 *
 * @param f - the function to minimise, called with the current point
 * @param init - the starting point (not modified)
 * @param options - `{ lr, steps, gradient? }`
 * @returns the final point and the path
 * @throws RangeError when lr is not a finite number > 0, steps is not an integer ≥ 0, or the
 *   gradient has non-finite elements (the learning rate is too large and the walk diverged)
 * @throws ShapeError when `gradient` returns an array of another size than x
 * @throws TypeError when f or gradient is not a function, or init is not an NDArray or number[]
 * @example
 * ```ts
 * import { array } from '@dl/linalg';
 * import { gradientDescent } from '@dl/calculus';
 * const f = (x) => x.get(0) ** 2 + x.get(1) ** 2;
 * const { x } = gradientDescent(f, array([-3, 4]), { lr: 0.1, steps: 100 });
 * x.toArray(); // ≈ [0, 0] (about [-6.1e-10, 8.1e-10])
 * ```
 */
export function gradientDescent(
  f: (x: NDArray) => number,
  init: NDArray | readonly number[],
  options: GradientDescentOptions,
): GradientDescentResult {
  const op = 'gradientDescent';
  checkFunction(op, f);
  const { lr, steps, gradient } = options ?? ({} as GradientDescentOptions);
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr <= 0) {
    throw new RangeError(`${op}: invalid lr; expected a finite number > 0, got ${String(lr)}`);
  }
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`${op}: invalid steps; expected an integer >= 0, got ${String(steps)}`);
  }
  if (gradient !== undefined) checkFunction(`${op}: gradient`, gradient);
  let x: NDArray;
  if (init instanceof NDArray) x = init.clone();
  else if (Array.isArray(init)) x = array(init as number[]);
  else {
    throw new TypeError(
      `${op}: init is not an array; expected an NDArray or number[], got ${typeof init}`,
    );
  }
  const grad = gradient ?? ((p: NDArray) => numericalGradient(f, p));
  const history = [x.clone()];
  for (let step = 0; step < steps; step++) {
    const g = grad(x);
    if (!(g instanceof NDArray)) {
      throw new TypeError(
        `${op}: gradient returned a non-array; expected an NDArray of shape ${formatShape(x.shape)}, got ${typeof g}`,
      );
    }
    if (g.size !== x.size) {
      throw new ShapeError(
        `${op}: gradient does not match x; expected shape ${formatShape(x.shape)}, got ${formatShape(g.shape)}`,
      );
    }
    for (let i = 0; i < x.size; i++) {
      const gi = g.data[i]!;
      if (!Number.isFinite(gi)) {
        throw new RangeError(
          `${op}: gradient is not finite at step ${step}; expected finite values (try a smaller lr), got ${gi}`,
        );
      }
      x.data[i] = x.data[i]! - lr * gi; // x ← x − η·∂f/∂x
    }
    history.push(x.clone());
  }
  return { x, history };
}

import type { NDArray } from '@dl/linalg';
import type { Network } from './network.js';

/** How far backprop and numerical gradients are apart for one parameter. */
export interface ParamDifference {
  /** Largest `|numerical − backprop|` over the parameter's elements. */
  maxAbsDiff: number;
  /** Largest `|numerical − backprop| / max(|numerical| + |backprop|, floor)`. */
  maxRelDiff: number;
  /** Mean `|numerical − backprop|`, the figure the book prints. */
  meanAbsDiff: number;
}

/** The result of {@link gradientCheck}. */
export interface GradientCheckResult {
  /** Differences for each parameter by name (`W1`, `b1`, …). */
  params: Record<string, ParamDifference>;
  /** The largest `maxRelDiff` over all parameters. */
  maxRelDiff: number;
}

/** Options of {@link gradientCheck}. */
export interface GradientCheckOptions {
  /** Central-difference step (default 1e-4, the lecture's). */
  h?: number;
  /**
   * Smallest denominator of the relative difference (default 1e-7), so that elements whose true
   * gradient is (nearly) zero, like those behind a dead ReLU, do not divide noise by noise.
   */
  floor?: number;
}

/**
 * Checks backpropagation against the numerical gradient (기울기 확인, gradient check): computes both on
 * the same batch and reports, per parameter, how far apart they are. A correct backward pass gives
 * relative differences around 1e-7 or less in float64.
 *
 * @param net - any {@link Network}
 * @param x - a small batch of inputs `[N, inputSize]` (the numerical gradient is slow)
 * @param t - its labels `[N]` or one-hot `[N, outputSize]`
 * @param options - the step `h` and the denominator `floor`
 * @returns differences per parameter and the largest relative one
 * @throws ShapeError when `x` or `t` does not fit the network
 * @throws RangeError when `h` or `floor` is not a positive number
 * @example
 * ```ts
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, gradientCheck } from '@dl/network';
 * const net = new SimpleNetwork({ inputSize: 3, hiddenSize: 4, outputSize: 2, weightInitStd: 1, rng: createRng(0) });
 * const result = gradientCheck(net, array([[0.1, 0.5, 0.9]]), array([1]));
 * result.maxRelDiff < 1e-6; // true
 * ```
 */
export function gradientCheck(
  net: Network,
  x: NDArray,
  t: NDArray,
  options: GradientCheckOptions = {},
): GradientCheckResult {
  const h = options.h ?? 1e-4;
  const floor = options.floor ?? 1e-7;
  for (const [name, v] of [
    ['h', h],
    ['floor', floor],
  ] as const) {
    if (!Number.isFinite(v) || v <= 0) {
      throw new RangeError(
        `gradientCheck: invalid ${name}; expected a finite number > 0, got ${v}`,
      );
    }
  }
  // Backprop first and copy: the layers may reuse their gradient buffers on the next pass.
  const backprop = Object.fromEntries(
    Object.entries(net.gradient(x, t)).map(([k, g]) => [k, g.clone()]),
  );
  const numerical = net.numericalGradient(x, t, { h });
  const params: Record<string, ParamDifference> = {};
  let worst = 0;
  for (const name of Object.keys(net.params)) {
    const a = numerical[name]!.data;
    const b = backprop[name]!.data;
    let maxAbs = 0;
    let maxRel = 0;
    let sumAbs = 0;
    for (let i = 0; i < a.length; i++) {
      const diff = Math.abs(a[i]! - b[i]!);
      const rel = diff / Math.max(Math.abs(a[i]!) + Math.abs(b[i]!), floor);
      sumAbs += diff;
      if (diff > maxAbs) maxAbs = diff;
      if (rel > maxRel) maxRel = rel;
    }
    params[name] = {
      maxAbsDiff: maxAbs,
      maxRelDiff: maxRel,
      meanAbsDiff: sumAbs / Math.max(a.length, 1),
    };
    if (maxRel > worst) worst = maxRel;
  }
  return { params, maxRelDiff: worst };
}

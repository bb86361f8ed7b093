import { type DType, formatShape, type NDArray, type Rng, randn, ShapeError } from '@dl/linalg';

/** Options of {@link initWeight}. */
export interface InitWeightOptions {
  /**
   * `'std'` (default): the lecture's `0.01 * np.random.randn(rows, cols)` (scale `std`).
   * `'xavier'`: scale √(1 / rows), for sigmoid/tanh layers.
   * `'he'`: scale √(2 / rows), for ReLU layers (ReLU zeroes half the signal, so twice the variance).
   */
  method?: 'std' | 'xavier' | 'he';
  /** The scale for `'std'` (default 0.01). */
  std?: number;
  /** The seeded random generator (`createRng(seed)` from `@dl/linalg`); required. */
  rng: Rng;
  /** Element type of the result (default `float64`). */
  dtype?: DType;
}

/**
 * A weight matrix `[rows, cols]` of normally distributed values, scaled as the chosen method says
 * (rows = the number of inputs to the layer, the "previous layer's nodes").
 *
 * Randomness always comes from the generator passed in, so the same seed gives the same weights.
 *
 * @param shape - `[rows, cols]`
 * @param options - `{ method = 'std', std = 0.01, rng, dtype }`
 * @returns a new `[rows, cols]` array
 * @throws ShapeError when shape is not two positive integers
 * @throws RangeError when std is not a finite number > 0 or the method is unknown
 * @throws TypeError when rng is missing
 * @example
 * ```ts
 * import { createRng } from '@dl/linalg';
 * import { initWeight } from '@dl/layers';
 * const rng = createRng(42);
 * const W1 = initWeight([784, 50], { rng }); // 0.01 · randn
 * const W2 = initWeight([50, 10], { method: 'he', rng }); // √(2/50) · randn
 * ```
 */
export function initWeight(shape: readonly [number, number], options: InitWeightOptions): NDArray {
  const op = 'initWeight';
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !shape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    throw new ShapeError(
      `${op}: invalid shape; expected [rows, cols] of positive integers, got ${Array.isArray(shape) ? formatShape(shape) : typeof shape}`,
    );
  }
  const {
    method = 'std',
    std = 0.01,
    rng,
    dtype = 'float64',
  } = options ?? ({} as InitWeightOptions);
  if (rng === undefined || typeof rng.normal !== 'function') {
    throw new TypeError(
      `${op}: no random generator; expected options.rng from createRng(seed), got ${typeof rng}`,
    );
  }
  const rows = shape[0];
  let scale: number;
  switch (method) {
    case 'std':
      if (typeof std !== 'number' || !Number.isFinite(std) || std <= 0) {
        throw new RangeError(
          `${op}: invalid std; expected a finite number > 0, got ${String(std)}`,
        );
      }
      scale = std;
      break;
    case 'xavier':
      scale = Math.sqrt(1 / rows);
      break;
    case 'he':
      scale = Math.sqrt(2 / rows);
      break;
    default:
      throw new RangeError(
        `${op}: unknown method; expected 'std', 'xavier' or 'he', got ${String(method)}`,
      );
  }
  const W = randn(shape, rng, { dtype });
  const d = W.data;
  for (let i = 0; i < d.length; i++) d[i] = d[i]! * scale;
  return W;
}

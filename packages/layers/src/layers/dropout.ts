import { allocate, NDArray, type Rng } from '@dl/linalg';
import { checkNDArray, checkSameShape } from '../internal/checks.js';
import type { Layer } from './layer.js';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /** The fraction of units dropped in training, in [0, 1) (default 0.5, the book's). */
  dropoutRatio?: number;
  /** The seeded generator the masks are drawn from (`createRng(seed)` from `@dl/linalg`); required. */
  rng: Rng;
}

/**
 * The Dropout layer (드롭아웃), as in the book (ch. 6.4.3): in training each unit is kept with
 * probability 1 − ratio and set to 0 otherwise, a fresh random mask every forward pass; at test
 * time every unit is kept and the output is scaled by 1 − ratio, so that its expected size is
 * what the next layer saw in training.
 *
 * Shapes: x of any shape; the output and dx have x's shape.
 * - training: mask = (rand(x.shape) > ratio); out = x ⊙ mask; dx = dout ⊙ mask
 * - test:     out = x · (1 − ratio);                             dx = dout · (1 − ratio)
 *
 * The train/test switch is the second argument of `forward` (the book's `train_flg`), which the
 * network passes to all its layers; the random masks come from the generator given to the
 * constructor, so the same seed drops the same units.
 *
 * @example
 * ```ts
 * import { array, createRng } from '@dl/linalg';
 * import { Dropout } from '@dl/layers';
 * const dropout = new Dropout({ dropoutRatio: 0.5, rng: createRng(0) });
 * dropout.forward(array([[1, 2, 3, 4]]), true).toArray(); // some entries 0, the others kept
 * dropout.forward(array([[1, 2, 3, 4]]), false).toArray(); // [[0.5, 1, 1.5, 2]]
 * ```
 */
export class Dropout implements Layer {
  readonly params: Record<string, NDArray> = Object.freeze({});
  readonly grads: Record<string, NDArray> = Object.freeze({});
  /** The fraction of units dropped in training. */
  readonly dropoutRatio: number;
  private readonly rng: Rng;
  /** 1 where the last training forward kept the unit. */
  private mask: Uint8Array = new Uint8Array(0);
  /** Whether the last forward was in training mode (with a mask) or test mode (scaled). */
  private lastTrain = true;
  private shape: readonly number[] | undefined;

  /**
   * @param options - `{ dropoutRatio = 0.5, rng }`
   * @throws RangeError when dropoutRatio is not in [0, 1)
   * @throws TypeError when rng is missing
   */
  constructor(options: DropoutOptions) {
    const ratio = options?.dropoutRatio ?? 0.5;
    if (typeof ratio !== 'number' || !(ratio >= 0 && ratio < 1)) {
      throw new RangeError(
        `Dropout: invalid dropoutRatio; expected a number in [0, 1), got ${String(ratio)}`,
      );
    }
    const rng = options?.rng;
    if (rng === undefined || typeof rng.random !== 'function') {
      throw new TypeError(
        `Dropout: no random generator; expected options.rng from createRng(seed), got ${typeof rng}`,
      );
    }
    this.dropoutRatio = ratio;
    this.rng = rng;
  }

  /**
   * Drops units at random (training) or scales every unit by 1 − ratio (test).
   *
   * @param x - any shape
   * @param trainFlg - true in training (default, as the book), false at test time
   * @returns a new array of x's shape and dtype
   * @throws TypeError when x is not an NDArray
   */
  forward(x: NDArray, trainFlg = true): NDArray {
    checkNDArray('Dropout.forward', 'x', x);
    const n = x.size;
    const xd = x.data;
    const out = allocate(x.dtype, n);
    this.shape = x.shape;
    this.lastTrain = trainFlg;
    if (trainFlg) {
      if (this.mask.length !== n) this.mask = new Uint8Array(n);
      const mask = this.mask;
      const ratio = this.dropoutRatio;
      for (let i = 0; i < n; i++) {
        // mask = rand > ratio: a unit survives with probability 1 − ratio.
        const keep = this.rng.random() > ratio ? 1 : 0;
        mask[i] = keep;
        out[i] = keep === 1 ? xd[i]! : 0;
      }
    } else {
      const scale = 1 - this.dropoutRatio;
      for (let i = 0; i < n; i++) out[i] = xd[i]! * scale;
    }
    return new NDArray(out, x.shape);
  }

  /**
   * dx = dout where the last (training) forward kept the unit, 0 where it dropped it; after a
   * test-mode forward, dx = dout · (1 − ratio), the derivative of that scaling.
   *
   * @param dout - the shape of the last forward's output
   * @returns a new array, dx
   * @throws ShapeError when dout's shape differs from the forward output's
   * @throws Error when called before `forward`
   */
  backward(dout: NDArray): NDArray {
    checkNDArray('Dropout.backward', 'dout', dout);
    if (this.shape === undefined) {
      throw new Error(
        'Dropout.backward: called before forward; expected forward(x) first, got no cached mask',
      );
    }
    checkSameShape(
      'Dropout.backward',
      'dout shape differs from the forward output',
      this.shape,
      dout.shape,
    );
    const n = dout.size;
    const g = dout.data;
    const dx = allocate(dout.dtype, n);
    if (this.lastTrain) {
      const mask = this.mask;
      for (let i = 0; i < n; i++) dx[i] = mask[i] === 1 ? g[i]! : 0;
    } else {
      const scale = 1 - this.dropoutRatio;
      for (let i = 0; i < n; i++) dx[i] = g[i]! * scale;
    }
    return new NDArray(dx, dout.shape);
  }
}

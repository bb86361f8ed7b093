// Known-wrong answer (CI: the tests must catch it): keeps a unit with probability ratio (draw < ratio) instead of 1 − ratio.
import { mul, NDArray, type Rng } from '@dl/linalg';

/**
 * Dropout: in training, each unit survives with probability 1 − ratio (a fresh random mask every
 * forward); at test time every unit is kept and scaled by 1 − ratio.
 */
export class Dropout {
  /** 1 where the last training forward kept the unit, 0 where it dropped it. */
  mask: NDArray | undefined;

  /**
   * @param dropoutRatio - the fraction of units dropped in training, in [0, 1)
   * @param rng - the seeded generator the masks are drawn from (`rng.random()` is uniform in [0, 1))
   */
  constructor(
    public dropoutRatio: number,
    public rng: Rng,
  ) {}

  /**
   * @param x - any shape
   * @param trainFlg - true in training, false at test time
   * @returns a new array of x's shape
   */
  forward(x: NDArray, trainFlg = true): NDArray {
    if (trainFlg) {
      // One uniform draw per element, in order; kept when the draw is above the ratio.
      const keep = Float64Array.from(x.data, () => (this.rng.random() < this.dropoutRatio ? 1 : 0));
      this.mask = new NDArray(keep, x.shape);
      return mul(x, this.mask);
    }
    return mul(x, 1 - this.dropoutRatio);
  }

  /**
   * @param dout - ∂L/∂out, the shape of the last output
   * @returns ∂L/∂x: dout where the unit was kept, 0 where it was dropped
   */
  backward(dout: NDArray): NDArray {
    if (!this.mask) throw new Error('Dropout.backward: no training forward pass yet');
    return mul(dout, this.mask);
  }
}

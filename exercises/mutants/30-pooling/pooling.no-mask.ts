// Known-wrong answer (CI: the tests must catch it): the mask forgotten: every gradient goes to the window's first (top-left) element.
import { NDArray, zeros } from '@dl/linalg';

/** Max pooling with a `PH × PW` window (no padding), with its backward pass. */
export class Pooling {
  /** For each output element, the flat index in x of its window's maximum. */
  argMax: Int32Array = new Int32Array(0);
  /** The shape of the last forward input. */
  xShape: number[] = [];

  constructor(
    public poolH: number,
    public poolW: number,
    public stride = 1,
  ) {}

  /**
   * @param x - images `[N, C, H, W]`
   * @returns `[N, C, OH, OW]`, the maximum of each window
   */
  forward(x: NDArray): NDArray {
    const [N, C, H, W] = x.shape as [number, number, number, number];
    const { poolH: PH, poolW: PW, stride } = this;
    const OH = (H - PH) / stride + 1;
    const OW = (W - PW) / stride + 1;
    const out = new NDArray(new Float64Array(N * C * OH * OW), [N, C, OH, OW]);
    this.argMax = new Int32Array(out.size);
    this.xShape = [N, C, H, W];
    let i = 0;
    for (let n = 0; n < N; n++) {
      for (let c = 0; c < C; c++) {
        for (let oy = 0; oy < OH; oy++) {
          for (let ox = 0; ox < OW; ox++, i++) {
            let best = -1;
            for (let ky = 0; ky < PH; ky++) {
              for (let kx = 0; kx < PW; kx++) {
                const at = ((n * C + c) * H + oy * stride + ky) * W + ox * stride + kx;
                if (best < 0 || x.data[at]! > x.data[best]!) best = at; // the first of equals wins
              }
            }
            this.argMax[i] = ((n * C + c) * H + oy * stride) * W + ox * stride;
            out.data[i] = x.data[best]!;
          }
        }
      }
    }
    return out;
  }

  /**
   * @param dout - ∂L/∂out `[N, C, OH, OW]`
   * @returns ∂L/∂x `[N, C, H, W]`: each dout at its window's maximum, 0 elsewhere
   */
  backward(dout: NDArray): NDArray {
    const dx = zeros(this.xShape);
    for (let i = 0; i < dout.size; i++) {
      const at = this.argMax[i]!;
      dx.data[at] = dx.data[at]! + dout.data[i]!; // overlapping windows add up
    }
    return dx;
  }
}

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
    // TODO: for each n, c, oy, ox find the largest element of the window whose corner is at
    // (oy·stride, ox·stride), store it in out and its flat index in this.argMax.
    void OW;
    return out;
  }

  /**
   * @param dout - ∂L/∂out `[N, C, OH, OW]`
   * @returns ∂L/∂x `[N, C, H, W]`: each dout at its window's maximum, 0 elsewhere
   */
  backward(dout: NDArray): NDArray {
    const dx = zeros(this.xShape);
    // TODO: add each dout value at the index of its window's maximum (this.argMax).
    void dout;
    return dx;
  }
}

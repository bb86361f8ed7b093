import { add, col2im, dot, im2col, type NDArray, sum } from '@dl/linalg';

/** The book's convolution layer: filters W `[FN, C, FH, FW]`, biases b `[FN]`. */
export class Convolution {
  /** The last forward input `[N, C, H, W]`. */
  x: NDArray | undefined;
  /** im2col of the last input `[N·OH·OW, C·FH·FW]`. */
  col: NDArray | undefined;
  /** W flattened and transposed, `[C·FH·FW, FN]`. */
  colW: NDArray | undefined;
  /** ∂L/∂W after backward, `[FN, C, FH, FW]`. */
  dW: NDArray | undefined;
  /** ∂L/∂b after backward, `[FN]`. */
  db: NDArray | undefined;

  constructor(
    public W: NDArray,
    public b: NDArray,
    public stride = 1,
    public pad = 0,
  ) {}

  /**
   * @param x - images `[N, C, H, W]`
   * @returns `[N, FN, OH, OW]`
   */
  forward(x: NDArray): NDArray {
    const [FN, , FH, FW] = this.W.shape as [number, number, number, number];
    const [N, , H, W] = x.shape as [number, number, number, number];
    const OH = (H + 2 * this.pad - FH) / this.stride + 1;
    const OW = (W + 2 * this.pad - FW) / this.stride + 1;
    const col = im2col(x, FH, FW, this.stride, this.pad);
    const colW = this.W.reshape(FN, -1).T;
    const out = add(dot(col, colW), this.b); // [N·OH·OW, FN]
    this.x = x;
    this.col = col;
    this.colW = colW;
    return out.reshape(N, OH, OW, FN).transpose(0, 3, 1, 2);
  }

  /**
   * @param dout - ∂L/∂out `[N, FN, OH, OW]`
   * @returns ∂L/∂x `[N, C, H, W]`; sets dW `[FN, C, FH, FW]` and db `[FN]`
   * @throws Error when called before forward
   */
  backward(dout: NDArray): NDArray {
    if (!this.x || !this.col || !this.colW) {
      throw new Error('Convolution.backward: no forward pass yet; expected forward(x) first');
    }
    const [FN, C, FH, FW] = this.W.shape as [number, number, number, number];
    const d = dout.transpose(0, 2, 3, 1).reshape(-1, FN); // rows in col's order
    this.db = sum(d, { axis: 0 }); // [FN]: every position of every image
    this.dW = dot(this.col.T, d).T.reshape(FN, C, FH, FW); // (colᵀ·dout)ᵀ, W's layout
    const dcol = dot(d, this.colW.T); // [N·OH·OW, C·FH·FW]
    return col2im(dcol, this.x.shape, FH, FW, this.stride, this.pad);
  }
}

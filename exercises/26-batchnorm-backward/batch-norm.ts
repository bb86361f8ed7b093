import { add, div, mean, mul, type NDArray, sqrt, sub, zerosLike } from '@dl/linalg';

/** Batch normalisation of a batch `[N, D]` (training mode), with γ and β learnt. */
export class BatchNormalization {
  /** ∂L/∂γ after backward, `[D]`. */
  dgamma: NDArray | undefined;
  /** ∂L/∂β after backward, `[D]`. */
  dbeta: NDArray | undefined;
  /** What forward keeps for backward: xc = x − μ, std = √(σ² + ε), xn = xc / std. */
  xc: NDArray | undefined;
  std: NDArray | undefined;
  xn: NDArray | undefined;
  batchSize = 0;

  /**
   * @param gamma - the scale γ `[D]`
   * @param beta - the shift β `[D]`
   */
  constructor(
    public gamma: NDArray,
    public beta: NDArray,
  ) {}

  /**
   * Normalises every feature over the batch, then scales and shifts it (given).
   *
   * @param x - `[N, D]`
   * @returns γ ⊙ (x − μ) / √(σ² + ε) + β, `[N, D]`
   */
  forward(x: NDArray): NDArray {
    const mu = mean(x, { axis: 0 });
    const xc = sub(x, mu);
    const variance = mean(mul(xc, xc), { axis: 0 });
    const std = sqrt(add(variance, 1e-6));
    const xn = div(xc, std);
    this.xc = xc;
    this.std = std;
    this.xn = xn;
    this.batchSize = x.shape[0]!;
    return add(mul(this.gamma, xn), this.beta);
  }

  /**
   * @param dout - ∂L/∂out, `[N, D]`
   * @returns ∂L/∂x, `[N, D]`; sets `dgamma` and `dbeta` `[D]`
   */
  backward(dout: NDArray): NDArray {
    const { xc, std, xn, batchSize: n } = this;
    if (!xc || !std || !xn) throw new Error('BatchNormalization.backward: no forward pass yet');
    // TODO: the book's graph, right to left: dbeta = Σ dout, dgamma = Σ xn ⊙ dout (over axis 0);
    // dxn = γ ⊙ dout; dxc = dxn / std; dstd = −Σ dxn ⊙ xc / std²; dvar = ½·dstd / std;
    // dxc += (2/N)·xc ⊙ dvar; dmu = Σ dxc; dx = dxc − dmu / N.
    void dout;
    void n;
    this.dbeta = zerosLike(this.beta);
    this.dgamma = zerosLike(this.gamma);
    return zerosLike(xc);
  }
}

// Known-wrong answer (CI: the tests must catch it): dx leaves out the path through the batch variance.
import { add, div, mean, mul, type NDArray, sqrt, sub, sum } from '@dl/linalg';

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
    this.dbeta = sum(dout, { axis: 0 });
    this.dgamma = sum(mul(xn, dout), { axis: 0 });
    const dxn = mul(this.gamma, dout);
    const dxc = div(dxn, std);
    // std depends on every xc of its column: dstd = −Σ dxn·xc / std², dvar = ½·dstd / std.
    const dstd = mul(sum(div(mul(dxn, xc), mul(std, std)), { axis: 0 }), -1);
    const dvar = div(mul(dstd, 0.5), std);
    void dvar; // the path through the variance forgotten
    // μ depends on every x of its column: dx = dxc − Σ dxc / N.
    const dmu = sum(dxc, { axis: 0 });
    return sub(dxc, div(dmu, n));
  }
}

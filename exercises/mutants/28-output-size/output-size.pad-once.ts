// Known-wrong answer (CI: the tests must catch it): the padding added on one side only, H + pad − FH.
/**
 * The output height (or width) of a convolution or pooling window:
 * `OH = (H + 2·pad − FH) / stride + 1`.
 *
 * @param H - the input's height
 * @param FH - the filter's height
 * @param stride - rows the filter moves each step
 * @param pad - rows of zeros added above and below
 * @returns OH, a whole number ≥ 1
 * @throws Error when the filter is larger than the padded input or the stride does not divide
 */
export function outputSize(H: number, FH: number, stride = 1, pad = 0): number {
  const span = H + pad - FH; // how far the filter's top edge can travel
  if (span < 0) {
    throw new Error(
      `outputSize: filter larger than the padded input; expected FH ≤ H + 2·pad = ${H + 2 * pad}, got FH = ${FH}`,
    );
  }
  if (span % stride !== 0) {
    throw new Error(
      `outputSize: the stride does not divide; expected (H + 2·pad − FH) / stride to be whole, got ${span} / ${stride}`,
    );
  }
  return span / stride + 1; // + 1: the first position, at row 0
}

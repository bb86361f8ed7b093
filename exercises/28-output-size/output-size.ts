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
  // TODO: compute (H + 2·pad − FH) / stride + 1, and throw when it is not a whole number ≥ 1.
  void H;
  void FH;
  void stride;
  void pad;
  return 0;
}

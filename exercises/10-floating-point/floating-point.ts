/**
 * Adds `value` to 0, `times` times, one addition after another.
 *
 * @param value - what to add
 * @param times - how many additions
 * @returns the running sum (with its accumulated rounding error)
 */
export function addRepeatedly(value: number, times: number): number {
  // TODO: a multiplication rounds once; the lesson needs the loop that rounds `times` times
  return value * times;
}

/**
 * Whether two floating-point numbers are equal within a tolerance (Python's `math.isclose`).
 *
 * @param a - first number
 * @param b - second number
 * @param rtol - relative tolerance, default 1e-9
 * @param atol - absolute tolerance, default 0 (use it for comparisons with 0)
 * @returns `|a − b| <= max(rtol · max(|a|, |b|), atol)`
 */
export function isClose(a: number, b: number, rtol = 1e-9, atol = 0): boolean {
  // TODO: === fails for 0.1 + 0.2 vs 0.3; compare the difference with the tolerances
  void rtol;
  void atol;
  return a === b;
}

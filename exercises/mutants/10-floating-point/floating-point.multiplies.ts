// Known-wrong answer (CI: the tests must catch it): multiplies once instead of adding in a loop, so the hundred roundings never happen
/**
 * Adds `value` to 0, `times` times, one addition after another.
 *
 * @param value - what to add
 * @param times - how many additions
 * @returns the running sum (with its accumulated rounding error)
 */
export function addRepeatedly(value: number, times: number): number {
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
  return Math.abs(a - b) <= Math.max(rtol * Math.max(Math.abs(a), Math.abs(b)), atol);
}

// Known-wrong answer (CI: the tests must catch it): compares |a − b| with rtol as an absolute tolerance, so 1e-20 is 'close' to 0
/**
 * Adds `value` to 0, `times` times, one addition after another.
 *
 * @param value - what to add
 * @param times - how many additions
 * @returns the running sum (with its accumulated rounding error)
 */
export function addRepeatedly(value: number, times: number): number {
  let s = 0;
  for (let i = 0; i < times; i++) s += value; // each addition rounds to the nearest double
  return s;
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
  return Math.abs(a - b) <= Math.max(rtol, atol);
}

/**
 * Argument checks shared by the public functions of this package (not exported from the index).
 * @internal
 */

/**
 * Checks a finite-difference step: a finite number greater than zero.
 * @internal
 */
export function checkStep(op: string, h: unknown): number {
  if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0) {
    throw new RangeError(`${op}: invalid step h; expected a finite number > 0, got ${String(h)}`);
  }
  return h;
}

/**
 * Checks that `f` is a function.
 * @internal
 */
export function checkFunction(op: string, f: unknown): void {
  if (typeof f !== 'function') {
    throw new TypeError(`${op}: f is not a function; expected a function, got ${typeof f}`);
  }
}

/**
 * Checks a value returned by `f`: a number that is not NaN. Infinities are let through (an
 * overflowing loss is the caller's business; the difference quotient then shows it).
 * @internal
 */
export function checkValue(op: string, value: unknown, where: string): number {
  if (typeof value !== 'number') {
    throw new TypeError(
      `${op}: f returned a non-number at ${where}; expected a number, got ${typeof value}`,
    );
  }
  if (Number.isNaN(value)) {
    throw new RangeError(`${op}: f returned NaN at ${where}; expected a number, got NaN`);
  }
  return value;
}

/**
 * Checks a point at which a derivative is taken: a finite number.
 * @internal
 */
export function checkPoint(op: string, name: string, x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${op}: invalid ${name}; expected a finite number, got ${String(x)}`);
  }
  return x;
}

/**
 * Checks that a node input is a number.
 * @internal
 */
export function checkNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') {
    throw new TypeError(`${op}: ${name} is not a number; expected a number, got ${typeof v}`);
  }
  return v;
}

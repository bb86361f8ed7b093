// Internal checks of hyperparameters and sizes (RangeError with the house message form).

/** Checks that `value` is a positive integer (a layer size, a count). */
export function checkSize(op: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${op}: invalid ${name}; expected a positive integer, got ${value}`);
  }
  return value;
}

/** Checks that `value` is a finite number > 0 (a scale, a learning rate). */
export function checkPositive(op: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${op}: invalid ${name}; expected a finite number > 0, got ${value}`);
  }
  return value;
}

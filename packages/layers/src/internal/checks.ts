import { array, formatShape, NDArray, type NestedArray, ShapeError } from '@dl/linalg';

/**
 * Argument checks and conversions shared inside this package (not exported from the index).
 * Public functions check at their boundary; these helpers build the messages.
 * @internal
 */

/** An array argument: an NDArray, or nested numbers as `array()` takes them. */
export type ArrayInput = NDArray | NestedArray[];

/**
 * Converts an array argument to an NDArray (NDArrays are returned as they are, not copied).
 * @internal
 */
export function toNDArray(op: string, name: string, x: unknown): NDArray {
  if (x instanceof NDArray) return x;
  if (Array.isArray(x)) return array(x as NestedArray);
  throw new TypeError(
    `${op}: ${name} is not an array; expected an NDArray or nested number[], got ${describe(x)}`,
  );
}

/**
 * Checks that x is an NDArray (layers take NDArrays only: they keep references to them).
 * @internal
 */
export function checkNDArray(op: string, name: string, x: unknown): NDArray {
  if (!(x instanceof NDArray)) {
    throw new TypeError(
      `${op}: ${name} is not an NDArray; expected an NDArray, got ${describe(x)}`,
    );
  }
  return x;
}

/**
 * Checks that two shapes are equal.
 * @internal
 */
export function checkSameShape(
  op: string,
  what: string,
  expected: readonly number[],
  got: readonly number[],
): void {
  if (expected.length !== got.length || expected.some((d, i) => d !== got[i])) {
    throw new ShapeError(
      `${op}: ${what}; expected ${formatShape(expected)}, got ${formatShape(got)}`,
    );
  }
}

/**
 * Checks a hyperparameter: a finite number in the given open/closed range.
 * @internal
 */
export function checkHyper(
  op: string,
  name: string,
  v: unknown,
  rule: 'positive' | 'unit' | 'nonnegative',
): number {
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (rule === 'positive' ? v > 0 : rule === 'nonnegative' ? v >= 0 : v >= 0 && v < 1);
  if (!ok) {
    const expected =
      rule === 'positive'
        ? 'a finite number > 0'
        : rule === 'nonnegative'
          ? 'a finite number >= 0'
          : 'a number in [0, 1)';
    throw new RangeError(`${op}: invalid ${name}; expected ${expected}, got ${String(v)}`);
  }
  return v as number;
}

/** A short description of a value's kind, for messages. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof NDArray) return `an NDArray of shape ${formatShape(x.shape)}`;
  if (Array.isArray(x)) return 'an array';
  return typeof x;
}

/**
 * Runs `f`, prefixing the message of a ShapeError or RangeError it throws with `op`, so that an
 * error found by a @dl/linalg function (im2col's size rule) names the layer that called it too.
 * @internal
 */
export function asOp<T>(op: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof ShapeError) throw new ShapeError(`${op}: ${error.message}`);
    if (error instanceof RangeError) throw new RangeError(`${op}: ${error.message}`);
    throw error;
  }
}

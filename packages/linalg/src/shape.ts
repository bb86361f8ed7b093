import { formatShape, ShapeError } from './shape-error.js';

/**
 * Checks that every dimension is a non-negative integer and returns the element count.
 * @internal
 */
export function checkShape(op: string, shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(
        `${op}: invalid shape; expected non-negative integer dimensions, got ${formatShape(shape)}`,
      );
    }
    size *= d;
  }
  return size;
}

/**
 * Number of elements of a shape (1 for the scalar shape `[]`).
 * @internal
 */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/**
 * Row-major (C order) strides of a shape, in elements.
 * @internal
 */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/**
 * Whether two shapes are equal dimension by dimension.
 * @internal
 */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Resolves a numpy-style axis (negative counts from the end) against a number of dimensions.
 * @internal
 */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new RangeError(
      `${op}: axis out of range; expected an integer in [${-ndim}, ${ndim - 1}], got ${axis}`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Throws a `ShapeError` unless the two shapes are equal.
 * @internal
 */
export function assertSameShape(
  op: string,
  a: readonly number[],
  b: readonly number[],
  names: [string, string] = ['a', 'b'],
): void {
  if (!sameShape(a, b)) {
    throw new ShapeError(
      `${op}: shapes differ; expected equal shapes, got ${names[0]}=${formatShape(a)}, ${names[1]}=${formatShape(b)}`,
    );
  }
}

// Internal helpers shared by the network classes: input checks at the public boundary and the
// accuracy count. Not exported from the package.
import { formatShape, NDArray, ShapeError } from '@dl/linalg';

/** Checks that `x` is `[N, inputSize]` (or one sample `[inputSize]`) and returns it as 2-D. */
export function checkX(op: string, x: unknown, inputSize: number): NDArray {
  const a = asArray(op, 'x', x);
  if (a.ndim === 1 && a.shape[0] === inputSize) return a.reshape(1, inputSize);
  if (a.ndim !== 2 || a.shape[1] !== inputSize) {
    throw new ShapeError(
      `${op}: x has the wrong shape; expected [N, ${inputSize}] or [${inputSize}], got x=${formatShape(a.shape)}`,
    );
  }
  if (a.shape[0] === 0) {
    throw new ShapeError(
      `${op}: x is empty; expected at least one row, got x=${formatShape(a.shape)}`,
    );
  }
  return a;
}

/** Checks that `t` holds one label per row of `x`: `[N]` integer labels or `[N, outputSize]` one-hot. */
export function checkT(op: string, t: unknown, n: number, outputSize: number): NDArray {
  const a = asArray(op, 't', t);
  const ok =
    (a.ndim === 1 && a.shape[0] === n) ||
    (a.ndim === 2 && a.shape[0] === n && a.shape[1] === outputSize);
  if (!ok) {
    throw new ShapeError(
      `${op}: t does not match x; expected [${n}] labels or [${n}, ${outputSize}] one-hot, got t=${formatShape(a.shape)}`,
    );
  }
  return a;
}

/** Fraction of rows of the scores `y` [N, C] whose argmax equals the label in `t`. */
export function accuracyOf(y: NDArray, t: NDArray): number {
  const [n, c] = y.shape as [number, number];
  const yd = y.data;
  const td = t.data;
  const oneHot = t.ndim === 2;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const predicted = argmaxRow(yd, i * c, c);
    const label = oneHot ? argmaxRow(td, i * c, c) : td[i]!;
    if (predicted === label) correct++;
  }
  return correct / n;
}

function argmaxRow(d: ArrayLike<number>, start: number, length: number): number {
  let best = 0;
  let bestValue = d[start]!;
  for (let j = 1; j < length; j++) {
    const v = d[start + j]!;
    if (v > bestValue) {
      bestValue = v;
      best = j;
    }
  }
  return best;
}

function asArray(op: string, name: string, value: unknown): NDArray {
  // instanceof first: it does not read `data`, which a batch standing on compressed rows would
  // then have to make; the duck-typed test after it accepts an NDArray of another copy of the package.
  if (value instanceof NDArray) return value;
  if (
    typeof value !== 'object' ||
    value === null ||
    !('shape' in value) ||
    !('data' in value) ||
    !ArrayBuffer.isView((value as NDArray).data)
  ) {
    throw new TypeError(
      `${op}: ${name} is not an array; expected an NDArray, got ${describe(value)}`,
    );
  }
  return value as NDArray;
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JavaScript array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${typeof value} ${String(value)}`;
}

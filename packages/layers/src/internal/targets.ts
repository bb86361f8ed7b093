import { formatShape, type NDArray, ShapeError } from '@dl/linalg';
import { describe } from './checks.js';

/** Targets read against predictions of `N` rows of `C` classes. */
export type Targets =
  /** Integer class labels, one per row. */
  | { kind: 'labels'; labels: Int32Array }
  /** One-hot (or any probability) rows, flat `[N·C]`, row-major. */
  | { kind: 'dense'; data: ArrayLike<number> };

/**
 * Reads targets `t` for predictions `y` of shape `[C]` or `[N, C]`: either the same shape as y
 * (one-hot rows), or integer labels — `[N]` for a batch, a number or a `[]`/`[1]` array for a
 * single vector. Checks the batch size and that labels are integers in [0, C).
 * @internal
 */
export function readTargets(op: string, yShape: readonly number[], t: NDArray | number): Targets {
  const n = yShape.length === 2 ? yShape[0]! : 1;
  const c = yShape[yShape.length - 1]!;
  let values: ArrayLike<number>;
  let where: (i: number) => string;
  if (typeof t === 'number') {
    if (yShape.length !== 1) {
      throw new ShapeError(
        `${op}: one label for a batch; expected t of shape [${n}] (labels) or ${formatShape(yShape)} (one-hot), got a single number`,
      );
    }
    values = [t];
    where = () => 't';
  } else {
    if (typeof t !== 'object' || t === null || !('shape' in t)) {
      throw new TypeError(
        `${op}: t is not an NDArray; expected an NDArray of labels or one-hot rows, got ${describe(t)}`,
      );
    }
    const sameShape = t.ndim === yShape.length && t.shape.every((d, i) => d === yShape[i]);
    if (sameShape) return { kind: 'dense', data: t.data };
    const labelShape =
      yShape.length === 2 ? t.ndim === 1 && t.shape[0] === n : t.size === 1 && t.ndim <= 1;
    if (!labelShape) {
      const rule =
        yShape.length === 2
          ? `t of shape ${formatShape(yShape)} (one-hot) or [${n}] (labels) to match the batch of y`
          : `t of shape ${formatShape(yShape)} (one-hot), [1] or [] (a label)`;
      throw new ShapeError(
        `${op}: targets do not match predictions; expected ${rule}, got y=${formatShape(yShape)}, t=${formatShape(t.shape)}`,
      );
    }
    values = t.data;
    where = (i) => (t.ndim === 1 ? `t[${i}]` : 't');
  }
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= c) {
      throw new RangeError(
        `${op}: label out of range; expected integers in [0, ${c - 1}] for ${c} classes, got ${where(i)}=${v}`,
      );
    }
    labels[i] = v;
  }
  return { kind: 'labels', labels };
}

// Internal helpers of the convolutional networks: image batches in, score rows out.
import { allocate, type DType, formatShape, NDArray, ShapeError } from '@dl/linalg';
import { checkX } from './checks.js';

/**
 * Checks that `x` is a batch of images of `[C, H, W]`, given as `[N, C, H, W]` or flattened
 * `[N, C·H·W]` (or one image), and returns it as `[N, C, H, W]` of `dtype` (a view when it
 * already is; a converted copy otherwise).
 */
export function checkImages(
  op: string,
  x: unknown,
  inputDim: readonly [number, number, number],
  dtype: DType,
): NDArray {
  const [c, h, w] = inputDim;
  let images: NDArray;
  if (x instanceof NDArray && x.ndim === 4) {
    if (x.shape[1] !== c || x.shape[2] !== h || x.shape[3] !== w || x.shape[0] === 0) {
      throw new ShapeError(
        `${op}: x has the wrong shape; expected [N, ${c}, ${h}, ${w}] or [N, ${c * h * w}], got x=${formatShape(x.shape)}`,
      );
    }
    images = x;
  } else {
    const flat = checkX(op, x, c * h * w); // [N, C·H·W], with its own message for other shapes
    images = flat.reshape(flat.shape[0]!, c, h, w);
  }
  return images.dtype === dtype ? images : images.astype(dtype);
}

/** Stacks `[n_i, M]` arrays of one dtype into `[Σ n_i, M]`. */
export function concatRows(parts: readonly NDArray[]): NDArray {
  const m = parts[0]!.shape[1]!;
  const rows = parts.reduce((n, p) => n + p.shape[0]!, 0);
  const out = allocate(parts[0]!.dtype, rows * m);
  let at = 0;
  for (const p of parts) {
    out.set(p.data, at);
    at += p.size;
  }
  return new NDArray(out, [rows, m]);
}

/** Rows per forward pass when predicting a large batch: bounds the memory of im2col. */
export const PREDICT_CHUNK = 100;

/**
 * Runs `forward` over `[N, C, H, W]` images in chunks of {@link PREDICT_CHUNK} and stacks the
 * score rows, so that a 10,000-image test set never needs one 10,000-image im2col matrix.
 */
export function forwardInChunks(images: NDArray, forward: (x: NDArray) => NDArray): NDArray {
  const n = images.shape[0]!;
  if (n <= PREDICT_CHUNK) return forward(images);
  const parts: NDArray[] = [];
  const per = images.size / n;
  for (let start = 0; start < n; start += PREDICT_CHUNK) {
    const end = Math.min(n, start + PREDICT_CHUNK);
    const chunk = new NDArray(images.data.subarray(start * per, end * per), [
      end - start,
      ...images.shape.slice(1),
    ]);
    parts.push(forward(chunk));
  }
  return concatRows(parts);
}

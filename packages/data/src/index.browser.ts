// The browser entry (the `browser` export condition): everything but loadMnist and loadMnistSync
// (files on disk) and fromPng and toPng (pngjs, which needs Node's zlib and streams), which the Node
// entry index.ts adds. In a page pictures come from a canvas, MNIST from fetch() and readIdx.
export { type BatchesOptions, batches, type IndexedBatch } from './batches.js';
export {
  type Batch,
  type BatchOptions,
  createDataset,
  type Dataset,
  type DatasetOptions,
} from './dataset.js';
export { type DigitGridOptions, digitGrid } from './digit-grid.js';
export { type Histogram, histogram } from './histogram.js';
export type { IdxArray, IdxData, IdxType } from './idx-array.js';
export type { ImageLike, PixelRange, RangeOption } from './image-like.js';
export { type PrepareDigitOptions, prepareDigit } from './prepare-digit.js';
export { quantize } from './quantize.js';
export { readIdx } from './read-idx.js';
export { resizeNearest } from './resize-nearest.js';
export { type SampleBatchOptions, sampleBatch } from './sample-batch.js';
export { subsample } from './subsample.js';
export { type ToTerminalOptions, toTerminal } from './to-terminal.js';
export { type IdxInput, writeIdx } from './write-idx.js';

export { type BatchesOptions, batches, type IndexedBatch } from './batches.js';
export {
  type Batch,
  type BatchOptions,
  createDataset,
  type Dataset,
  type DatasetOptions,
} from './dataset.js';
export { type DigitGridOptions, digitGrid } from './digit-grid.js';
export { fromPng } from './from-png.js';
export { type Histogram, histogram } from './histogram.js';
export type { IdxArray, IdxData, IdxType } from './idx-array.js';
export type { ImageLike, PixelRange, RangeOption } from './image-like.js';
export {
  type LoadMnistOptions,
  loadMnist,
  loadMnistSync,
  type Mnist,
  type MnistSource,
} from './load-mnist.js';
export { MAX_PNG_PIXELS } from './png-size.js';
export { type PrepareDigitOptions, prepareDigit } from './prepare-digit.js';
export { quantize } from './quantize.js';
export { readIdx } from './read-idx.js';
export { resizeNearest } from './resize-nearest.js';
export { type SampleBatchOptions, sampleBatch } from './sample-batch.js';
export { subsample } from './subsample.js';
export { type ToPngOptions, toPng } from './to-png.js';
export { type ToTerminalOptions, toTerminal } from './to-terminal.js';
export { type IdxInput, writeIdx } from './write-idx.js';

// The Node entry: the browser entry's exports (index.browser.ts, the one list of the public API that
// works everywhere), plus what needs Node. `export *` here, against the house rule, so that the
// list is written once; index.test.ts spells out the whole surface.

export { fromPng } from './from-png.js';
export * from './index.browser.js';
export {
  type LoadMnistOptions,
  loadMnist,
  loadMnistSync,
  type Mnist,
  type MnistSource,
} from './load-mnist.js';
export { MAX_PNG_PIXELS } from './png-size.js';
export { type ToPngOptions, toPng } from './to-png.js';

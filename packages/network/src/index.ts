// The Node entry: the browser entry's exports (index.browser.ts, the one list of the public API that
// works everywhere), plus the functions that read and write files. `export *` here, against the
// house rule, so that the list is written once; index.test.ts spells out the whole surface.

export { loadCheckpoint, saveCheckpoint } from './checkpoint-node.js';
export * from './index.browser.js';
export { loadModel, saveModel } from './model-file-node.js';
export { writeFileAtomic } from './write-file-atomic.js';

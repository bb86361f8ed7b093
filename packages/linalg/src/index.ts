export { type AllCloseOptions, allClose } from './all-close.js';
export { type ArrayLike, broadcastBinary, broadcastShapes } from './broadcast.js';
export { col2im } from './col2im.js';
export { convOutputSize } from './conv-geometry.js';
export {
  type ArrayOptions,
  arange,
  array,
  type CreateOptions,
  eye,
  full,
  linspace,
  ones,
  zeros,
  zerosLike,
} from './creation.js';
export { det } from './det.js';
export { dot, type MatmulOptions, matmul } from './dot.js';
export { allocate, type DType, dtypeOf, promoteTypes, type TypedArray } from './dtype.js';
export {
  abs,
  add,
  div,
  exp,
  log,
  map,
  maximum,
  minimum,
  mul,
  pow,
  sqrt,
  sub,
} from './elementwise.js';
export { FormatError } from './format-error.js';
export { im2col } from './im2col.js';
export { inv } from './inv.js';
export { type AdamStepOptions, adamStep } from './kernels/adam-step.js';
export { type Backend, getBackend, setBackend } from './kernels/backend.js';
export { type GemmShape, gemm, gemmReference } from './kernels/gemm.js';
export { reluWithMask, zeroMasked } from './kernels/relu-mask.js';
export { allocateResident, isResident, residentBytes } from './kernels/resident.js';
export { scaledSubtract } from './kernels/scaled-subtract.js';
export { SparseRows } from './kernels/sparse-rows.js';
export { takeRows, takeRowsSparse } from './kernels/take-rows.js';
export { getThreads, setThreads } from './kernels/threads.js';
export { LinAlgError } from './linalg-error.js';
export { NDArray, type NestedArray } from './ndarray.js';
export { NDIter, ndindex } from './nditer.js';
export { createRng, type Rng, rand, randn } from './random.js';
export { argmax, argmin, max, mean, min, type ReduceOptions, sum } from './reductions.js';
export { scatterRows } from './scatter-rows.js';
export { formatShape, ShapeError } from './shape-error.js';
export { solve } from './solve.js';
export { expectation, median, std, type VarianceOptions, variance } from './statistics.js';

export { type Chart, renderChart } from './chart.js';
export { buildNetwork, type ModelName, type TrainConfig } from './commands/train.js';
export { filterGrid } from './filter-grid.js';
export { roundFloat16, roundWeightsFloat16 } from './half-precision.js';
export { loadData } from './load-data.js';
export { formatLogLine, LOG_HEADER } from './log-line.js';
export { createProgram } from './program.js';

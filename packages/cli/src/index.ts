export { type Chart, renderChart } from './chart.js';
export { buildNetwork, type TrainConfig } from './commands/train.js';
export { loadData } from './load-data.js';
export { formatLogLine, LOG_HEADER } from './log-line.js';
export { createProgram } from './program.js';

import type { EpochRecord } from '@dl/network';

/**
 * Formats one epoch the way the lecture prints it (정확도 테스트):
 * `loss = 2.1689 time = 14.4418 n = 000001 | 0.1100 0.1096`: the mini-batch loss, seconds since
 * training began, the epoch number, then train and test accuracy.
 *
 * @param record - an epoch record from the `Trainer`
 * @returns the log line, without a newline
 * @example
 * ```ts
 * import { formatLogLine } from '@dl/cli';
 * formatLogLine({ epoch: 1, iteration: 1, loss: 2.1689, time: 14.4418, trainAcc: 0.11, testAcc: 0.1096 });
 * // 'loss = 2.1689 time = 14.4418 n = 000001 | 0.1100 0.1096'
 * ```
 */
export function formatLogLine(record: EpochRecord): string {
  const { loss, time, epoch, trainAcc, testAcc } = record;
  return `loss = ${loss.toFixed(4)} time = ${time.toFixed(4)} n = ${String(epoch).padStart(6, '0')} | ${trainAcc.toFixed(4)} ${testAcc.toFixed(4)}`;
}

/**
 * The header line the lecture prints above the log lines.
 *
 * @example
 * ```ts
 * import { LOG_HEADER } from '@dl/cli';
 * console.log(LOG_HEADER); // loss = ____ time = ___ n = ___ | [TrainAcc] [TestAcc]
 * ```
 */
export const LOG_HEADER = 'loss = ____ time = ___ n = ___ | [TrainAcc] [TestAcc]';

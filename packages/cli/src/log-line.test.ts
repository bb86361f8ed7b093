import { describe, expect, it } from 'vitest';
import { formatLogLine } from './log-line.js';

describe('formatLogLine', () => {
  it("reproduces the lecture's first log line", () => {
    expect(
      formatLogLine({
        epoch: 1,
        iteration: 1,
        loss: 2.1689,
        time: 14.4418,
        trainAcc: 0.11,
        testAcc: 0.1096,
      }),
    ).toBe('loss = 2.1689 time = 14.4418 n = 000001 | 0.1100 0.1096');
    expect(
      formatLogLine({
        epoch: 17,
        iteration: 9601,
        loss: 0.08123456,
        time: 312.5,
        trainAcc: 0.98,
        testAcc: 0.9691,
      }),
    ).toBe('loss = 0.0812 time = 312.5000 n = 000017 | 0.9800 0.9691');
  });
});

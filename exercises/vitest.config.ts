import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';

// The learner's project: every exercise's test file, run against the learner's stub files.
// Each file runs in its own child process so that one learner's infinite loop (stopped by the
// watchdog) or crash cannot take the other exercises down with it.
// (the watchdog creates the folder only when it has something to say)
process.env.DL_WATCHDOG_DIR ??= join(tmpdir(), `dl-watchdog-${process.pid}-${Date.now()}`);

export default mergeConfig(
  shared,
  defineProject({
    test: {
      name: 'exercises',
      include: ['[0-9][0-9]-*/*.test.ts'],
      pool: 'forks',
      // transformed modules (the packages' sources above all) are kept on disk between runs, so a
      // run after the first starts in about a second (only this project: the others redirect
      // imports through a plugin, which that cache cannot see)
      experimental: { fsModuleCache: true },
      testTimeout: 10_000,
      setupFiles: ['./runner/watchdog.ts'],
      // seconds the watchdog lets a test block the process (an infinite loop) before stopping it
      env: { DL_EXERCISE_TIMEOUT_S: process.env.DL_EXERCISE_TIMEOUT_S ?? '30' },
    },
  }),
);

import { join } from 'node:path';
import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';
import { exercisesRoot } from './runner/catalog.js';
import { redirectStubs } from './runner/redirect-stubs.js';

// The maintainers' project: the very same test files, with each `./<stub>.js` import redirected to
// `solutions/<NN-topic>/<stub>.ts`. CI requires every test to pass here.
export default mergeConfig(
  shared,
  defineProject({
    plugins: [redirectStubs((dir, file) => join(exercisesRoot, 'solutions', dir, file))],
    test: {
      name: 'exercises-solutions',
      include: ['[0-9][0-9]-*/*.test.ts'],
      pool: 'forks',
      testTimeout: 30_000,
      setupFiles: ['./runner/watchdog.ts'],
      // seconds the watchdog lets a test block the process (an infinite loop) before stopping it
      env: { DL_EXERCISE_TIMEOUT_S: process.env.DL_EXERCISE_TIMEOUT_S ?? '90' },
    },
  }),
);

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';
import { exercisesRoot } from './runner/catalog.js';
import { redirectStubs } from './runner/redirect-stubs.js';

// Used only by runner/ci/check-mutants.ts, one run per known-wrong answer: DL_MUTANT names a file
// under mutants/ (`mutants/08-softmax-overflow/softmax.no-max-shift.ts`), or, for the control run
// that proves the redirect works, a reference solution (`solutions/08-softmax-overflow/softmax.ts`);
// the exercise's test file then imports it in place of `./softmax.js`.
const mutant = process.env.DL_MUTANT ?? '';
const [, dir, stub] =
  /^(?:mutants|solutions)\/(\d\d-[^/]+)\/([^./]+)(?:\.[^/]+)?\.ts$/.exec(mutant) ?? [];
if (!dir || !existsSync(join(exercisesRoot, mutant))) {
  throw new Error(
    `vitest.mutants.config: DL_MUTANT must name an existing mutants/NN-topic/<stub>.<what>.ts, got "${mutant}"`,
  );
}

export default mergeConfig(
  shared,
  defineProject({
    plugins: [
      redirectStubs((d, file) =>
        d === dir && file === `${stub}.ts` ? join(exercisesRoot, mutant) : undefined,
      ),
    ],
    test: {
      name: 'exercises-mutants',
      include: ['[0-9][0-9]-*/*.test.ts'],
      pool: 'forks',
      testTimeout: 30_000,
      setupFiles: ['./runner/watchdog.ts'],
      // seconds the watchdog lets a test block the process (an infinite loop) before stopping it
      env: { DL_EXERCISE_TIMEOUT_S: process.env.DL_EXERCISE_TIMEOUT_S ?? '90' },
    },
  }),
);

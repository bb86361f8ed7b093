import { defineConfig } from 'vitest/config';

// `exercises-solutions` (the reference solutions run against the exercises' tests) is a maintainers'
// project: it is only defined when asked for by name (`--project exercises-solutions`, as
// .ci/verify-steps.json does), so the learner's `pnpm test` runs the package tests and the
// learner's own exercise files only.
const wantsSolutions = process.argv.some((a) => a.includes('exercises-solutions'));

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'exercises/vitest.config.ts',
      'exercises/vitest.runner.config.ts',
      ...(wantsSolutions ? ['exercises/vitest.solutions.config.ts'] : []),
    ],
    // after the usual report, the per-exercise progress list (printed only when exercises ran)
    reporters: ['default', './exercises/runner/progress-reporter.ts'],
  },
});

import { defineConfig } from 'vitest/config';

// `exercises-solutions` (the reference solutions run against the exercises' tests) is a maintainers'
// project: it is only defined when asked for by name (`--project exercises-solutions`, as
// .ci/verify-steps.json does). The learner's `pnpm test` does not come through here: it runs the
// exercises alone (exercises/runner/test-all.ts); the package tests are `pnpm test:packages`.
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

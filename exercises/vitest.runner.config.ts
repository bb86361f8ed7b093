import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.js';

// The runner's own unit tests (catalog, hints, progress list, stub redirect). Named
// `course-runner`, not `exercises…`, so that `pnpm verify`'s package-test step runs them.
export default mergeConfig(
  shared,
  defineProject({ test: { name: 'course-runner', include: ['runner/**/*.test.ts'] } }),
);

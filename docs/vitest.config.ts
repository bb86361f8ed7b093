import { defineConfig } from 'vitest/config';

// The browser check of the built site (`pnpm --filter @dl/docs check`, after `pnpm run docs`).
// Deliberately not one of the root vitest projects: it needs the site built and Chromium installed,
// so `.ci/verify-steps.json` runs it as its own step.
export default defineConfig({
  test: {
    name: 'docs',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    // One browser at a time: the machines have two cores, and the first run unpacks Chromium.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

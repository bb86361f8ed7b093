import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Shared by every project: tests import workspace packages through the `@dl/source` export
// condition, so they run against `src/` without a build step.
const conditions = ['@dl/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@dl/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
  },
});

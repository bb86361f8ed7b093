import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from './catalog.js';

/** The vitest command-line entry, resolved from this workspace. */
export const vitestBin = join(
  dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
  'vitest.mjs',
);

/** A vitest JSON report, as far as the checks read it. */
export interface JsonReport {
  numFailedTests: number;
  numPassedTests: number;
  testResults: {
    name: string;
    status: string;
    message: string;
    assertionResults: {
      ancestorTitles: string[];
      title: string;
      status: string;
      failureMessages: string[];
    }[];
  }[];
}

/**
 * Runs `vitest run <args>` from the repository root and waits for it (with a wall-clock limit, on
 * top of the watchdog inside the test processes).
 *
 * @param args - vitest arguments after `run`
 * @param options - `quiet` hides vitest's own output, `env` adds variables, `cwd` overrides the root
 * @returns the exit status (null when it was killed at the limit)
 */
export function runVitest(
  args: readonly string[],
  options: { quiet?: boolean; env?: Record<string, string>; cwd?: string; limitS?: number } = {},
): number | null {
  const r = spawnSync(process.execPath, [vitestBin, 'run', ...args], {
    cwd: options.cwd ?? repoRoot,
    stdio: options.quiet ? ['ignore', 'ignore', 'pipe'] : 'inherit',
    env: { ...process.env, ...options.env },
    timeout: (options.limitS ?? 600) * 1000,
    encoding: 'utf8',
  });
  if (r.error) console.error(`vitest could not run: ${r.error.message}`);
  return r.status;
}

/** True when a failure message is an assertion (`expect` or `assert`), not a crash. */
export function isAssertionFailure(message: string): boolean {
  return /^AssertionError\b/.test(message.trimStart());
}

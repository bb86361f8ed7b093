#!/usr/bin/env node
// The maintainers' command (`pnpm verify`): every check that must be green before a change lands,
// run in order, stopping at the first failure. Test counts from every vitest run are added up and
// printed as the last line, `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

/** Each step: a label and a command line run through the shell from the repository root. */
const steps = [
  ['build', 'pnpm turbo run build --output-logs=errors-only'],
  ['typecheck', 'pnpm turbo run typecheck --output-logs=errors-only'],
  ['lint', 'pnpm biome ci .'],
  [
    'package tests',
    `pnpm vitest run --project '!exercises*' --reporter=default --reporter=json --outputFile.json=${reports}/packages.json`,
  ],
];

const extra = join(root, '.ci', 'verify-steps.json');
if (existsSync(extra)) steps.push(...JSON.parse(readFileSync(extra, 'utf8')));
steps.push(
  // Releases: the changesets configuration must load and the pending changesets must parse.
  ['changesets (release dry run)', 'pnpm changeset status --verbose'],
  // Every public package, packed and installed outside the workspace, must work.
  ['pack test', 'node .ci/pack-test.mjs'],
);

let passed = 0;
let failed = 0;
function countReports() {
  passed = 0;
  failed = 0;
  for (const f of ['packages.json', 'exercises.json', 'pack.json', 'docs.json']) {
    const p = join(reports, f);
    if (!existsSync(p)) continue;
    const r = JSON.parse(readFileSync(p, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
  }
}

for (const [label, cmd] of steps) {
  console.log(`\n▶ verify: ${label}\n  $ ${cmd}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, {
    cwd: root,
    shell: true,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    countReports();
    console.error(`\n✗ verify: step "${label}" failed (exit ${r.status}) after ${secs}s`);
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(1);
  }
  console.log(`✓ verify: ${label} (${secs}s)`);
}
countReports();
console.log(`\n✓ verify: all ${steps.length} steps green`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

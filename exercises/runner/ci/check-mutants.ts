// CI: known-wrong answers (mutants/NN-topic/<stub>.<what-is-wrong>.ts) must fail their exercise's
// tests by an assertion, which shows the tests are strong enough to catch the classic mistakes.
// `ci:mutants 04 19` checks only the mutants of those exercises (by number or folder prefix).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exercisesRoot } from '../catalog.js';
import { isAssertionFailure, type JsonReport, runVitest } from '../vitest-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'dl-mutants-'));
const only = process.argv.slice(2).filter((a) => a !== '--');
const mutants = readdirSync(join(exercisesRoot, 'mutants'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .filter((d) => only.length === 0 || only.some((o) => d.name.startsWith(o.padStart(2, '0'))))
  .flatMap((d) =>
    readdirSync(join(exercisesRoot, 'mutants', d.name))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ dir: d.name, file: f })),
  );

/** Runs one exercise's test file with `file` (relative to exercises/) in place of its stub. */
function runWith(
  dir: string,
  stub: string,
  file: string,
  out: string,
): JsonReport['testResults'][number] | undefined {
  runVitest(
    [
      '--config',
      'vitest.mutants.config.ts',
      `${dir}/${stub}.test.ts`,
      '--reporter=json',
      `--outputFile.json=${out}`,
    ],
    { quiet: true, cwd: exercisesRoot, env: { DL_MUTANT: file } },
  );
  const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
  return report.testResults[0];
}

const problems: string[] = [];
// Control: with the reference solution in the mutant's place every test passes, which proves the
// redirect really swaps the stub out (the stub alone would fail and make every mutant look caught).
for (const dir of new Set(mutants.map((m) => m.dir))) {
  const stub = mutants.find((m) => m.dir === dir)?.file.split('.')[0] ?? '';
  const r = runWith(dir, stub, `solutions/${dir}/${stub}.ts`, join(tmp, `control-${dir}.json`));
  const bad = (r?.assertionResults ?? []).filter((a) => a.status !== 'passed');
  if (!r || r.message || bad.length > 0 || r.assertionResults.length === 0) {
    problems.push(`control for ${dir}: the solution through the mutant redirect does not pass`);
  } else {
    console.log(
      `  ✓ control ${dir}: the solution passes through the redirect (${r.assertionResults.length} tests)`,
    );
  }
}
for (const [i, m] of mutants.entries()) {
  const stub = m.file.split('.')[0] ?? '';
  const r = runWith(m.dir, stub, `mutants/${m.dir}/${m.file}`, join(tmp, `${i}.json`));
  const caught = (r?.assertionResults ?? []).filter(
    (a) => a.status === 'failed' && isAssertionFailure(a.failureMessages[0] ?? ''),
  );
  if (!r || r.message || caught.length === 0) {
    problems.push(`mutants/${m.dir}/${m.file}: not caught by an assertion ${r?.message ?? ''}`);
  } else {
    const first = caught[0]?.title ?? '';
    console.log(
      `  ✓ mutants/${m.dir}/${m.file}: caught by ${caught.length} test(s), e.g. "${first}"`,
    );
  }
}
if (mutants.length === 0) problems.push('no mutants found under exercises/mutants/');
if (problems.length > 0) {
  console.error(`\n✗ mutants check: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`✓ mutants check: all ${mutants.length} known-wrong answers fail their tests`);

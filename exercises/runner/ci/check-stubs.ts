// CI: every shipped stub must fail at least one of its tests BY AN ASSERTION, so that a learner
// meets a teaching failure, not an import error or a crash. Runs the `exercises` project (the stubs)
// with a JSON report in .reports/exercises-stubs.json (not summed by verify: these failures are the
// expected state) and checks it file by file. The run is in Korean (DL_LANG=ko), which also checks
// that no test name is left in English prose: a name for the learner goes through m(en, ko).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exercisesRoot, fromRoot, loadCatalog, repoRoot } from '../catalog.js';
import { isAssertionFailure, type JsonReport, runVitest } from '../vitest-cli.js';

const out = join(repoRoot, '.reports', 'exercises-stubs.json');
mkdirSync(join(repoRoot, '.reports'), { recursive: true });
runVitest(['--project', 'exercises', '--reporter=json', `--outputFile.json=${out}`], {
  quiet: true,
  env: { DL_LANG: 'ko' },
});

/** A name with two English words in a row and no Hangul (a formula alone is fine in Korean). */
const englishProse = (name: string) =>
  !/[\uAC00-\uD7A3]/.test(name) && /\b[A-Za-z]{2,} [A-Za-z]{2,}\b/.test(name);
const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;

const problems: string[] = [];
for (const e of loadCatalog()) {
  const file = join(exercisesRoot, e.dir, e.stub.replace(/\.ts$/, '.test.ts'));
  const r = report.testResults.find((t) => t.name === file);
  if (!r) {
    problems.push(`${e.dir}: ${fromRoot(file)} did not run`);
    continue;
  }
  if (r.message) {
    problems.push(`${e.dir}: the stub does not load: ${r.message.split('\n')[0]}`);
    continue;
  }
  const names = new Set(r.assertionResults.flatMap((a) => [...a.ancestorTitles, a.title]));
  for (const name of [...names].filter(englishProse)) {
    problems.push(`${e.dir}: the test name "${name}" is English only; write it as m(en, ko)`);
  }
  const failed = r.assertionResults.filter((a) => a.status === 'failed');
  const byAssertion = failed.filter((a) => isAssertionFailure(a.failureMessages[0] ?? ''));
  if (byAssertion.length === 0) {
    const how = failed[0]?.failureMessages[0]?.split('\n')[0] ?? 'no test failed';
    problems.push(`${e.dir}: no test fails by an assertion (${how})`);
  } else {
    console.log(
      `  ✓ ${e.dir}: ${byAssertion.length}/${r.assertionResults.length} tests fail by an assertion`,
    );
  }
}
if (problems.length > 0) {
  console.error(`\n✗ stubs check: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`✓ stubs check: all ${loadCatalog().length} stubs fail their tests by an assertion`);

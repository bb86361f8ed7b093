// The learners' `pnpm test` at the repository root. Two runs of vitest:
// 1. the package tests (and the runner's own tests), with vitest's usual report;
// 2. the exercises against the learner's files, reported only as the per-exercise progress list,
//    one line per exercise, so the list is not buried under every failing assertion.
//    The full output of one exercise is `pnpm learn NN`.
// Exits non-zero when anything failed — on a fresh clone, by design, because the stubs fail.
import { runVitest } from './vitest-cli.js';

const packages = runVitest(['--project', '!exercises']);
console.log('\n── exercises (연습문제) ──');
const exercises = runVitest([
  '--project',
  'exercises',
  '--reporter',
  './exercises/runner/progress-reporter.ts',
]);
if (packages !== 0) {
  console.log(
    '\n✗ Some package tests failed (above). They should pass on a fresh clone: please report it.',
  );
}
process.exit(packages === 0 && exercises === 0 ? 0 : 1);

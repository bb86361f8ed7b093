// The learners' `pnpm test` at the repository root: every exercise checked against the learner's
// files (none taken from the cache), reported as the per-exercise progress list. The packages' own
// tests are the maintainers' (`pnpm test:packages`, and `pnpm verify`): they do not delay the answer.
// Exits non-zero while an exercise fails — on a fresh clone, by design, because the stubs fail.
import { loadCatalog } from './catalog.js';
import { checkExercises } from './check.js';
import { borrowedCodeIn } from './honesty.js';
import { detectLang, say } from './i18n.js';
import { formatProgress } from './progress.js';

const lang = detectLang();
const { results } = checkExercises(loadCatalog(), { useCache: false });
const noted = results.map((r) => ({ ...r, notes: borrowedCodeIn(r.exercise, lang) }));
process.stdout.write(formatProgress(noted, lang));
console.log(
  say(
    lang,
    "  (the packages' own tests are for maintainers: pnpm test:packages)",
    '  (패키지 자체 테스트는 관리자용입니다: pnpm test:packages)',
  ),
);
process.exit(results.every((r) => r.state === 'done') ? 0 : 1);

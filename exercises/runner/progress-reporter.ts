import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { type Exercise, exerciseDirOf, loadCatalog } from './catalog.js';
import { recalled, remember } from './check.js';
import { borrowedCodeIn } from './honesty.js';
import { detectLang, type Lang, say, sayOneLine } from './i18n.js';
import {
  type ExerciseResult,
  firstLine,
  formatOne,
  formatProgress,
  readWatchdogNotes,
  type WatchdogNote,
} from './progress.js';

/**
 * Classifies one exercise's test module: done, failing (an assertion or an exception in a test),
 * broken (the file could not be loaded: a syntax error or a throw at import) or stopped (by the
 * watchdog, after an infinite loop).
 *
 * @param exercise - the catalog entry
 * @param module - vitest's result for the exercise's test file, if it ran
 * @param notes - the watchdog's notes of this run
 * @returns one line of the progress list
 */
export function classify(
  exercise: Exercise,
  module: TestModule | undefined,
  notes: readonly WatchdogNote[],
  lang: Lang = detectLang(),
): ExerciseResult {
  // One line in the learner's language, or both joined by " / " (never cut in half: see width).
  const line = (en: string, ko: string) => sayOneLine(lang, en, ko);
  const width = lang === 'both' ? 220 : 110;
  if (!module) return { exercise, state: 'not run', passed: 0, total: 0 };
  const tests = [...module.children.allTests()];
  const passed = tests.filter((t) => t.result().state === 'passed').length;
  const base = { exercise, passed, total: tests.length };
  const note = notes.find((n) => exerciseDirOf(n.file) === exercise.dir);
  if (note) {
    return {
      ...base,
      state: 'stopped',
      watchdog: true,
      detail: line(
        `stopped after ${note.seconds} s in "${note.test}": an infinite loop? (the other exercises still ran)`,
        `${note.seconds}초 뒤 "${note.test}"에서 멈췄습니다: 무한 루프인가요? (다른 연습 문제는 그대로 실행했습니다)`,
      ),
    };
  }
  const loadError = module.errors()[0];
  if (loadError) {
    // a parse error reads `[PARSE_ERROR] Unexpected token` then `─[ file:line:col ]`
    const parse = /\[(\w+)_ERROR\]\s*(.*)/.exec(loadError.message);
    const where = /─\[\s*([^\]]+?)\s*\]/.exec(loadError.message);
    const what = parse
      ? line(
          `syntax error: ${parse[2]}${where ? ` at ${where[1]}` : ''}`,
          `문법 오류: ${parse[2]}${where ? ` (${where[1]})` : ''}`,
        )
      : `${loadError.name ?? 'Error'}: ${firstLine(loadError.message)} ${line('(thrown while loading the file)', '(파일을 불러오는 중에 던져졌습니다)')}`;
    return { ...base, state: 'broken', detail: firstLine(what, width + 30) };
  }
  // prefer a plain assertion's message: property tests wrap theirs in "Property failed after …"
  const failedTests = tests.filter((t) => t.result().state === 'failed');
  const failed =
    failedTests.find((t) => t.result().errors?.[0]?.name === 'AssertionError') ?? failedTests[0];
  if (failed) {
    const err = failed.result().errors?.[0];
    return {
      ...base,
      state: 'failing',
      detail: `"${failed.name}": ${firstLine(err ? `${err.message}` : line('failed', '실패'), width)}`,
    };
  }
  if (tests.length === 0 || passed < tests.length) {
    return {
      ...base,
      state: 'stopped',
      detail: line(
        'did not finish (the test process ended early)',
        '끝나지 않았습니다 (테스트 프로세스가 일찍 끝났습니다)',
      ),
    };
  }
  return { ...base, state: 'done' };
}

/**
 * A vitest reporter, registered in the root `vitest.config.ts` next to the default one: after a run
 * that included the `exercises` project (the learner's stubs), it prints the per-exercise progress
 * list. Runs of other projects print nothing extra. When `DL_RESULTS_FILE` is set (the runner,
 * `runner/check.ts`, does), it writes the results of the files that ran to that file as JSON instead,
 * and the runner prints them in the learner's language.
 */
export default class ProgressReporter implements Reporter {
  onTestRunStart(): void {
    // in watch mode a note from an earlier run (an endless loop since fixed) must not linger
    const dir = process.env.DL_WATCHDOG_DIR;
    if (process.env.DL_LEARN_WATCH && dir) rmSync(dir, { recursive: true, force: true });
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const mine = testModules.filter((m) => m.project.name === 'exercises');
    if (mine.length === 0) return;
    const byDir = new Map<string, TestModule>();
    for (const m of mine) {
      const dir = exerciseDirOf(m.moduleId);
      if (dir) byDir.set(dir, m);
    }
    const notes = readWatchdogNotes(process.env.DL_WATCHDOG_DIR);
    const results = loadCatalog().map((e) => classify(e, byDir.get(e.dir), notes));
    const file = process.env.DL_RESULTS_FILE;
    if (file) {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(results.filter((r) => r.state !== 'not run')));
      renameSync(tmp, file);
      return;
    }
    if (process.env.DL_LEARN_WATCH) {
      await reportWatched(results);
      return;
    }
    process.stdout.write(formatProgress(results));
  }
}

/**
 * `pnpm learn watch`: vitest re-runs the file on every save (its own watch mode, so a re-check takes
 * well under a second); after each run, the short report in the learner's language, the borrowed-code
 * notes, and then the type errors of the file.
 */
async function reportWatched(results: readonly ExerciseResult[]): Promise<void> {
  const lang = detectLang();
  const ran = results.filter((r) => r.state !== 'not run');
  remember(ran);
  const shown = ran.map((r) => ({ ...r, notes: borrowedCodeIn(r.exercise, lang) }));
  const all = results.map(
    (r) => shown.find((s) => s.exercise.dir === r.exercise.dir) ?? recalled(r.exercise) ?? r,
  );
  for (const r of shown) process.stdout.write(`${formatOne(r, all, lang)}\n`);
  process.stdout.write(
    `${say(lang, 'watching: save your file to re-check, q or Ctrl+C to stop.', '지켜보는 중: 파일을 저장하면 다시 확인합니다. 끝내려면 q 또는 Ctrl+C.')}\n`,
  );
  // the compiler takes seconds: its notes follow when ready, without holding up the next re-check
  const { typeNotes } = await import('./typecheck.js');
  for (const r of shown) {
    void typeNotes(r.exercise, lang).then((notes) => {
      for (const n of notes) process.stdout.write(`  ⚠ ${n.replace(/\n/g, '\n    ')}\n`);
    });
  }
}

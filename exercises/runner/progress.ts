import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from './catalog.js';

/** How one exercise's test file came out. */
export type ExerciseState = 'done' | 'failing' | 'broken' | 'stopped' | 'not run';

/** One line of the progress list. */
export interface ExerciseResult {
  exercise: Exercise;
  state: ExerciseState;
  /** Tests passed / tests in the file. */
  passed: number;
  total: number;
  /** The first thing to fix, one line: a failing test's name and message, or the load error. */
  detail?: string;
}

/** Where the watchdog leaves a note about a test it had to stop. */
export interface WatchdogNote {
  file: string;
  test: string;
  seconds: number;
}

/**
 * Reads the notes the watchdog wrote (one JSON file per stopped test process).
 *
 * @param dir - the `DL_WATCHDOG_DIR` of the run
 * @returns the notes, possibly none
 * @example
 * ```ts
 * readWatchdogNotes('/tmp/dl-watchdog-x'); // [{ file, test, seconds }]
 * ```
 */
export function readWatchdogNotes(dir: string | undefined): WatchdogNote[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as WatchdogNote);
}

const icons: Record<ExerciseState, string> = {
  done: '✓',
  failing: '✗',
  broken: '✗',
  stopped: '✗',
  'not run': '·',
};

/** Shortens a message to its first line, at most `n` characters. */
export function firstLine(text: string, n = 110): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > n ? `${line.slice(0, n - 1)}…` : line;
}

/**
 * The learner's progress list: one ✓/✗ line per exercise, `N/M exercises done`, and what to do next.
 *
 * @param results - every exercise in course order (those not run are listed as `·`)
 * @returns the text to print
 * @example
 * ```ts
 * console.log(formatProgress(results));
 * ```
 */
export function formatProgress(results: readonly ExerciseResult[]): string {
  const out: string[] = [];
  const done = results.filter((r) => r.state === 'done').length;
  const ran = results.filter((r) => r.state !== 'not run').length;
  const only = results.filter((r) => r.state !== 'not run');
  if (only.length === 1 && results.length > 1 && only[0]) return formatOne(only[0], results);
  out.push(
    '',
    '━━ exercises: your progress (연습문제 진행 상황) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
  );
  for (const r of results) {
    const name = `${r.exercise.dir}`.padEnd(28);
    const counts = r.total > 0 ? `${r.passed}/${r.total} tests` : '';
    out.push(`  ${icons[r.state]} ${name} ${counts.padEnd(11)} ${r.exercise.title}`);
    if (r.state !== 'done' && r.state !== 'not run' && r.detail) out.push(`      ${r.detail}`);
  }
  out.push('');
  out.push(`  ${done}/${results.length} exercises done.`);
  if (ran < results.length) out.push(`  (${results.length - ran} not run this time: marked ·)`);
  const next = results.find((r) => r.state !== 'done');
  if (done === 0 && ran === results.length) {
    out.push(
      '  0 done is the intended state of a fresh clone: every exercise starts as a stub that fails',
      '  its own tests, and you make them pass one by one. The package tests above are separate and',
      '  should all pass. (새로 받은 저장소에서는 0개 완료가 정상입니다: 스텁을 직접 채워 통과시키세요.)',
    );
  }
  if (next) {
    const d = `exercises/${next.exercise.dir}`;
    out.push(
      `  Next: ${next.exercise.id} — read ${d}/README.md (한국어: README.ko.md), edit ${d}/${next.exercise.stub},`,
      `        then run \`pnpm learn ${next.exercise.id}\` (or \`pnpm learn watch ${next.exercise.id}\`).`,
      `  Stuck? \`pnpm learn hint ${next.exercise.id}\` shows the first hint; \`pnpm learn hint ${next.exercise.id} 2\` the next.`,
    );
  } else {
    out.push('  Every exercise passes. 모든 연습문제를 마쳤습니다. 수고하셨습니다!');
  }
  out.push('');
  return out.join('\n');
}

/** The short report after running a single exercise (`pnpm learn NN`). */
function formatOne(r: ExerciseResult, results: readonly ExerciseResult[]): string {
  const e = r.exercise;
  if (r.state === 'done') {
    const i = results.indexOf(r);
    const next = results[i + 1]?.exercise;
    return [
      '',
      `✓ ${e.dir}: all ${r.total} tests pass. 통과!`,
      `  Compare with the reference: pnpm learn solution ${e.id}`,
      next
        ? `  Next: exercises/${next.dir}/README.md, then pnpm learn ${next.id}`
        : '  That was the last exercise. 수고하셨습니다!',
      '',
    ].join('\n');
  }
  return [
    '',
    `✗ ${e.dir}: ${r.passed}/${r.total} tests pass.`,
    r.detail ? `  first to fix: ${r.detail}` : '',
    `  Edit exercises/${e.dir}/${e.stub}; stuck? pnpm learn hint ${e.id}`,
    '',
  ].join('\n');
}

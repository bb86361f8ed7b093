import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from './catalog.js';
import { type Lang, label, say } from './i18n.js';

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
  /** Set when the watchdog stopped this exercise's test (an endless loop), not a crashed process. */
  watchdog?: boolean;
  /** Things the runner noticed beside the tests: type errors, an import of the solution. */
  notes?: string[];
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

/** The README a learner of that language opens. */
const readme = (lang: Lang) => (lang === 'ko' ? 'README.ko.md' : 'README.md');

/** The first exercise that is not done (in course order), if any. */
export function firstUnsolved(results: readonly ExerciseResult[]): ExerciseResult | undefined {
  return results.find((r) => r.state !== 'done');
}

/** The lines that point at the next exercise: its README, its file, how to run it, its hint. */
function nextLines(r: ExerciseResult, lang: Lang): string[] {
  const e = r.exercise;
  const d = `exercises/${e.dir}`;
  return [
    say(
      lang,
      `  Next: ${e.id} — read ${d}/README.md (한국어: ${d}/README.ko.md), edit ${d}/${e.stub},`,
      `  다음: ${e.id} — ${d}/${readme('ko')}를 읽고 ${d}/${e.stub}를 고치세요.`,
    ),
    say(
      lang,
      `        then run \`pnpm learn ${e.id}\` (or \`pnpm learn watch ${e.id}\`).`,
      `        확인: \`pnpm learn ${e.id}\` (저장할 때마다 자동으로: \`pnpm learn watch ${e.id}\`)`,
    ),
    say(
      lang,
      `  Stuck? \`pnpm learn hint ${e.id}\` shows the first hint; \`pnpm learn hint ${e.id} 2\` the next.`,
      `  막히면: \`pnpm learn hint ${e.id}\` 첫 힌트, \`pnpm learn hint ${e.id} 2\` 다음 힌트.`,
    ),
  ];
}

/** Longer than this, a failing test's name and its message go on two lines. */
const oneLine = 100;

/**
 * The detail lines for a language. Test names come in the learner's language (both in one line by
 * default), and so do the messages; in Korean the message alone is shown when it is in Korean. A
 * failing test's name and message too long for one line are split: the name, then the message.
 */
function detailLines(r: ExerciseResult, lang: Lang): string[] {
  const d = r.detail ?? '';
  const named = /^"([^"]*)": (.+)$/.exec(d);
  const [, name, message] = named ?? [];
  if (name === undefined || message === undefined) return [d];
  if (lang === 'ko' && /[\uAC00-\uD7A3]/.test(message)) return [message];
  return d.length > oneLine ? [`"${name}"`, message] : [d];
}

/** What a result's one-line reason says, by state, before the detail. */
function reason(r: ExerciseResult, lang: Lang): string {
  if (r.state === 'broken')
    return label(lang, 'your file did not load', '파일을 불러오지 못했습니다');
  if (r.state === 'stopped') return label(lang, 'stopped', '중단됨');
  return label(lang, 'first to fix', '먼저 고칠 것');
}

/**
 * The learner's progress list: one ✓/✗ line per exercise, `N/M exercises done`, and what to do next.
 *
 * @param results - every exercise in course order (those not run are listed as `·`)
 * @param lang - the runner's language (default both)
 * @param cached - how many results were reused because their files did not change
 * @returns the text to print
 * @example
 * ```ts
 * console.log(formatProgress(results, 'ko'));
 * ```
 */
export function formatProgress(
  results: readonly ExerciseResult[],
  lang: Lang = 'both',
  cached = 0,
): string {
  const out: string[] = [];
  const done = results.filter((r) => r.state === 'done').length;
  const ran = results.filter((r) => r.state !== 'not run').length;
  const only = results.filter((r) => r.state !== 'not run');
  if (only.length === 1 && results.length > 1 && only[0]) return formatOne(only[0], results, lang);
  out.push(
    '',
    say(
      lang,
      '━━ exercises: your progress ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
      '━━ 연습문제 진행 상황 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    ),
  );
  for (const r of results) {
    const name = `${r.exercise.dir}`.padEnd(28);
    const counts = r.total > 0 ? `${r.passed}/${r.total} tests` : '';
    const title = lang === 'ko' ? r.exercise.titleKo : r.exercise.title;
    out.push(`  ${icons[r.state]} ${name} ${counts.padEnd(11)} ${title}`);
    if (r.state !== 'done' && r.state !== 'not run' && r.detail) {
      const [head, ...more] = detailLines(r, lang);
      out.push(`      ${reason(r, lang)}: ${head}`, ...more.map((l) => `        ${l}`));
    }
    for (const n of r.notes ?? []) out.push(`      ⚠ ${n.replace(/\n/g, '\n        ')}`);
  }
  out.push('');
  out.push(
    say(
      lang,
      `  ${done}/${results.length} exercises done.`,
      `  ${results.length}개 중 ${done}개 완료.`,
    ),
  );
  if (ran < results.length) {
    out.push(
      say(
        lang,
        `  (${results.length - ran} not run this time: marked ·)`,
        `  (이번에 실행하지 않은 ${results.length - ran}개: · 표시)`,
      ),
    );
  }
  if (cached > 0) {
    out.push(
      say(
        lang,
        `  (${cached} unchanged since their last check were not run again; \`pnpm test\` re-checks all)`,
        `  (지난번 확인 뒤 바뀌지 않은 ${cached}개는 다시 실행하지 않았습니다. 모두 다시: \`pnpm test\`)`,
      ),
    );
  }
  const next = firstUnsolved(results);
  if (done === 0 && ran === results.length) {
    out.push(
      say(
        lang,
        '  0 done is the intended state of a fresh clone: every exercise starts as a stub that fails\n' +
          '  its own tests, and you make them pass one by one.',
        '  새로 받은 저장소에서는 0개 완료가 정상입니다: 모든 연습문제는 자기 테스트에 실패하는\n' +
          '  스텁으로 시작하고, 하나씩 채워서 통과시킵니다.',
      ),
    );
  }
  if (next) out.push(...nextLines(next, lang));
  else
    out.push(
      say(
        lang,
        '  Every exercise passes. Well done!',
        '  모든 연습문제를 마쳤습니다. 수고하셨습니다!',
      ),
    );
  out.push('');
  return out.join('\n');
}

/**
 * The short report after running a single exercise (`pnpm learn NN`).
 *
 * @param r - that exercise's result
 * @param results - every exercise in course order (the others from the last check, or `not run`),
 *   to name the first unsolved one
 * @param lang - the runner's language
 * @returns the text to print
 */
export function formatOne(
  r: ExerciseResult,
  results: readonly ExerciseResult[],
  lang: Lang = 'both',
): string {
  const e = r.exercise;
  const notes = (r.notes ?? []).map((n) => `  ⚠ ${n.replace(/\n/g, '\n    ')}`);
  if (r.state === 'done') {
    const after = results.slice(results.findIndex((x) => x.exercise.dir === e.dir) + 1);
    const next =
      after.find((x) => x.state !== 'done') ?? firstUnsolved(results.filter((x) => x !== r));
    const nextLine = next
      ? say(
          lang,
          `  Next: exercises/${next.exercise.dir}/README.md (한국어: README.ko.md), then pnpm learn ${next.exercise.id}`,
          `  다음: exercises/${next.exercise.dir}/README.ko.md 를 읽고 pnpm learn ${next.exercise.id}`,
        )
      : say(
          lang,
          '  Every exercise passes. Well done!',
          '  모든 연습문제를 마쳤습니다. 수고하셨습니다!',
        );
    return [
      '',
      say(
        lang,
        `✓ ${e.dir}: all ${r.total} tests pass.`,
        `✓ ${e.dir}: 테스트 ${r.total}개 모두 통과!`,
      ),
      ...notes,
      say(
        lang,
        `  Compare with the reference: pnpm learn solution ${e.id}`,
        `  모범 답안과 비교: pnpm learn solution ${e.id}`,
      ),
      nextLine,
      '',
    ].join('\n');
  }
  const head =
    r.state === 'broken'
      ? say(
          lang,
          `✗ ${e.dir}: your file did not load, so no test ran.`,
          `✗ ${e.dir}: 파일을 불러오지 못해 테스트를 하나도 실행하지 못했습니다.`,
        )
      : r.state === 'stopped'
        ? say(
            lang,
            `✗ ${e.dir}: stopped (${r.passed}/${r.total} tests passed before that).`,
            `✗ ${e.dir}: 중단됨 (그 전까지 ${r.total}개 중 ${r.passed}개 통과).`,
          )
        : say(
            lang,
            `✗ ${e.dir}: ${r.passed}/${r.total} tests pass.`,
            `✗ ${e.dir}: 테스트 ${r.total}개 중 ${r.passed}개 통과.`,
          );
  return [
    '',
    head,
    ...(r.detail
      ? detailLines(r, lang).map((l, i) => (i === 0 ? `  ${reason(r, lang)}: ${l}` : `    ${l}`))
      : []),
    ...notes,
    say(
      lang,
      `  Edit exercises/${e.dir}/${e.stub}; stuck? pnpm learn hint ${e.id}`,
      `  exercises/${e.dir}/${e.stub} 를 고치세요. 막히면: pnpm learn hint ${e.id}`,
    ),
    '',
  ].join('\n');
}

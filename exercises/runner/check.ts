// Checking the learner's exercises, fast. One vitest run for all the files asked for, with every
// file in the same few test processes (`--no-isolate`: the packages are loaded once per process, not
// once per file) and vitest's file-system cache of transformed modules; that takes a few seconds for
// all 23, where a process per file took about fifteen. If a learner's infinite loop made the watchdog
// stop a process, the files that process had not finished are checked again in another round, so
// one endless loop still cannot hide the other exercises' results.
// Results are kept in node_modules/.cache/dl-learn/results.json by the contents of the files they
// depend on, so `pnpm learn` (the list) re-runs only the exercises whose files changed.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Exercise, exercisesRoot, repoRoot } from './catalog.js';
import { detectLang, sayOneLine } from './i18n.js';
import { type ExerciseResult, readWatchdogNotes } from './progress.js';
import { runVitest } from './vitest-cli.js';

/** The file of cached results (inside node_modules: never committed, gone with a fresh install). */
export const resultsFile = join(repoRoot, 'node_modules', '.cache', 'dl-learn', 'results.json');

const reporter = './runner/progress-reporter.ts';

/** The exercise's test file, relative to `exercises/`. */
export const testPath = (e: Exercise) => `${e.dir}/${e.stub.replace(/\.ts$/, '.test.ts')}`;

/**
 * A fingerprint of everything an exercise's result depends on that a learner may change: the
 * TypeScript files in its folder (the stub and the test among them), the shared test helpers and the
 * lockfile (a reinstall re-checks everything).
 *
 * @param e - the exercise
 * @returns a hex digest
 */
export function fingerprint(e: Exercise): string {
  const h = createHash('sha256');
  // the language too: a result's messages are in the language it was checked in
  h.update(detectLang());
  h.update('\0');
  h.update(sharedDigest());
  const dir = join(exercisesRoot, e.dir);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(dir, f));
  for (const f of files) {
    h.update(f);
    h.update('\0');
    if (existsSync(f)) h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

let shared: string | undefined;
/** The digest of the files every exercise depends on (the test helpers, the lockfile), once a run. */
function sharedDigest(): string {
  if (shared === undefined) {
    const h = createHash('sha256');
    for (const f of [
      join(exercisesRoot, 'runner', 'testing.ts'),
      join(repoRoot, 'pnpm-lock.yaml'),
    ]) {
      if (existsSync(f)) h.update(readFileSync(f));
      h.update('\0');
    }
    shared = h.digest('hex');
  }
  return shared;
}

type Cache = Record<string, { key: string; result: ExerciseResult }>;

function readCache(): Cache {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as Cache;
  } catch {
    return {};
  }
}

/** Records results (atomically: written aside, then renamed). */
export function remember(results: readonly ExerciseResult[]): void {
  const cache = readCache();
  for (const r of results) {
    if (r.state === 'not run') continue;
    cache[r.exercise.dir] = { key: fingerprint(r.exercise), result: r };
  }
  mkdirSync(dirname(resultsFile), { recursive: true });
  const tmp = `${resultsFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(cache));
  renameSync(tmp, resultsFile);
}

/**
 * The cached result of an exercise, if its files are unchanged since it was checked.
 *
 * @param e - the exercise
 * @returns the result, or undefined when it must be run again
 */
export function recalled(e: Exercise): ExerciseResult | undefined {
  const hit = readCache()[e.dir];
  return hit && hit.key === fingerprint(e) ? { ...hit.result, exercise: e } : undefined;
}

/**
 * One vitest run of the given exercises' test files; the progress reporter writes their results
 * to a file, which this reads back.
 *
 * @param list - the exercises to run
 * @param options - `isolate` gives each file its own process; `loud` keeps vitest's own report
 * @returns one result per exercise asked for (`not run` when its file never reported)
 */
export function runExercises(
  list: readonly Exercise[],
  options: { isolate: boolean; loud?: boolean; limitS?: number },
): ExerciseResult[] {
  const tmp = mkdtempSync(join(tmpdir(), 'dl-learn-'));
  const out = join(tmp, 'results.json');
  const args = ['--config', 'vitest.config.ts', ...list.map(testPath)];
  if (!options.isolate) args.push('--no-isolate');
  if (options.loud) args.push('--reporter=default');
  args.push(`--reporter=${reporter}`);
  const status = runVitest(args, {
    cwd: exercisesRoot,
    quiet: !options.loud,
    limitS: options.limitS ?? 300,
    env: { DL_RESULTS_FILE: out, DL_WATCHDOG_DIR: join(tmp, 'watchdog') },
  });
  const got: ExerciseResult[] = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as ExerciseResult[])
    : [];
  const notes = readWatchdogNotes(join(tmp, 'watchdog'));
  return list.map((e) => {
    const r = got.find((g) => g.exercise.dir === e.dir);
    if (r) return { ...r, exercise: e };
    const stopped = notes.find((n) => n.file.includes(`/${e.dir}/`));
    if (stopped) {
      return {
        exercise: e,
        state: 'stopped',
        passed: 0,
        total: 0,
        watchdog: true,
        detail: oneLine(
          `stopped after ${stopped.seconds} s in "${stopped.test}": an infinite loop?`,
          `${stopped.seconds}초 뒤 "${stopped.test}"에서 멈췄습니다: 무한 루프인가요?`,
        ),
      };
    }
    return {
      exercise: e,
      state: 'not run',
      passed: 0,
      total: 0,
      ...(status === null
        ? {
            detail: oneLine(
              'the run was stopped at its time limit',
              '실행 시간 한도에 닿아 멈췄습니다',
            ),
          }
        : {}),
    };
  });
}

const oneLine = (en: string, ko: string): string => sayOneLine(detectLang(), en, ko);

/** True when a result cannot be trusted after a shared test process was stopped. */
const unfinished = (r: ExerciseResult) =>
  r.state === 'not run' || (r.state === 'stopped' && r.watchdog !== true);

/**
 * Checks exercises: the cached result for unchanged ones (when `useCache`), one shared run for the
 * rest, and further rounds for any file a stopped process left unfinished.
 *
 * @param list - the exercises to check, in course order
 * @param options - `useCache` reuses results of unchanged exercises
 * @returns the results in the same order, and how many came from the cache
 */
export function checkExercises(
  list: readonly Exercise[],
  options: { useCache: boolean },
): { results: ExerciseResult[]; cached: number } {
  const byDir = new Map<string, ExerciseResult>();
  if (options.useCache) {
    for (const e of list) {
      const r = recalled(e);
      if (r) byDir.set(e.dir, r);
    }
  }
  const cached = byDir.size;
  const todo = list.filter((e) => !byDir.has(e.dir));
  // each round shares processes; a file stopped by the watchdog is known after its round, so the
  // next round runs only the files its process left unfinished; after three rounds, a process each
  let pending = todo;
  const fresh: ExerciseResult[] = [];
  for (let round = 1; pending.length > 0; round++) {
    const isolate = pending.length === 1 || round > 3;
    const got = runExercises(pending, { isolate });
    const finished = isolate ? got : got.filter((r) => !unfinished(r));
    fresh.push(...finished);
    for (const r of got) byDir.set(r.exercise.dir, r);
    if (isolate) break;
    pending = got.filter(unfinished).map((r) => r.exercise);
  }
  for (const r of fresh) byDir.set(r.exercise.dir, r);
  if (fresh.length > 0) remember(fresh);
  return {
    results: list.map(
      (e) => byDir.get(e.dir) ?? { exercise: e, state: 'not run', passed: 0, total: 0 },
    ),
    cached,
  };
}

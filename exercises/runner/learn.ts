// The learner's runner, `pnpm learn …` at the repository root. See `pnpm learn help`.
import { execFileSync, spawn } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  renameSync,
  type StatsListener,
  unwatchFile,
  watchFile,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  type Exercise,
  exercisesRoot,
  findExercise,
  fromRoot,
  loadCatalog,
  repoRoot,
} from './catalog.js';
import { checkExercises, recalled, remember, runExercises, testPath } from './check.js';
import { hintIn, parseHints } from './hints.js';
import { borrowedCodeIn } from './honesty.js';
import { detectLang, type Lang, saveLang, say } from './i18n.js';
import { type ExerciseResult, firstUnsolved, formatOne, formatProgress } from './progress.js';
import { typeNotes } from './typecheck.js';
import { vitestBin } from './vitest-cli.js';

// `pnpm learn help | head`: a closed pipe ends the runner quietly
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    yes: { type: 'boolean', short: 'y', default: false },
    poll: { type: 'boolean', default: false },
    from: { type: 'string', default: 'HEAD' },
    help: { type: 'boolean', short: 'h', default: false },
    lang: { type: 'string' },
  },
});
const lang: Lang =
  values.lang === 'ko' || values.lang === 'en' || values.lang === 'both'
    ? values.lang
    : detectLang();
const t = (en: string, ko: string) => say(lang, en, ko);

const helpEn = `pnpm learn — work through the exercises

  pnpm learn                 list every exercise with ✓/✗ and what to open next
                             (exercises whose files did not change since their last check are not re-run)
  pnpm learn NN              run exercise NN's tests with full output (e.g. pnpm learn 08)
  pnpm learn hint NN [k]     show hints 1…k of exercise NN (default: the first)
  pnpm learn watch [NN]      re-run exercise NN each time you save (default: the first unsolved one;
                             --poll if saving does nothing)
  pnpm learn reset NN        restore exercise NN's stub to its original (asks first; --yes to skip,
                             --from <git ref> to pick the version; tests are never touched)
  pnpm learn solution NN     show the reference solution, once your own code passes
  pnpm learn lang ko|en|both the language of these messages (saved; also DL_LANG=ko, or a Korean locale)
`;
const helpKo = `pnpm learn — 연습문제 실행기

  pnpm learn                 모든 연습문제의 ✓/✗ 목록과 다음에 열 파일
                             (지난번 확인 뒤 파일이 바뀌지 않은 연습문제는 다시 실행하지 않습니다)
  pnpm learn NN              연습문제 NN의 테스트를 전체 출력과 함께 실행 (예: pnpm learn 08)
  pnpm learn hint NN [k]     연습문제 NN의 힌트 1…k (기본: 첫 힌트)
  pnpm learn watch [NN]      저장할 때마다 NN을 다시 실행 (기본: 아직 못 푼 첫 연습문제;
                             저장해도 반응이 없으면 --poll)
  pnpm learn reset NN        NN의 스텁 파일을 원래대로 되돌림 (먼저 묻습니다; --yes로 생략,
                             --from <git ref>로 버전 선택; 테스트는 건드리지 않습니다)
  pnpm learn solution NN     내 코드가 통과한 뒤 모범 답안 보기
  pnpm learn lang ko|en|both 이 메시지의 언어 (저장됨; DL_LANG=ko 또는 한국어 로케일도 가능)
`;
const help = t(helpEn, helpKo);

const stubFile = (e: Exercise) => join(exercisesRoot, e.dir, e.stub);

function pick(key: string | undefined): Exercise {
  const list = loadCatalog();
  const e = key === undefined ? undefined : findExercise(list, key);
  if (!e) {
    console.error(
      t(
        `pnpm learn: unknown exercise ${JSON.stringify(key ?? '')}; expected a number 01–${list.at(-1)?.id} or a folder name`,
        `pnpm learn: 없는 연습문제 ${JSON.stringify(key ?? '')}; 01–${list.at(-1)?.id} 사이의 번호나 폴더 이름을 주세요`,
      ),
    );
    process.exit(2);
  }
  return e;
}

/** Every exercise's last known result (from the cache), with `e` replaced by its fresh result. */
function withOthers(r: ExerciseResult): ExerciseResult[] {
  return loadCatalog().map((e) =>
    e.dir === r.exercise.dir
      ? r
      : (recalled(e) ?? { exercise: e, state: 'not run', passed: 0, total: 0 }),
  );
}

/**
 * Runs one exercise with vitest's full output and its short report; then, once the answer is on the
 * screen, type-checks the file (the compiler takes a few seconds, so it never delays the answer).
 */
async function runOne(e: Exercise): Promise<number> {
  const [r] = runExercises([e], { isolate: true, loud: true, limitS: 180 });
  if (!r) return 1;
  const withNotes = { ...r, notes: borrowedCodeIn(e, lang) };
  remember([r]);
  // a file that never reported counts as unsolved, whatever the cache says about the others
  const shown = r.state === 'not run' ? { ...withNotes, state: 'stopped' as const } : withNotes;
  console.log(formatOne(shown, withOthers(withNotes), lang));
  const types = await typeNotes(e, lang);
  for (const n of types) console.log(`  ⚠ ${n.replace(/\n/g, '\n    ')}`);
  if (types.length > 0) console.log('');
  return r.state === 'done' && types.length === 0 ? 0 : 1;
}

function list(): void {
  const { results, cached } = checkExercises(loadCatalog(), { useCache: true });
  const noted = results.map((r) => ({ ...r, notes: borrowedCodeIn(r.exercise, lang) }));
  process.stdout.write(formatProgress(noted, lang, cached));
}

function hint(e: Exercise, k: number): void {
  const items = parseHints(readFileSync(join(exercisesRoot, e.dir, 'hints.md'), 'utf8'));
  const n = Math.max(1, Math.min(k, items.length));
  console.log(
    t(
      `Hints for ${e.dir} (${n} of ${items.length}):\n`,
      `${e.dir} 힌트 (${items.length}개 중 ${n}개):\n`,
    ),
  );
  for (const item of items.slice(0, n)) console.log(`${hintIn(item, lang)}\n`);
  if (n < items.length)
    console.log(
      t(`More: pnpm learn hint ${e.id} ${n + 1}`, `다음 힌트: pnpm learn hint ${e.id} ${n + 1}`),
    );
  else {
    console.log(
      t(
        `That was the last hint. Once your tests pass: pnpm learn solution ${e.id}`,
        `마지막 힌트였습니다. 테스트를 통과하면 모범 답안: pnpm learn solution ${e.id}`,
      ),
    );
  }
}

/** The exercise to watch when none is named: the first unsolved one (done ones come from the cache). */
function firstToWatch(): Exercise {
  const { results } = checkExercises(loadCatalog(), { useCache: true });
  const next = firstUnsolved(results);
  if (!next) {
    console.log(
      t(
        'Every exercise passes; watching the last one.',
        '모든 연습문제를 통과했습니다. 마지막 연습문제를 지켜봅니다.',
      ),
    );
  }
  const e = next?.exercise ?? loadCatalog().at(-1);
  if (!e) process.exit(2);
  return e;
}

/**
 * Watches with vitest's own watch mode: the test process stays warm, so a save is re-checked in well
 * under a second; the progress reporter prints the short report after each run.
 */
function watchWithVitest(e: Exercise): void {
  console.log(
    t(
      `watching ${fromRoot(stubFile(e))}: save it to re-run, q or Ctrl+C to stop. If saving does nothing\n` +
        `(some editors, network drives, WSL or Docker mounts), use \`pnpm learn watch ${e.id} --poll\`.`,
      `${fromRoot(stubFile(e))} 파일을 지켜봅니다: 저장하면 다시 실행, 끝내려면 q 또는 Ctrl+C. 저장해도 반응이 없으면\n` +
        `(일부 편집기, 네트워크 드라이브, WSL·Docker 마운트) \`pnpm learn watch ${e.id} --poll\`을 쓰세요.`,
    ),
  );
  const child = spawn(
    process.execPath,
    [
      vitestBin,
      '--config',
      'vitest.config.ts',
      testPath(e),
      '--reporter=default',
      `--reporter=./runner/progress-reporter.ts`,
    ],
    {
      cwd: exercisesRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        DL_LEARN_WATCH: '1',
        DL_WATCHDOG_DIR: join(mkdtempSync(join(tmpdir(), 'dl-watch-')), 'watchdog'),
      },
    },
  );
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Watches by polling the file's time stamp (`--poll`), re-running the exercise on each change. */
function watchOne(e: Exercise, poll: boolean): void {
  if (!poll) {
    watchWithVitest(e);
    return;
  }
  const file = stubFile(e);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const watching = () =>
    t(
      `\nwatching ${fromRoot(file)} (polling every half second): save it to re-run, Ctrl+C to stop.`,
      `\n${fromRoot(file)} 파일을 지켜보는 중 (0.5초마다 폴링): 저장하면 다시 실행합니다. 끝내려면 Ctrl+C.`,
    );
  const rerun = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) return rerun();
      running = true;
      console.clear();
      await runOne(e);
      console.log(watching());
      running = false;
    }, 50);
  };
  void runOne(e).then(() => {
    console.log(watching());
    const listener: StatsListener = (cur, prev) => {
      if (cur.mtimeMs !== prev.mtimeMs) rerun();
    };
    watchFile(file, { interval: 500 }, listener);
    process.on('SIGINT', () => {
      unwatchFile(file, listener);
      process.exit(0);
    });
  });
}

/** Asks a question on the terminal; resolves to null when the input ends without an answer. */
function ask(question: string): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    let answered = false;
    rl.question(question, (a) => {
      answered = true;
      rl.close();
      resolve(a);
    });
    rl.on('close', () => {
      if (!answered) resolve(null);
    });
  });
}

async function reset(e: Exercise, yes: boolean, ref: string): Promise<void> {
  const rel = `exercises/${e.dir}/${e.stub}`;
  let original: string;
  try {
    original = execFileSync('git', ['show', `${ref}:${rel}`], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    console.error(
      t(
        `pnpm learn reset: could not read ${rel} at git ref "${ref}"; expected a git checkout of the course.\n` +
          'Without git, download the original file again from the repository.',
        `pnpm learn reset: git ref "${ref}"에서 ${rel}을(를) 읽지 못했습니다; git으로 받은 저장소여야 합니다.\n` +
          'git이 없다면 저장소에서 원래 파일을 다시 내려받으세요.',
      ),
    );
    process.exit(1);
  }
  if (readFileSync(stubFile(e), 'utf8') === original) {
    console.log(
      t(
        `${rel} is already the original (at ${ref}); nothing to do.`,
        `${rel}은(는) 이미 원래 파일입니다 (${ref}). 바꿀 것이 없습니다.`,
      ),
    );
    return;
  }
  if (!yes) {
    const answer = await ask(
      t(
        `Restore ${rel} to its version at ${ref}? Your changes to that one file are lost;\n` +
          'tests, READMEs, hints and other exercises are not touched. [y/N] ',
        `${rel}을(를) ${ref}의 버전으로 되돌릴까요? 이 파일에서 고친 내용은 사라집니다;\n` +
          '테스트, README, 힌트, 다른 연습문제는 그대로입니다. [y/N] ',
      ),
    );
    if (answer === null) {
      console.log(
        t(
          '\nNo answer (the input ended), so no: nothing changed. Use --yes to reset without asking.',
          '\n답이 없어(입력이 끝났습니다) "아니오"로 처리했습니다: 아무것도 바꾸지 않았습니다. 묻지 않고 되돌리려면 --yes.',
        ),
      );
      return;
    }
    if (!/^(y(es)?|예|네|ㅇ)$/i.test(answer.trim())) {
      console.log(t('Nothing changed.', '아무것도 바꾸지 않았습니다.'));
      return;
    }
  }
  const tmp = `${stubFile(e)}.${process.pid}.tmp`;
  writeFileSync(tmp, original);
  renameSync(tmp, stubFile(e));
  console.log(
    t(`Restored ${rel} from ${ref}.`, `${rel}을(를) ${ref}에서 되돌렸습니다.`) +
      (ref === 'HEAD'
        ? t(
            ' (If you had committed your own attempt, use --from origin/main.)',
            ' (직접 커밋해 두었다면 --from origin/main 을 쓰세요.)',
          )
        : ''),
  );
}

function solution(e: Exercise): void {
  const [r] = runExercises([e], { isolate: true, limitS: 180 });
  if (r?.state !== 'done') {
    console.log(
      t(
        `The solution to ${e.dir} opens once your own code passes: ${r?.passed ?? 0}/${r?.total ?? 0} tests pass now.\n` +
          `Run \`pnpm learn ${e.id}\` to see what fails, or \`pnpm learn hint ${e.id}\` for a hint.`,
        `${e.dir}의 모범 답안은 내 코드가 통과해야 열립니다: 지금 ${r?.total ?? 0}개 중 ${r?.passed ?? 0}개 통과.\n` +
          `무엇이 틀렸는지: \`pnpm learn ${e.id}\`, 힌트: \`pnpm learn hint ${e.id}\``,
      ),
    );
    process.exitCode = 1;
    return;
  }
  remember([r]);
  const path = join(exercisesRoot, 'solutions', e.dir, e.stub);
  console.log(
    t(
      `✓ ${e.dir} passes. The reference solution (${fromRoot(path)}), to compare with yours:\n`,
      `✓ ${e.dir} 통과. 내 코드와 비교할 모범 답안 (${fromRoot(path)}):\n`,
    ),
  );
  console.log(readFileSync(path, 'utf8'));
}

const [cmd, arg, arg2] = positionals;

if (values.help || cmd === 'help') console.log(help);
else if (cmd === undefined || cmd === 'list') list();
else if (cmd === 'hint') hint(pick(arg), arg2 === undefined ? 1 : Number.parseInt(arg2, 10) || 1);
else if (cmd === 'watch') watchOne(arg === undefined ? firstToWatch() : pick(arg), values.poll);
else if (cmd === 'reset') await reset(pick(arg), values.yes, values.from);
else if (cmd === 'solution') solution(pick(arg));
else if (cmd === 'lang') {
  if (arg !== 'ko' && arg !== 'en' && arg !== 'both') {
    console.error('pnpm learn lang: expected ko, en or both (한국어: ko)');
    process.exitCode = 2;
  } else {
    saveLang(arg);
    console.log(
      say(
        arg,
        `Messages are now in English (${arg}).`,
        `이제 메시지를 한국어로 보여 줍니다 (${arg}).`,
      ),
    );
  }
} else if (cmd === 'run') process.exitCode = await runOne(pick(arg));
else if (/^\d+$/.test(cmd) || findExercise(loadCatalog(), cmd)) {
  process.exitCode = await runOne(pick(cmd));
} else {
  console.error(
    `${t(`pnpm learn: unknown command "${cmd}"`, `pnpm learn: 모르는 명령 "${cmd}"`)}\n\n${help}`,
  );
  process.exitCode = 2;
}

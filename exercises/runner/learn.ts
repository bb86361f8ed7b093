// The learner's runner, `pnpm learn …` at the repository root. See `pnpm learn help`.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  type StatsListener,
  unwatchFile,
  watch,
  watchFile,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  type Exercise,
  exercisesRoot,
  findExercise,
  fromRoot,
  loadCatalog,
  repoRoot,
} from './catalog.js';
import { parseHints } from './hints.js';
import { type JsonReport, runVitest } from './vitest-cli.js';

const help = `pnpm learn — work through the exercises (연습문제 실행기)

  pnpm learn                 list every exercise with ✓/✗ and what to open next
  pnpm learn NN              run exercise NN's tests with full output (e.g. pnpm learn 08)
  pnpm learn hint NN [k]     show hints 1…k of exercise NN (default: the first)
  pnpm learn watch NN        re-run exercise NN each time you save (--poll if saving does nothing)
  pnpm learn reset NN        restore exercise NN's stub to its original (asks first; --yes to skip,
                             --from <git ref> to pick the version; tests are never touched)
  pnpm learn solution NN     show the reference solution, once your own code passes
`;

const reporter = join(exercisesRoot, 'runner', 'progress-reporter.ts');
const testFile = (e: Exercise) => join(exercisesRoot, e.dir, e.stub.replace(/\.ts$/, '.test.ts'));
const stubFile = (e: Exercise) => join(exercisesRoot, e.dir, e.stub);

function pick(key: string | undefined): Exercise {
  const list = loadCatalog();
  const e = key === undefined ? undefined : findExercise(list, key);
  if (!e) {
    console.error(
      `pnpm learn: unknown exercise ${JSON.stringify(key ?? '')}; expected a number 01–${list.at(-1)?.id} or a folder name`,
    );
    process.exit(2);
  }
  return e;
}

/** Runs one exercise with vitest's full output, then its progress line. */
function runOne(e: Exercise): number | null {
  return runVitest(
    ['--project', 'exercises', testFile(e), '--reporter=default', `--reporter=${reporter}`],
    {
      limitS: 180,
    },
  );
}

function list(): void {
  const status = runVitest(['--project', 'exercises', `--reporter=${reporter}`], { limitS: 600 });
  if (status === null) console.error('the run was stopped after 10 minutes');
}

function hint(e: Exercise, k: number): void {
  const items = parseHints(readFileSync(join(exercisesRoot, e.dir, 'hints.md'), 'utf8'));
  const n = Math.max(1, Math.min(k, items.length));
  console.log(`Hints for ${e.dir} (${n} of ${items.length}):\n`);
  for (const item of items.slice(0, n)) console.log(`${item}\n`);
  if (n < items.length) console.log(`More: pnpm learn hint ${e.id} ${n + 1}`);
  else console.log(`That was the last hint. Once your tests pass: pnpm learn solution ${e.id}`);
}

function watchOne(e: Exercise, poll: boolean): void {
  const file = stubFile(e);
  let timer: NodeJS.Timeout | undefined;
  const rerun = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      console.clear();
      runOne(e);
      console.log(`\nwatching ${fromRoot(file)}: save it to re-run, Ctrl+C to stop.`);
    }, 150);
  };
  const fallback =
    'If saving does nothing (some editors, network drives, WSL or Docker mounts), stop with Ctrl+C and\n' +
    `run \`pnpm learn watch ${e.id} --poll\` (checks the file every half second), or simply run\n` +
    `\`pnpm learn ${e.id}\` after each edit.`;
  const startPolling = () => {
    const listener: StatsListener = (cur, prev) => {
      if (cur.mtimeMs !== prev.mtimeMs) rerun();
    };
    watchFile(file, { interval: 500 }, listener);
    process.on('SIGINT', () => {
      unwatchFile(file, listener);
      process.exit(0);
    });
  };
  runOne(e);
  console.log(
    `\nwatching ${fromRoot(file)}${poll ? ' (polling)' : ''}: save it to re-run, Ctrl+C to stop.`,
  );
  console.log(fallback);
  if (poll) {
    startPolling();
    return;
  }
  try {
    // watch the folder, not the file: many editors save by writing a new file and renaming it
    const w = watch(join(exercisesRoot, e.dir), (_event, name) => {
      if (name === e.stub) rerun();
    });
    w.on('error', (err) => {
      console.error(`file watching stopped (${err.message}); switching to polling.`);
      w.close();
      startPolling();
    });
  } catch (err) {
    console.error(
      `file watching is not available here (${(err as Error).message}); polling instead.`,
    );
    startPolling();
  }
}

async function reset(e: Exercise, yes: boolean, ref: string): Promise<void> {
  const rel = `exercises/${e.dir}/${e.stub}`;
  let original: string;
  try {
    original = execFileSync('git', ['show', `${ref}:${rel}`], { cwd: repoRoot, encoding: 'utf8' });
  } catch {
    console.error(
      `pnpm learn reset: could not read ${rel} at git ref "${ref}"; expected a git checkout of the course.\n` +
        'Without git, download the original file again from the repository.',
    );
    process.exit(1);
  }
  if (readFileSync(stubFile(e), 'utf8') === original) {
    console.log(`${rel} is already the original (at ${ref}); nothing to do.`);
    return;
  }
  if (!yes) {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(
      `Restore ${rel} to its version at ${ref}? Your changes to that one file are lost;\n` +
        'tests, READMEs, hints and other exercises are not touched. [y/N] ',
    );
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      console.log('Nothing changed.');
      return;
    }
  }
  writeFileSync(stubFile(e), original);
  console.log(
    `Restored ${rel} from ${ref}.` +
      (ref === 'HEAD' ? ' (If you had committed your own attempt, use --from origin/main.)' : ''),
  );
}

function solution(e: Exercise): void {
  const out = join(mkdtempSync(join(tmpdir(), 'dl-learn-')), 'report.json');
  runVitest(
    ['--project', 'exercises', testFile(e), '--reporter=json', `--outputFile.json=${out}`],
    {
      quiet: true,
      limitS: 180,
    },
  );
  const report: JsonReport | undefined = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as JsonReport)
    : undefined;
  const results = report?.testResults[0]?.assertionResults ?? [];
  const passed = results.filter((a) => a.status === 'passed').length;
  if (
    !report ||
    results.length === 0 ||
    passed < results.length ||
    report.testResults[0]?.message
  ) {
    console.log(
      `The solution to ${e.dir} opens once your own code passes: ${passed}/${results.length} tests pass now.\n` +
        `Run \`pnpm learn ${e.id}\` to see what fails, or \`pnpm learn hint ${e.id}\` for a hint.`,
    );
    process.exitCode = 1;
    return;
  }
  const path = join(exercisesRoot, 'solutions', e.dir, e.stub);
  console.log(
    `✓ ${e.dir} passes. The reference solution (${fromRoot(path)}), to compare with yours:\n`,
  );
  console.log(readFileSync(path, 'utf8'));
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    yes: { type: 'boolean', short: 'y', default: false },
    poll: { type: 'boolean', default: false },
    from: { type: 'string', default: 'HEAD' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [cmd, arg, arg2] = positionals;

if (values.help || cmd === 'help') console.log(help);
else if (cmd === undefined || cmd === 'list') list();
else if (cmd === 'hint') hint(pick(arg), arg2 === undefined ? 1 : Number.parseInt(arg2, 10) || 1);
else if (cmd === 'watch') watchOne(pick(arg), values.poll);
else if (cmd === 'reset') await reset(pick(arg), values.yes, values.from);
else if (cmd === 'solution') solution(pick(arg));
else if (cmd === 'run') process.exitCode = runOne(pick(arg)) ?? 1;
else if (/^\d+$/.test(cmd) || findExercise(loadCatalog(), cmd)) {
  process.exitCode = runOne(pick(cmd)) ?? 1;
} else {
  console.error(`pnpm learn: unknown command "${cmd}"\n\n${help}`);
  process.exitCode = 2;
}

// Type errors in a learner's file. vitest strips types without checking them, so a stub can pass its
// tests and still not compile; `pnpm learn NN` and `pnpm learn watch NN` check the file with the
// TypeScript compiler beside the test run and explain what they find in plain words.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { type Exercise, exercisesRoot, repoRoot } from './catalog.js';
import { type Lang, say } from './i18n.js';

const cacheDir = join(repoRoot, 'node_modules', '.cache', 'dl-learn');
const tscBin = join(
  dirname(createRequire(import.meta.url).resolve('typescript/package.json')),
  'bin',
  'tsc',
);

/** One compiler message about the learner's file. */
export interface TypeProblem {
  line: number;
  column: number;
  code: string;
  message: string;
}

/**
 * Reads `tsc --pretty false` output, keeping the messages about one file.
 *
 * @param output - what tsc printed
 * @param file - the file's path as tsc prints it (relative to the repository root)
 * @returns the problems in that file
 * @example
 * ```ts
 * parseTsc("a.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.", 'a.ts');
 * // [{ line: 3, column: 5, code: 'TS2322', message: "Type 'string' is not …" }]
 * ```
 */
export function parseTsc(output: string, file: string): TypeProblem[] {
  const out: TypeProblem[] = [];
  for (const m of output.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/gm)) {
    if (m[1]?.replace(/\\/g, '/').endsWith(file)) {
      out.push({ line: Number(m[2]), column: Number(m[3]), code: m[4] ?? '', message: m[5] ?? '' });
    }
  }
  return out;
}

/** What a compiler code usually means for a learner, in their language. */
const meanings: Record<string, [string, string]> = {
  TS2322: [
    'a value of the wrong type is stored or returned',
    '잘못된 타입의 값을 저장하거나 반환합니다',
  ],
  TS2345: [
    'a function is called with an argument of the wrong type',
    '함수에 잘못된 타입의 인자를 넘깁니다',
  ],
  TS2304: [
    'a name is used that is not defined or imported',
    '정의하거나 가져오지 않은 이름을 씁니다',
  ],
  TS2339: ['a property that this type does not have', '이 타입에 없는 속성을 씁니다'],
  TS2554: [
    'a function is called with the wrong number of arguments',
    '함수에 넘긴 인자 개수가 맞지 않습니다',
  ],
  TS2532: [
    'a value may be undefined here (check it first)',
    '여기서 값이 undefined일 수 있습니다 (먼저 확인하세요)',
  ],
  TS18048: [
    'a value may be undefined here (check it first)',
    '여기서 값이 undefined일 수 있습니다 (먼저 확인하세요)',
  ],
  TS7006: ['a parameter needs a type', '매개변수에 타입이 필요합니다'],
  TS2355: [
    'the function does not return a value on every path',
    '함수가 모든 경로에서 값을 반환하지 않습니다',
  ],
  TS2366: [
    'the function does not return a value on every path',
    '함수가 모든 경로에서 값을 반환하지 않습니다',
  ],
};

/**
 * The problems as notes a learner can act on: where, what it usually means, the compiler's words.
 *
 * @param problems - from {@link parseTsc}
 * @param file - the file's path for the message
 * @param lang - the runner's language
 * @returns one note per problem (at most five, then how many more)
 */
export function explainTypeProblems(
  problems: readonly TypeProblem[],
  file: string,
  lang: Lang,
): string[] {
  if (problems.length === 0) return [];
  const notes = problems.slice(0, 5).map((p) => {
    const [en, ko] =
      meanings[p.code] ??
      (/^TS1\d{3}$/.test(p.code) ? ['a syntax error', '문법 오류'] : ['a type error', '타입 오류']);
    return say(
      lang,
      `type error at ${file}:${p.line}:${p.column}: ${en} (${p.code}: ${p.message})`,
      `타입 오류 ${file}:${p.line}:${p.column}: ${ko} (${p.code}: ${p.message})`,
    );
  });
  if (problems.length > 5) {
    notes.push(
      say(
        lang,
        `… and ${problems.length - 5} more type errors`,
        `… 타입 오류 ${problems.length - 5}개 더`,
      ),
    );
  }
  notes.push(
    say(
      lang,
      'The tests do not check types (vitest only strips them), but TypeScript would refuse this file: fix the types too.',
      '테스트는 타입을 확인하지 않지만(vitest는 타입을 지우기만 합니다) TypeScript는 이 파일을 거부합니다: 타입도 고치세요.',
    ),
  );
  return notes;
}

/** The notes of the last type check of each stub, by the stub's contents. */
const typesFile = join(cacheDir, 'types.json');

/**
 * Type-checks one stub, or recalls the notes of its last check when the file has not changed since.
 *
 * @param e - the exercise
 * @param lang - the runner's language
 * @returns the notes, none when the file type-checks
 */
export async function typeNotes(e: Exercise, lang: Lang): Promise<string[]> {
  if (process.env.DL_TYPECHECK === '0') return [];
  const key = createHash('sha256')
    .update(lang)
    .update(readFileSync(join(exercisesRoot, e.dir, e.stub)))
    .digest('hex');
  let cache: Record<string, { key: string; notes: string[] }> = {};
  try {
    cache = JSON.parse(readFileSync(typesFile, 'utf8')) as typeof cache;
  } catch {
    // no cache yet
  }
  const hit = cache[e.dir];
  if (hit?.key === key) return hit.notes;
  const notes = await startTypecheck(e, lang).notes;
  cache[e.dir] = { key, notes };
  const tmp = `${typesFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, JSON.stringify(cache));
  renameSync(tmp, typesFile);
  return notes;
}

/**
 * Starts `tsc --noEmit` on one stub (incremental: its build info is kept in node_modules/.cache)
 * and returns at once; the promise gives the notes when the compiler is done.
 *
 * @param e - the exercise
 * @param lang - the runner's language
 * @returns the running compiler and a promise of the notes
 */
export function startTypecheck(
  e: Exercise,
  lang: Lang,
): { child: ChildProcess; notes: Promise<string[]> } {
  mkdirSync(cacheDir, { recursive: true });
  const config = join(cacheDir, `tsconfig.${e.id}.json`);
  const stub = join(exercisesRoot, e.dir, e.stub);
  writeFileSync(
    config,
    JSON.stringify({
      extends: relative(cacheDir, join(exercisesRoot, 'tsconfig.json')),
      compilerOptions: {
        noEmit: true,
        incremental: true,
        tsBuildInfoFile: `./tsbuildinfo.${e.id}`,
      },
      include: [],
      files: [relative(cacheDir, stub)],
    }),
  );
  const child = spawn(process.execPath, [tscBin, '-p', config, '--pretty', 'false'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    output += d;
  });
  const rel = relative(repoRoot, stub).split('\\').join('/');
  const notes = new Promise<string[]>((resolve) => {
    child.on('close', () => resolve(explainTypeProblems(parseTsc(output, rel), rel, lang)));
    child.on('error', () => resolve([]));
  });
  return { child, notes };
}

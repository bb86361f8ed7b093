import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Exercise, exercisesRoot } from './catalog.js';
import { type Lang, say } from './i18n.js';

/** The names a file exports (`export function f`, `export class C`, `export const x`, …). */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type)\s+([A-Za-z_$][\w$]*)/gm,
  )) {
    if (m[1]) names.add(m[1]);
  }
  return [...names];
}

/**
 * Looks for ways a stub can pass without the learner's own work, which the tests cannot tell apart
 * from real work: importing the reference solution, importing a package's source files directly,
 * or taking the very function or class the exercise asks for from a `@dl/*` package. The course
 * works on the honour system; this only makes sure it is never a silent one.
 *
 * @param source - the learner's stub
 * @param asked - the names the exercise asks the learner to write (its solution's exports)
 * @param lang - the runner's language
 * @returns plain-language notes, none when nothing was found
 * @example
 * ```ts
 * borrowedCode("import { Relu } from '@dl/layers';", ['Relu'], 'en');
 * // ['your file takes Relu from @dl/layers, …']
 * ```
 */
export function borrowedCode(source: string, asked: readonly string[], lang: Lang): string[] {
  const notes: string[] = [];
  for (const m of source.matchAll(
    /(?:import|export)\s*(type\s+)?(?:\{([^}]*)\}|\*(?:\s+as\s+\w+)?|[\w$]+)?\s*(?:,\s*\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]/g,
  )) {
    if (m[1]) continue; // a type-only import borrows no code
    const from = m[4] ?? '';
    if (/(^|\/)solutions\//.test(from)) {
      notes.push(
        say(
          lang,
          `your file imports the reference solution (${from}): the tests pass, but the work is not yours. Write it yourself, or read it with \`pnpm learn solution\` once you pass.`,
          `파일이 모범 답안(${from})을 가져옵니다: 테스트는 통과하지만 직접 푼 것이 아닙니다. 직접 작성하세요.`,
        ),
      );
      continue;
    }
    if (/(^|\/)packages\/|^@dl\/[^/]+\/src\b/.test(from)) {
      notes.push(
        say(
          lang,
          `your file imports a package's source file directly (${from}); import from the package name (@dl/…) instead.`,
          `파일이 패키지의 소스 파일(${from})을 직접 가져옵니다. 패키지 이름(@dl/…)으로 가져오세요.`,
        ),
      );
      continue;
    }
    if (!from.startsWith('@dl/')) continue;
    const imported = `${m[2] ?? ''},${m[3] ?? ''}`
      .split(',')
      .map((s) => s.trim().replace(/^type\s+/, ''))
      .filter((s) => s !== '' && !/^type\s/.test(s))
      .map((s) => s.split(/\s+as\s+/)[0]?.trim() ?? '');
    const same = imported.filter((n) => asked.includes(n));
    if (same.length > 0) {
      notes.push(
        say(
          lang,
          `your file takes ${same.join(', ')} from ${from}, the very thing this exercise asks you to write: the tests pass, but they check the package, not you.`,
          `파일이 이 연습문제에서 직접 작성할 ${same.join(', ')}을(를) ${from}에서 가져옵니다: 테스트는 패키지를 확인할 뿐, 여러분의 코드를 확인하지 않습니다.`,
        ),
      );
    }
  }
  return notes;
}

/**
 * {@link borrowedCode} for an exercise's stub as it is on disk.
 *
 * @param e - the exercise
 * @param lang - the runner's language
 * @returns the notes, none when nothing was found
 */
export function borrowedCodeIn(e: Exercise, lang: Lang): string[] {
  const stub = join(exercisesRoot, e.dir, e.stub);
  const solution = join(exercisesRoot, 'solutions', e.dir, e.stub);
  if (!existsSync(stub)) return [];
  const asked = existsSync(solution) ? exportedNames(readFileSync(solution, 'utf8')) : [];
  return borrowedCode(readFileSync(stub, 'utf8'), asked, lang);
}

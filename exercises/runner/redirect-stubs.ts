import { existsSync } from 'node:fs';
import type { Plugin } from 'vitest/config';
import { exerciseDirOf } from './catalog.js';

/**
 * A Vite plugin that makes an exercise's test file import another file in place of the learner's
 * stub: the reference solution (CI proves every solution passes the very same tests) or a known-wrong
 * "mutant" (CI proves the tests catch it). Only imports written in a test file as `./<stub>.js` are
 * redirected; the stubs themselves never import solutions.
 *
 * @param target - given the exercise folder (`08-softmax-overflow`) and the imported file
 *   (`softmax.ts`), the file to load instead, or undefined to keep the stub
 * @returns the plugin, for a vitest project's `plugins`
 * @example
 * ```ts
 * redirectStubs((dir, file) => join(exercisesRoot, 'solutions', dir, file));
 * ```
 */
export function redirectStubs(target: (dir: string, file: string) => string | undefined): Plugin {
  return {
    name: 'dl-exercises-redirect-stubs',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('./') || source.includes('/', 2)) return null;
      const dir = exerciseDirOf(importer.split('?')[0] ?? importer);
      if (!dir) return null;
      const file = source.slice(2).replace(/\.js$/, '.ts');
      const to = target(dir, file);
      return to !== undefined && existsSync(to) ? to : null;
    },
  };
}

import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One exercise as listed, in the lecture's order, in `exercises/exercises.json`. */
export interface Exercise {
  /** Two digits, `"01"`…: what the learner types (`pnpm learn 08`). */
  id: string;
  /** The folder, `NN-topic`. */
  dir: string;
  /** The learner's file in that folder (and, at the same path, in `solutions/`). */
  stub: string;
  /** Short English title. */
  title: string;
  /** Short Korean title. */
  titleKo: string;
}

/** The `exercises/` folder (this file lives in `exercises/runner/`). */
export const exercisesRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository root. */
export const repoRoot = join(exercisesRoot, '..');

/**
 * The exercises in order, read from `exercises.json`.
 *
 * @returns the list; the metadata check makes sure it matches the folders
 * @throws SyntaxError when the list is not valid JSON
 * @example
 * ```ts
 * loadCatalog()[0]?.dir; // '01-quantization'
 * ```
 */
export function loadCatalog(): Exercise[] {
  const raw = JSON.parse(readFileSync(join(exercisesRoot, 'exercises.json'), 'utf8')) as {
    exercises: Exercise[];
  };
  return raw.exercises;
}

/**
 * Finds an exercise by its number (`8`, `08`) or folder name (`08-softmax-overflow`).
 *
 * @param key - what the learner typed
 * @returns the exercise, or undefined when nothing matches
 * @example
 * ```ts
 * findExercise(loadCatalog(), '8')?.dir; // '08-softmax-overflow'
 * ```
 */
export function findExercise(list: readonly Exercise[], key: string): Exercise | undefined {
  const k = /^\d+$/.test(key) ? key.padStart(2, '0') : key.replace(/\/$/, '');
  return list.find((e) => e.id === k || e.dir === k);
}

/**
 * Which exercise a test file belongs to, from its path.
 *
 * @param file - an absolute or repository-relative path
 * @returns the folder name `NN-topic`, or undefined for other files
 * @example
 * ```ts
 * exerciseDirOf('/repo/exercises/08-softmax-overflow/softmax.test.ts'); // '08-softmax-overflow'
 * ```
 */
export function exerciseDirOf(file: string): string | undefined {
  return /(?:^|[\\/])exercises[\\/](\d\d-[^\\/]+)[\\/][^\\/]+\.test\.ts$/.exec(file)?.[1];
}

/** A path relative to the repository root, with forward slashes, for messages. */
export function fromRoot(path: string): string {
  return relative(repoRoot, path).split('\\').join('/');
}

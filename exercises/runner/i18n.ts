import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './catalog.js';

/** The language of the runner's own text: Korean, English, or both (one after the other). */
export type Lang = 'ko' | 'en' | 'both';

/** Where `pnpm learn lang ko|en|both` keeps the choice (inside node_modules: never committed). */
export const settingsFile = join(repoRoot, 'node_modules', '.cache', 'dl-learn', 'settings.json');

/**
 * The runner's language: `DL_LANG` if set, else the choice saved by `pnpm learn lang …`, else
 * Korean when the locale is Korean (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with `ko`), else both.
 *
 * @param env - the environment to read (default `process.env`)
 * @param file - the settings file (default {@link settingsFile})
 * @returns `'ko'`, `'en'` or `'both'`
 * @example
 * ```ts
 * detectLang({ LANG: 'ko_KR.UTF-8' }, '/nonexistent'); // 'ko'
 * ```
 */
export function detectLang(env: NodeJS.ProcessEnv = process.env, file = settingsFile): Lang {
  const pickLang = (v: string | undefined): Lang | undefined =>
    v === 'ko' || v === 'en' || v === 'both' ? v : undefined;
  const fromEnv = pickLang(env.DL_LANG);
  if (fromEnv) return fromEnv;
  if (existsSync(file)) {
    try {
      const saved = pickLang((JSON.parse(readFileSync(file, 'utf8')) as { lang?: string }).lang);
      if (saved) return saved;
    } catch {
      // a damaged settings file counts as no setting
    }
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko\b|^ko[_-]/i.test(locale) ? 'ko' : 'both';
}

/**
 * Saves the language for later runs (atomically: written aside, then renamed).
 *
 * @param lang - the choice
 * @param file - the settings file (default {@link settingsFile})
 */
export function saveLang(lang: Lang, file = settingsFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ lang })}\n`);
  renameSync(tmp, file);
}

/**
 * Picks the text for a language: the Korean one, the English one, or both (English first, then
 * Korean on the next line with the same indentation).
 *
 * @param lang - the runner's language
 * @param en - the English text
 * @param ko - the Korean text
 * @returns what to print
 * @example
 * ```ts
 * say('both', '  Next: 02', '  다음: 02'); // '  Next: 02\n  다음: 02'
 * ```
 */
export function say(lang: Lang, en: string, ko: string): string {
  if (lang === 'ko') return ko;
  if (lang === 'en') return en;
  return `${en}\n${ko}`;
}

/**
 * A message in one line: Korean, English, or both joined by `" / "` (what the progress list and
 * the exercise tests print).
 *
 * @example
 * ```ts
 * sayOneLine('both', 'failed', '실패'); // 'failed / 실패'
 * ```
 */
export function sayOneLine(lang: Lang, en: string, ko: string): string {
  return lang === 'both' ? `${en} / ${ko}` : say(lang, en, ko);
}

/**
 * A short label in one line: Korean, English, or `English (Korean)`.
 *
 * @example
 * ```ts
 * label('both', 'first to fix', '먼저 고칠 것'); // 'first to fix (먼저 고칠 것)'
 * ```
 */
export function label(lang: Lang, en: string, ko: string): string {
  if (lang === 'ko') return ko;
  if (lang === 'en') return en;
  return `${en} (${ko})`;
}

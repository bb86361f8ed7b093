import type { Lang } from './i18n.js';

/**
 * Splits a `hints.md` into its numbered hints: each item starts with `1. `, `2. `, … at the start of
 * a line and runs until the next item; indented continuation lines belong to it, headings and
 * blank lines do not.
 *
 * @param text - the contents of `hints.md`
 * @returns the hints in order, each with its number and continuation lines
 * @example
 * ```ts
 * parseHints('# Hints\n\n1. First\n   more\n2. Second\n'); // ['1. First\n   more', '2. Second']
 * ```
 */
export function parseHints(text: string): string[] {
  const items: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\d+\.\s/.test(line)) items.push(line);
    else if (items.length > 0 && /^\s+\S/.test(line)) items[items.length - 1] += `\n${line}`;
  }
  return items;
}

/**
 * A bilingual hint (English, then a `한국어:` part) as the learner reads it: in Korean, the Korean
 * part; otherwise both.
 *
 * @example
 * ```ts
 * hintIn('2. Use exp.\n   한국어: exp를 쓰세요.', 'ko'); // '2. exp를 쓰세요.'
 * ```
 */
export function hintIn(item: string, language: Lang): string {
  const at = item.indexOf('\n   한국어:');
  if (language !== 'ko' || at < 0) return item;
  const number = /^\d+\.\s/.exec(item)?.[0] ?? '';
  return `${number}${item.slice(at + '\n   한국어:'.length).trim()}`;
}

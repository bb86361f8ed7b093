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

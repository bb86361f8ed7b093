/**
 * The value comments of TSDoc examples (`sum(a); // 10`, `x.shape; // [1, 784]`), checked by
 * scripts/run-examples.ts: a comment that starts with a literal (number, string, boolean, null,
 * array or object of literals, optionally after `≈` or `→`) states the value of the expression
 * statement it ends; what follows the literal (`: the first digit is a 5`, `(rounded)`) is prose.
 * Numbers match to the precision they are written with (`0.3057` stands for anything that rounds to
 * it), so rounded values in docs stay honest without being brittle.
 */

/** A literal read from a comment; numbers carry the tolerance their written digits imply. */
export type Expected =
  | { kind: 'number'; value: number; tolerance: number }
  | { kind: 'exact'; value: string | boolean | null }
  | { kind: 'array'; items: Expected[] }
  | { kind: 'object'; entries: [string, Expected][] };

const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|^-?(?:Infinity|NaN)/i;

/**
 * Reads the literal at the start of `text` (after `≈`/`→` and spaces).
 *
 * @param text - a value comment without its `//`
 * @returns the literal and where it ends, or `undefined` when the comment does not start with one
 *   or the literal runs straight into more code (`[1, 2].length`)
 * @example
 * ```ts
 * import { parseExpected } from './example-values.js';
 * parseExpected('≈ 0.25 (rounded)')?.expected; // { kind: 'number', value: 0.25, tolerance: 0.005 }
 * ```
 */
export function parseExpected(text: string): { expected: Expected; end: number } | undefined {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const value = (): Expected | undefined => {
    skip();
    const rest = text.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      i += num[0].length;
      return { kind: 'number', value: Number(num[0]), tolerance: toleranceOf(num[0]) };
    }
    const word = /^(true|false|null)\b/.exec(rest);
    if (word) {
      i += word[0].length;
      return { kind: 'exact', value: word[1] === 'null' ? null : word[1] === 'true' };
    }
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      const close = rest.indexOf(quote, 1);
      if (close < 0) return undefined;
      i += close + 1;
      return { kind: 'exact', value: rest.slice(1, close) };
    }
    if (quote === '[') {
      i++;
      const items: Expected[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        const item = value();
        if (!item) return undefined;
        items.push(item);
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { kind: 'array', items };
        } else return undefined;
      }
    }
    if (quote === '{') {
      i++;
      const entries: [string, Expected][] = [];
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries };
        }
        const key = /^([A-Za-z_$][\w$]*)\s*:/.exec(text.slice(i));
        if (!key?.[1]) return undefined;
        i += key[0].length;
        const item = value();
        if (!item) return undefined;
        entries.push([key[1], item]);
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') return undefined;
      }
    }
    return undefined;
  };
  skip();
  if (text[i] === '≈' || text[i] === '→') i++;
  const expected = value();
  // a literal followed by `.`, `[` or an operator is the start of an expression, not a value
  if (!expected || /^\s*[.[+*/%-]/.test(text.slice(i))) return undefined;
  return { expected, end: i };
}

/** Half a unit in the last written digit: `0.3057` → 0.00005, `9.99e-01` → 0.0005, `12` → 0.5. */
function toleranceOf(written: string): number {
  const m = /^-?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(written);
  if (!m) return 0;
  const decimals = (m[2]?.length ?? 0) - Number(m[3] ?? 0);
  return 0.5 * 10 ** -decimals;
}

/**
 * Compares a value with an expected literal; typed arrays compare as arrays.
 *
 * @param actual - what the expression gave
 * @param expected - what the comment says
 * @returns a description of the first difference, or `undefined` when they match
 * @example
 * ```ts
 * import { compareValue, parseExpected } from './example-values.js';
 * compareValue([0.30571], parseExpected('[0.3057]')!.expected); // undefined
 * ```
 */
export function compareValue(actual: unknown, expected: Expected, path = ''): string | undefined {
  const at = path === '' ? '' : ` at ${path}`;
  switch (expected.kind) {
    case 'number': {
      if (typeof actual !== 'number') return `expected a number${at}, got ${show(actual)}`;
      if (Number.isNaN(expected.value))
        return Number.isNaN(actual) ? undefined : `expected NaN${at}, got ${actual}`;
      if (actual === expected.value) return undefined;
      // relative slack for values written to full precision
      const slack = expected.tolerance + 1e-12 * Math.abs(expected.value);
      return Math.abs(actual - expected.value) <= slack
        ? undefined
        : `expected ${expected.value}${at}, got ${actual}`;
    }
    case 'exact':
      return actual === expected.value
        ? undefined
        : `expected ${show(expected.value)}${at}, got ${show(actual)}`;
    case 'array': {
      const list = ArrayBuffer.isView(actual)
        ? Array.from(actual as unknown as ArrayLike<number>)
        : actual;
      if (!Array.isArray(list)) return `expected an array${at}, got ${show(actual)}`;
      if (list.length !== expected.items.length)
        return `expected ${expected.items.length} items${at}, got ${list.length}: ${show(list)}`;
      for (const [k, item] of expected.items.entries()) {
        const diff = compareValue(list[k], item, `${path}[${k}]`);
        if (diff) return diff;
      }
      return undefined;
    }
    case 'object': {
      if (typeof actual !== 'object' || actual === null)
        return `expected an object${at}, got ${show(actual)}`;
      for (const [key, item] of expected.entries) {
        const diff = compareValue((actual as Record<string, unknown>)[key], item, `${path}.${key}`);
        if (diff) return diff;
      }
      return undefined;
    }
  }
}

function show(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) =>
      ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v,
    );
    return (text ?? String(value)).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}

/**
 * Called by the generated example modules: throws when an expression's value differs from its
 * comment, naming the source line.
 *
 * @param actual - the expression's value
 * @param comment - the comment's text (without `//`)
 * @param where - `file:line` of the statement
 * @param code - the expression's source, for the message
 * @returns `actual`, so the statement keeps its value
 * @throws Error when the value does not match
 * @example
 * ```ts
 * import { checkValue } from './example-values.js';
 * checkValue(2 + 2, ' 4', 'demo.ts:1', '2 + 2'); // 4
 * ```
 */
export function checkValue(actual: unknown, comment: string, where: string, code: string): unknown {
  const parsed = parseExpected(comment);
  if (!parsed) return actual;
  const diff = compareValue(actual, parsed.expected);
  if (diff)
    throw new Error(`${where}: \`${code}\` does not match its comment (//${comment}): ${diff}`);
  return actual;
}

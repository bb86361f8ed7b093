// Internal: limits on the JSON header of model and checkpoint files. JSON.parse reads any depth,
// but everything after it (JSON.stringify in a message, walking the trainer state) recurses, and
// a hostile header nested 100,000 levels deep would overflow the stack there.

/** The deepest nesting a header may have: real headers are 5 levels deep or less. */
export const MAX_HEADER_DEPTH = 64;

/**
 * How deep a JSON value is nested (a number is 0, `[1]` is 1), counted without recursion and
 * stopping as soon as `limit` is passed.
 *
 * @returns the depth, or `limit + 1` when it is deeper than `limit`
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > limit) return limit + 1;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A JSON value for an error message: at most `max` characters, never throwing. */
export function preview(value: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'an array' : typeof value;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The state of each panel in the page's URL (after `#`, as `key=value&…`), so that a setting can be
 * shared as a link. Each panel reads its keys once at start and writes them back when they change.
 */

/** The current settings in the URL. */
function current(): URLSearchParams {
  return new URLSearchParams(location.hash.slice(1));
}

/**
 * A number from the URL, or `fallback` when it is missing or not a number in `[min, max]`.
 *
 * @param key - the setting's name, e.g. `train.lr`
 */
export function readNumber(key: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = current().get(key);
  const v = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(v) && v >= min && v <= max ? v : fallback;
}

/** A word from the URL, one of `allowed`, or `fallback`. */
export function readChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  const raw = current().get(key);
  return allowed.includes(raw as T) ? (raw as T) : fallback;
}

/** Writes settings into the URL (without a new history entry for every slider step). */
export function write(values: Record<string, string | number>): void {
  const params = current();
  for (const [k, v] of Object.entries(values)) params.set(k, String(v));
  history.replaceState(null, '', `#${params.toString()}`);
}

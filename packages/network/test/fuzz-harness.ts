// Runs a parser on one hostile input and says how it ended: a result, an error of an allowed
// class, or anything else (another error, too slow, too much memory), which a fuzz test rejects.
import { performance } from 'node:perf_hooks';

/** Per case: a parser that needs more than this has looped or allocated on a lie. */
export const CASE_TIME_MS = 1000;
/** Per case: new array-buffer memory beyond this means it allocated what a header claimed. */
export const CASE_MEMORY_BYTES = 64 * 2 ** 20;

export interface Outcome {
  ok: boolean;
  what: string;
}

/**
 * Calls `parse(input)`; the outcome is fine when it returns or throws one of `allowed`, within
 * {@link CASE_TIME_MS} and {@link CASE_MEMORY_BYTES}.
 */
export function tryParse(
  parse: () => unknown,
  allowed: readonly (abstract new (...args: never[]) => Error)[],
): Outcome {
  const memory = process.memoryUsage().arrayBuffers;
  const start = performance.now();
  let what = 'returned';
  let ok = true;
  try {
    parse();
  } catch (error) {
    ok = allowed.some((kind) => error instanceof kind);
    what = `${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 200)}`;
  }
  const ms = performance.now() - start;
  const grew = process.memoryUsage().arrayBuffers - memory;
  if (ms > CASE_TIME_MS) return { ok: false, what: `took ${ms.toFixed(0)} ms (${what})` };
  if (grew > CASE_MEMORY_BYTES) return { ok: false, what: `allocated ${grew} bytes (${what})` };
  return { ok, what };
}

/** Values of the wrong type for a bytes argument. */
export const NOT_BYTES: unknown[] = [
  null,
  undefined,
  'model.dlnet',
  42,
  {},
  [1, 2, 3],
  new ArrayBuffer(64),
  new Uint16Array(8),
  { length: 64, buffer: new ArrayBuffer(64) },
];

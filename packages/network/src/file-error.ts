// Internal: file-system errors that name the file. Node's own messages often do not
// ("ENOSPC: no space left on device, write", "EISDIR: illegal operation on a directory, read").
import { readFileSync } from 'node:fs';

/**
 * The same error, with the operation and the file in front of its message; `code` (ENOENT,
 * ENOSPC, EISDIR…) is kept so that callers can still tell the cases apart.
 */
export function fileError(op: string, action: string, path: string, error: unknown): Error {
  const e = error as NodeJS.ErrnoException;
  const out = new Error(`${op}: cannot ${action} ${path}; ${e?.message ?? String(error)}`, {
    cause: error,
  }) as NodeJS.ErrnoException;
  if (e?.code !== undefined) out.code = e.code;
  return out;
}

/** `readFileSync(path)`, with an error that names the file. */
export function readFileNamed(op: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw fileError(op, 'read', path, error);
  }
}

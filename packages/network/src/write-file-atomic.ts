import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileError } from './file-error.js';

/**
 * Writes a file so that readers see either the old file or the whole new one, never a part:
 * the bytes go to a temporary file in the same folder, are flushed to disk, then renamed over `path`
 * (a rename within one file system is atomic).
 *
 * @param path - where the file should end up
 * @param bytes - its contents (a string is written as UTF-8)
 * @returns nothing; on failure the temporary file is removed and the old file is left as it was
 * @throws Error from the file system (missing folder, no permission, disk full), its message
 *   naming `path`, its `code` kept
 * @example
 * ```ts
 * import { writeFileAtomic } from '@dl/network';
 * writeFileAtomic('hello.txt', 'hello\n');
 * ```
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
  );
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o644);
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw fileError('writeFileAtomic', 'write', path, error);
  }
}

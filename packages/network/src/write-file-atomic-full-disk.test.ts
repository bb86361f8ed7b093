// A full disk, simulated: every write fails with ENOSPC as Node reports it (no file name in it).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    writeSync: () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
});

const { writeFileAtomic } = await import('./write-file-atomic.js');

describe('writeFileAtomic on a full disk', () => {
  it('names the file, keeps the code ENOSPC, and leaves the old file whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-full-'));
    const path = join(dir, 'checkpoint.dlckpt');
    writeFileSync(path, 'old checkpoint');
    expect(() => writeFileAtomic(path, 'new checkpoint')).toThrow(
      `writeFileAtomic: cannot write ${path}; ENOSPC: no space left on device, write`,
    );
    try {
      writeFileAtomic(path, 'new');
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    expect(readFileSync(path, 'utf8')).toBe('old checkpoint');
    expect(readdirSync(dir)).toEqual(['checkpoint.dlckpt']);
  });
});

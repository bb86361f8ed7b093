import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic.js';

describe('writeFileAtomic', () => {
  it('writes strings and bytes, replacing the old file and leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-atomic-'));
    const path = join(dir, 'a.txt');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, new Uint8Array([104, 105]));
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('throws and cleans up when the folder is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-atomic-'));
    expect(() => writeFileAtomic(join(dir, 'no', 'a.txt'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

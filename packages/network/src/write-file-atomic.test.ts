import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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

  it('names the file when the target is a folder (EISDIR), keeping the code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-atomic-'));
    const target = join(dir, 'model.dlnet');
    mkdirSync(target);
    let error: NodeJS.ErrnoException | undefined;
    try {
      writeFileAtomic(target, 'x');
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(error?.message).toMatch(
      new RegExp(
        `^writeFileAtomic: cannot write ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; E(ISDIR|NOTEMPTY|EXIST)`,
      ),
    );
    expect(error?.code).toMatch(/^E(ISDIR|NOTEMPTY|EXIST)$/);
    expect(readdirSync(dir)).toEqual(['model.dlnet']); // no temporary file left
  });
});

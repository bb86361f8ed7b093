import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimRunFolder, LOCK_FILE } from './run-folder.js';

const folder = (): string => join(mkdtempSync(join(tmpdir(), 'dl-run-folder-')), 'run');

describe('claimRunFolder', () => {
  it('locks a new folder with this pid and host, and releases it', () => {
    const dir = folder();
    const release = claimRunFolder(dir, { resume: false, force: false });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    // A second claim while the lock is held (here by this same live process) is refused.
    expect(() => claimRunFolder(dir, { resume: true, force: false })).toThrow(
      `train: ${dir} is in use by another dl train (pid ${process.pid} on ${hostname()})`,
    );
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that no longer runs (kill -9)', () => {
    const dir = folder();
    claimRunFolder(dir, { resume: false, force: false })();
    // pid 2^22 + 1 is above the largest pid_max Linux allows (2^22): no such process.
    writeFileSync(join(dir, LOCK_FILE), `${2 ** 22 + 1} ${hostname()}\n`);
    const release = claimRunFolder(dir, { resume: true, force: false });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(`${process.pid} ${hostname()}\n`);
    release();
  });

  it('refuses a folder holding a run unless resuming, and --force clears the old files', () => {
    const dir = folder();
    claimRunFolder(dir, { resume: false, force: false })();
    writeFileSync(join(dir, 'config.json'), '{}');
    writeFileSync(join(dir, 'model.dlnet'), 'old');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect(() => claimRunFolder(dir, { resume: false, force: false })).toThrow(
      `train: ${dir} already holds a run (config.json, model.dlnet); expected an empty or new folder`,
    );
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false); // a refusal leaves no lock behind
    claimRunFolder(dir, { resume: true, force: false })();
    expect(existsSync(join(dir, 'model.dlnet'))).toBe(true);
    claimRunFolder(dir, { resume: false, force: true })();
    expect(existsSync(join(dir, 'model.dlnet'))).toBe(false);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine'); // not a run file: kept
  });
});

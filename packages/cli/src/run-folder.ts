// A run folder belongs to one run: a lock keeps a second live `dl train` out of it, and a new
// run refuses a folder that already holds one unless told to continue it (--resume) or to start
// over (--force). Without this, two runs with the same --out both "succeed" and leave one run's
// config beside the other's model and checkpoint.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The files `dl train` writes into a run folder. */
export const RUN_FILES = [
  'config.json',
  'checkpoint.dlckpt',
  'model.dlnet',
  'metrics.jsonl',
  'loss.csv',
  'summary.json',
  'chart.svg',
  'chart.png',
] as const;

/** The lock file: it holds the pid and host of the run using the folder. */
export const LOCK_FILE = '.dl-train.lock';

/** How a run means to use its folder. */
export interface ClaimOptions {
  /** Continue the run already in the folder (`--resume`). */
  resume: boolean;
  /** Start over in a folder that holds another run, removing its files (`--force`). */
  force: boolean;
}

/**
 * Takes a run folder for this process: creates it, locks it, and checks that a new run does not
 * land on an old one.
 *
 * @param dir - the run folder
 * @param options - whether the run resumes the folder's run or may replace it
 * @returns a function that releases the lock (it is also released when the process exits)
 * @throws Error when another live `dl train` holds the lock, or the folder holds a run and
 *   neither `resume` nor `force` is given
 */
export function claimRunFolder(dir: string, options: ClaimOptions): () => void {
  mkdirSync(dir, { recursive: true });
  const release = lock(dir);
  try {
    const present = RUN_FILES.filter((f) => existsSync(join(dir, f)));
    if (present.length > 0 && !options.resume && !options.force) {
      throw new Error(
        `train: ${dir} already holds a run (${present.join(', ')}); expected an empty or new folder: continue it with --resume ${dir}, start over with --force, or choose another --out`,
      );
    }
    if (options.force && !options.resume) {
      for (const f of present) rmSync(join(dir, f), { force: true });
    }
  } catch (error) {
    release();
    throw error;
  }
  return release;
}

function lock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  const mine = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, mine);
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // Only our own lock: never a lock another run took after a stale one was cleared.
        if (readText(path) === mine) rmSync(path, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new Error(
          `train: cannot lock the run folder ${dir}; expected to create ${path}, got ${(error as Error).message}`,
        );
      }
    }
    const holder = readText(path) ?? '';
    const [pidText, host] = holder.trim().split(' ');
    const pid = Number(pidText);
    if (host === hostname() && Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      // Left by a run that was killed (kill -9, a crash): take it over.
      rmSync(path, { force: true });
      continue;
    }
    throw new Error(
      `train: ${dir} is in use by another dl train (pid ${pidText || '?'}${host ? ` on ${host}` : ''}); expected one run per folder: wait for it to finish, choose another --out, or delete ${path} if that run is gone`,
    );
  }
  throw new Error(`train: cannot lock the run folder ${dir}; another run took it at the same time`);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

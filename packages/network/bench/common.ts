// Helpers shared by the benchmarks of @dl/network (train.ts, convnet.ts).
import { spawnSync } from 'node:child_process';

/** The median of a list (NaN when empty). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
}

/** Median milliseconds per call of `f`, over calls filling about `budget` ms (at least 5). */
export function timeIt(f: () => void, budget: number): number {
  f(); // warm-up (and JIT)
  const times: number[] = [];
  const start = performance.now();
  do {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  } while (performance.now() - start < budget || times.length < 5);
  return median(times);
}

/** The environment numpy runs in: no pinned OpenBLAS kernel, and the given thread count. */
export function numpyEnv(threads: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  if (threads === undefined) delete env['OPENBLAS_NUM_THREADS'];
  else env['OPENBLAS_NUM_THREADS'] = threads;
  return env;
}

/** Whether python3 with numpy can run here (false when skipped). */
export function probeNumpy(skip: boolean | undefined): boolean {
  if (skip) return false;
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

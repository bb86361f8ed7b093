// Helpers shared by the benchmarks of @dl/network (train.ts, convnet.ts).
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import type { DType } from '@dl/linalg';

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

/** A number with `digits` decimals, or a dash for NaN (a side that did not run). */
export function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

/** The machine's load averages over 1, 5 and 15 minutes. */
export function load(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** A numpy reference script run as a server: one JSON request per line, one answer per line. */
export interface NumpyServer {
  ask(req: object): Promise<Record<string, unknown>>;
  /** Its answer to `{ op: 'info' }`: numpy's version, OpenBLAS's core and threads. */
  info: Record<string, unknown>;
  close(): void;
}

/**
 * Starts `python3 script --serve --mnist-dir mnistDir` on `threads` OpenBLAS threads (its default
 * when undefined).
 */
export async function startNumpy(
  script: string,
  mnistDir: string,
  threads: string | undefined,
): Promise<NumpyServer> {
  const child = spawn('python3', [script, '--serve', '--mnist-dir', mnistDir], {
    env: numpyEnv(threads),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (req: object): Promise<Record<string, unknown>> => {
    child.stdin.write(`${JSON.stringify(req)}\n`);
    const { value, done } = await lines.next();
    if (done) throw new Error(`numpy reference ${script} exited early`);
    return JSON.parse(value as string);
  };
  const info = await ask({ op: 'info' });
  return { ask, info, close: () => child.stdin.end() };
}

/** One row of an iteration table: medians in ms over the rounds, and the rounds themselves. */
export interface IterationRow {
  dtype: DType;
  tsMs: number;
  numpyMs: number;
  numpyDefaultThreadsMs: number;
  ratio: number;
  ratioDefaultThreads: number;
  rounds: number[];
  numpyRounds: number[];
}

/**
 * Times one training iteration per dtype, ours against numpy on one thread (`np1`) and on its
 * default threads (`npN`), interleaved round by round so that a change in the machine's load hits
 * every column alike; each figure is the median over the rounds of each round's median over about
 * `budgetMs`. The numpy columns are NaN when numpy does not run.
 */
export async function compareIterations(
  label: string,
  iterations: ReadonlyMap<DType, () => void>,
  numpy: { np1: NumpyServer; npN: NumpyServer } | undefined,
  rounds: number,
  budgetMs: number,
): Promise<IterationRow[]> {
  const samples = new Map<string, number[]>();
  const record = (k: string, ms: number) => {
    samples.set(k, [...(samples.get(k) ?? []), ms]);
  };
  // Each measurement starts after a quiet pause: threads of the previous one (OpenBLAS's spin for
  // about 0.1 s after a multithreaded call, ours for 2 ms) must not take a core from the next.
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 250));
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`${label}, round ${r + 1}/${rounds}\r`);
    for (const [d, iteration] of iterations) {
      await quiet();
      record(`ts|${d}`, timeIt(iteration, budgetMs));
      if (numpy) {
        const req = { op: 'train_iter', dtype: d, budget_ms: budgetMs };
        await quiet();
        record(`numpy1|${d}`, (await numpy.np1.ask(req))['ms'] as number);
        await quiet();
        record(`numpyN|${d}`, (await numpy.npN.ask(req))['ms'] as number);
      }
    }
  }
  process.stderr.write('\n');
  const rounded = (k: string) => (samples.get(k) ?? []).map((v) => Number(v.toFixed(4)));
  return [...iterations.keys()].map((d) => {
    const ts = median(samples.get(`ts|${d}`) ?? []);
    const numpy1 = median(samples.get(`numpy1|${d}`) ?? []);
    const numpyN = median(samples.get(`numpyN|${d}`) ?? []);
    return {
      dtype: d,
      tsMs: ts,
      numpyMs: numpy1,
      numpyDefaultThreadsMs: numpyN,
      ratio: ts / numpy1,
      ratioDefaultThreads: ts / numpyN,
      rounds: rounded(`ts|${d}`),
      numpyRounds: rounded(`numpy1|${d}`),
    };
  });
}

/** Prints `rows` under `title`, times with `digits` decimals. */
export function printIterations(
  title: string,
  rows: readonly IterationRow[],
  digits: number,
): void {
  console.log(`\n${title}`);
  console.log('   dtype     TypeScript   numpy 1 thread   ratio   numpy default threads   ratio');
  for (const r of rows) {
    console.log(
      `   ${r.dtype.padEnd(8)}  ${fmt(r.tsMs, digits).padStart(10)}   ${fmt(r.numpyMs, digits).padStart(14)}   ${fmt(r.ratio, 2).padStart(5)}   ${fmt(r.numpyDefaultThreadsMs, digits).padStart(21)}   ${fmt(r.ratioDefaultThreads, 2).padStart(5)}`,
    );
  }
}

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

/** One stage of an iteration: its median ms per dtype, ours and numpy's on one thread. */
export interface StageRow {
  stage: string;
  byDtype: Record<string, { tsMs: number; numpyMs: number; ratio: number }>;
}

/**
 * Times an iteration given stage by stage, `iteration(lap)` calling `lap(stage)` as each stage
 * ends: a warm-up, then runs for about `budget` ms (at least 5). Returns each stage's median ms,
 * in the order the stages came.
 */
export function timeStages(
  iteration: (lap: (stage: string) => void) => void,
  budget: number,
): Map<string, number> {
  iteration(() => {});
  const laps = new Map<string, number[]>();
  const start = performance.now();
  let runs = 0;
  do {
    let last = performance.now();
    iteration((stage) => {
      const ms = performance.now() - last;
      const times = laps.get(stage);
      if (times) times.push(ms);
      else laps.set(stage, [ms]);
      last = performance.now(); // the bookkeeping is no stage's time
    });
    runs++;
  } while (performance.now() - start < budget || runs < 5);
  return new Map([...laps].map(([stage, ms]) => [stage, median(ms)]));
}

/**
 * Our stages and numpy's (its `train_stages` request, on one thread) in interleaved rounds, as
 * {@link compareIterations} does for whole iterations; each figure is the median over the rounds.
 * The stages are ours, in our order; a stage numpy does not name gets no numpy figure.
 */
export async function compareStages(
  label: string,
  iterations: ReadonlyMap<DType, (lap: (stage: string) => void) => void>,
  np1: NumpyServer | undefined,
  rounds: number,
  budgetMs: number,
): Promise<StageRow[]> {
  const ts = new Map<string, number[]>();
  const numpy = new Map<string, number[]>();
  const record = (into: Map<string, number[]>, k: string, ms: number) => {
    into.set(k, [...(into.get(k) ?? []), ms]);
  };
  const stages: string[] = [];
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 250));
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`${label}, round ${r + 1}/${rounds}\r`);
    for (const [d, iteration] of iterations) {
      await quiet();
      for (const [stage, ms] of timeStages(iteration, budgetMs)) {
        if (!stages.includes(stage)) stages.push(stage);
        record(ts, `${d}|${stage}`, ms);
      }
      if (np1) {
        await quiet();
        const res = await np1.ask({ op: 'train_stages', dtype: d, budget_ms: budgetMs });
        for (const [stage, ms] of Object.entries(res['ms'] as Record<string, number>)) {
          record(numpy, `${d}|${stage}`, ms);
        }
      }
    }
  }
  process.stderr.write('\n');
  return stages.map((stage) => ({
    stage,
    byDtype: Object.fromEntries(
      [...iterations.keys()].map((d) => {
        const tsMs = median(ts.get(`${d}|${stage}`) ?? []);
        const numpyMs = median(numpy.get(`${d}|${stage}`) ?? []);
        return [d, { tsMs, numpyMs, ratio: tsMs / numpyMs }];
      }),
    ),
  }));
}

/** Prints {@link compareStages}' rows, one column group per dtype, and the sum of the stages. */
export function printStages(title: string, rows: readonly StageRow[]): void {
  if (rows.length === 0) return;
  const dtypes = Object.keys(rows[0]!.byDtype);
  const width = Math.max(18, ...rows.map((r) => r.stage.length));
  console.log(`\n${title}`);
  console.log(
    `   ${'stage'.padEnd(width)}${dtypes.map((d) => `   ${`${d}: TypeScript`.padStart(19)}    numpy   ratio`).join('')}`,
  );
  const sum = (d: string, k: 'tsMs' | 'numpyMs') =>
    rows.reduce((s, r) => s + (r.byDtype[d]?.[k] ?? Number.NaN), 0);
  const total: StageRow = {
    stage: 'sum of the stages',
    byDtype: Object.fromEntries(
      dtypes.map((d) => [
        d,
        {
          tsMs: sum(d, 'tsMs'),
          numpyMs: sum(d, 'numpyMs'),
          ratio: sum(d, 'tsMs') / sum(d, 'numpyMs'),
        },
      ]),
    ),
  };
  for (const r of [...rows, total]) {
    const cells = dtypes.map((d) => {
      const c = r.byDtype[d]!;
      return `   ${fmt(c.tsMs, 2).padStart(19)}   ${fmt(c.numpyMs, 2).padStart(6)}   ${fmt(c.ratio, 2).padStart(5)}`;
    });
    console.log(`   ${r.stage.padEnd(width)}${cells.join('')}`);
  }
}

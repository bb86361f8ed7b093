// `pnpm bench` for @dl/linalg: matrix-product GFLOP/s of `matmul` on its WebAssembly SIMD kernel
// and on its TypeScript fallback, float64 and float32, beside numpy (OpenBLAS) on the same machine
// when `python3` with numpy is present. The runs are interleaved (each round measures every case on
// every side, so load from other processes hits all sides alike) and each figure is the median
// over the rounds. Prints a table and writes .bench/matmul.json.
//
//   pnpm --filter @dl/linalg bench [--rounds 5] [--budget 150] [--threads 1] [--numpy-threads 1] [--no-js]
//
// numpy is started with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment (when
// set they can pin OpenBLAS to a slower kernel; the table says which kernel numpy then uses). Both
// sides run on one thread by default (setThreads(1) here, OPENBLAS_NUM_THREADS=1 there), so the
// table compares kernels; `--threads 2 --numpy-threads 2` compares both cores against both cores.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createRng,
  type DType,
  getBackend,
  matmul,
  NDArray,
  rand,
  setBackend,
  setThreads,
} from '@dl/linalg';
import { wasmVariant } from '../src/kernels/wasm-kernels.js';

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    budget: { type: 'string', default: '150' },
    threads: { type: 'string', default: '1' },
    'numpy-threads': { type: 'string', default: '1' },
    'no-js': { type: 'boolean', default: false },
    'no-numpy': { type: 'boolean', default: false },
  },
});
const rounds = Number(opts.rounds);
const budgetMs = Number(opts.budget);

/** One product: sizes of op(A) (m × k) and op(B) (k × n), and the transposition flags. */
interface Case {
  label: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  /** Share of op(A)'s elements that are 0 (MNIST images: about 81%). */
  zeros?: number;
  /**
   * Alternate between two different A (as training does: a new batch each step), so that
   * nothing computed from one call's A can be reused in the next. Without it, A is the same in
   * every call, as in a numerical gradient.
   */
  fresh?: boolean;
}

// The lecture's network, batch 100: forward x·W1 is 100×784·784×50; backward dW1 = xᵀ·dout is
// 784×100·100×50 and dx = dout·W1ᵀ is 100×50·50×784: the same flops in three layouts.
const cases: Case[] = [
  { label: '512³ A·B', m: 512, n: 512, k: 512, transA: false, transB: false },
  { label: '512³ Aᵀ·B', m: 512, n: 512, k: 512, transA: true, transB: false },
  { label: '512³ A·Bᵀ', m: 512, n: 512, k: 512, transA: false, transB: true },
  { label: 'x·W1 100×784·784×50', m: 100, n: 50, k: 784, transA: false, transB: false },
  { label: 'xᵀ·dout 784×100·100×50', m: 784, n: 50, k: 100, transA: true, transB: false },
  { label: 'dout·W1ᵀ 100×50·50×784', m: 100, n: 784, k: 50, transA: false, transB: true },
  // The same with x as MNIST gives it, 81% zeros: our kernel skips them, OpenBLAS does not.
  // "new x" alternates two batches (training); "same x" repeats one (a numerical gradient).
  {
    label: 'x·W1, 81% zeros, new x',
    m: 100,
    n: 50,
    k: 784,
    transA: false,
    transB: false,
    zeros: 0.81,
    fresh: true,
  },
  {
    label: 'x·W1, 81% zeros, same x',
    m: 100,
    n: 50,
    k: 784,
    transA: false,
    transB: false,
    zeros: 0.81,
  },
  {
    label: 'xᵀ·dout, 81% zeros, new x',
    m: 784,
    n: 50,
    k: 100,
    transA: true,
    transB: false,
    zeros: 0.81,
    fresh: true,
  },
];
const dtypes: DType[] = ['float64', 'float32'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
}

/** Median milliseconds per call of `f`, over calls filling about `budget` ms (at least 3). */
function timeIt(f: () => void, budget: number): number {
  f(); // warm-up (and JIT)
  const times: number[] = [];
  const start = performance.now();
  do {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  } while (performance.now() - start < budget || times.length < 3);
  return median(times);
}

/** The numpy side: bench/reference/matmul.py as a line-per-request server, or null. */
async function startNumpy() {
  if (opts['no-numpy']) return { note: 'numpy skipped (--no-numpy)' };
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return { note: 'numpy skipped: python3 with numpy not found on this machine' };
  }
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: opts['numpy-threads'] };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const script = fileURLToPath(new URL('./reference/matmul.py', import.meta.url));
  const child = spawn('python3', [script], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (req: object): Promise<Record<string, unknown>> => {
    child.stdin.write(`${JSON.stringify(req)}\n`);
    const { value, done } = await lines.next();
    if (done) throw new Error('numpy reference exited early');
    return JSON.parse(value as string);
  };
  const info = await ask({ op: 'info' });
  return { ask, info, close: () => child.stdin.end() };
}

type Side = 'wasm' | 'js' | 'numpy';
const samples = new Map<string, number[]>();
const key = (c: Case, d: DType, side: Side) => `${c.label}|${d}|${side}`;
const record = (k: string, ms: number) => samples.set(k, [...(samples.get(k) ?? []), ms]);

const rng = createRng(0);
const operands = new Map<string, { a: NDArray; a2: NDArray; b: NDArray; out: NDArray }>();
function operandsOf(c: Case, d: DType) {
  const k = `${c.label}|${d}`;
  let o = operands.get(k);
  if (!o) {
    const makeA = () => {
      const a = rand(c.transA ? [c.k, c.m] : [c.m, c.k], rng, { dtype: d });
      for (let i = 0; i < a.size; i++) if (rng.random() < (c.zeros ?? 0)) a.data[i] = 0;
      return a;
    };
    const a = makeA();
    const a2 = c.fresh ? makeA() : a;
    const b = rand(c.transB ? [c.n, c.k] : [c.k, c.n], rng, { dtype: d });
    const out = new NDArray(
      d === 'float32' ? new Float32Array(c.m * c.n) : new Float64Array(c.m * c.n),
      [c.m, c.n],
    );
    o = { a, a2, b, out };
    operands.set(k, o);
  }
  return o;
}

/** Milliseconds of the copies the wasm path makes (operands in, product out), for the table. */
function copyMs(c: Case, d: DType): number {
  const T = d === 'float32' ? Float32Array : Float64Array;
  const src = [new T(c.m * c.k), new T(c.k * c.n), new T(c.m * c.n)];
  const dst = src.map((s) => new T(s.length));
  return timeIt(() => {
    for (let i = 0; i < 3; i++) dst[i]!.set(src[i]!);
  }, budgetMs / 3);
}

async function main() {
  const numpy = await startNumpy();
  const wasmOk = setBackend('wasm') === 'wasm';
  const threads = setThreads(Number(opts.threads));
  console.log(
    `@dl/linalg matmul benchmark: ${rounds} interleaved rounds, ~${budgetMs} ms per figure per round; node ${process.version}; wasm ${wasmOk ? `build: ${wasmVariant()}, ${threads} thread(s)` : 'NOT available'}`,
  );
  if ('info' in numpy && numpy.info) {
    console.log(
      `numpy ${numpy.info['numpy']}, OpenBLAS core ${numpy.info['core']} (OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset), ${numpy.info['threads']} thread(s)`,
    );
  } else console.log(numpy.note);

  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`round ${r + 1}/${rounds}\r`);
    for (const c of cases) {
      for (const d of dtypes) {
        const { a, a2, b, out } = operandsOf(c, d);
        let flip = false;
        const run = () => {
          flip = !flip;
          matmul(flip ? a : a2, b, { transA: c.transA, transB: c.transB, out });
        };
        if (wasmOk) {
          setBackend('wasm');
          record(key(c, d, 'wasm'), timeIt(run, budgetMs));
        }
        // The TypeScript kernel is slow at 512³ (a quarter second a product): 2 rounds suffice.
        if (!opts['no-js'] && (r < 2 || c.m * c.n * c.k < 1e7)) {
          setBackend('js');
          record(key(c, d, 'js'), timeIt(run, budgetMs));
          setBackend('wasm');
        }
        if ('ask' in numpy && numpy.ask) {
          const res = await numpy.ask({
            op: 'matmul',
            ...c,
            zeros: c.zeros ?? 0,
            dtype: d,
            budget_ms: budgetMs,
          });
          record(key(c, d, 'numpy'), res['ms'] as number);
        }
      }
    }
  }
  process.stderr.write('\n');
  if ('close' in numpy && numpy.close) numpy.close();

  const rows = [];
  for (const c of cases) {
    for (const d of dtypes) {
      const flops = 2 * c.m * c.n * c.k;
      const fig = (side: Side) => {
        const ms = median(samples.get(key(c, d, side)) ?? []);
        return { ms, gflops: flops / ms / 1e6 };
      };
      const wasm = fig('wasm');
      const js = fig('js');
      const np = fig('numpy');
      const copy = copyMs(c, d);
      rows.push({
        case: c.label,
        dtype: d,
        m: c.m,
        n: c.n,
        k: c.k,
        transA: c.transA,
        transB: c.transB,
        wasm,
        js,
        numpy: np,
        wasmOverJs: wasm.gflops / js.gflops,
        wasmOverNumpy: wasm.gflops / np.gflops,
        copyShareOfWasm: copy / wasm.ms,
      });
    }
  }

  const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
  const header = [
    'case',
    'dtype',
    'wasm GF/s',
    'js GF/s',
    'numpy GF/s',
    'wasm/js',
    'wasm/numpy',
    'copy %',
  ];
  const table = rows.map((r) => [
    r.case,
    r.dtype,
    f(r.wasm.gflops),
    f(r.js.gflops, 2),
    f(r.numpy.gflops),
    `${f(r.wasmOverJs)}×`,
    f(r.wasmOverNumpy, 2),
    f(100 * r.copyShareOfWasm, 0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  console.log(
    'GF/s: 2·m·n·k / median time of matmul(a, b, {transA, transB, out}); wasm/numpy > 1 means faster than numpy. copy %: share of the wasm time a memcpy of the operands in and the product out takes.',
  );

  const dir = fileURLToPath(new URL('../.bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}matmul.json`;
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        backend: getBackend(),
        wasmVariant: wasmVariant(),
        threads,
        rounds,
        budgetMs,
        numpy: 'info' in numpy ? numpy.info : { skipped: numpy.note },
        rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${file}`);
}

await main();

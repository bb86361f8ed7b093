import type { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { convGeometry } from '../conv-geometry.js';
import { dot, matmul } from '../dot.js';
import { NDArray, sparseRowsOf } from '../ndarray.js';
import { sum } from '../reductions.js';
import { adamStep, adamStepReference } from './adam-step.js';
import { getBackend, setBackend } from './backend.js';
import { col2imKernel, im2colKernel } from './im2col.js';
import { col2imReference, im2colReference } from './im2col-reference.js';
import {
  reluWithMask,
  reluWithMaskReference,
  zeroMasked,
  zeroMaskedReference,
} from './relu-mask.js';
import { allocateResident, isResident, residentBytes } from './resident.js';
import { takeRowsSparse } from './take-rows.js';
import { getThreads, setThreads } from './threads.js';
import { transposeBatches, transposeBatchesReference } from './transpose.js';
import { wasmShared } from './wasm-kernels.js';

// Worker threads for the sparse products (threads.ts). Results must be the same bit for bit
// whatever the thread count; helpers start on the first large job and stop on setThreads(1).
//
// Helpers are observed from the outside only: Node's own `Worker` class (the module object that
// `process.getBuiltinModule` hands threads.ts) is replaced for each test by a subclass that records
// every worker made, its options and its 'online', 'error' and 'exit' events. Nothing internal to
// threads.ts is spied on.

const ROW = 784; // an MNIST image
const shared = wasmShared() !== null;

const initialThreads = getThreads();
const initialBackend = getBackend();

/** Deterministic numbers in [0, 1) from a seed (no global randomness). */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `rows` MNIST-like images: about a `zeros` share of the bytes 0, the rest 1..255. */
function images(rows: number, zeros: number, next: () => number): Uint8Array {
  return Uint8Array.from({ length: rows * ROW }, () =>
    next() < zeros ? 0 : 1 + Math.floor(next() * 255),
  );
}

function pixelTable(f32: boolean): Float64Array | Float32Array {
  const table = f32 ? new Float32Array(256) : new Float64Array(256);
  for (let b = 0; b < 256; b++) table[b] = b / 255;
  return table;
}

/** A `[rows, cols]` matrix of values in [-1, 1), ordinary or resident. */
function matrix(
  rows: number,
  cols: number,
  f32: boolean,
  next: () => number,
  resident = false,
): NDArray {
  const dtype = f32 ? 'float32' : 'float64';
  const data = resident
    ? allocateResident(dtype, rows * cols)
    : f32
      ? new Float32Array(rows * cols)
      : new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = 2 * next() - 1;
  return new NDArray(data, [rows, cols]);
}

/** `n` row indices in [0, rows), repeats allowed. */
function batch(n: number, rows: number, next: () => number): number[] {
  return Array.from({ length: n }, () => Math.floor(next() * rows));
}

/** Fails at the first element that is not the same number (Object.is: −0 ≠ +0). */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) {
      expect.fail(`${what}: element ${i} differs: got ${got[i]}, want ${want[i]}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Worker tracking (Node's Worker class, replaced per test).

interface Tracked {
  worker: Worker;
  options: { eval?: boolean; workerData?: { module?: unknown; memory?: unknown } };
  online: Promise<void>;
  exited: Promise<number>;
  exitCode: number | undefined;
  errors: unknown[];
}

const workerThreads = process.getBuiltinModule(
  'node:worker_threads',
) as typeof import('node:worker_threads');
const RealWorker = workerThreads.Worker;
let made: Tracked[] = [];

function trackWorkers(): void {
  made = [];
  const list = made;
  class TrackedWorker extends RealWorker {
    constructor(...args: ConstructorParameters<typeof RealWorker>) {
      super(...args);
      const worker = this as Worker;
      const record: Tracked = {
        worker,
        options: (args[1] ?? {}) as Tracked['options'],
        online: new Promise((resolve) => worker.once('online', () => resolve())),
        exited: new Promise((resolve) => worker.once('exit', (code) => resolve(code))),
        exitCode: undefined,
        errors: [],
      };
      void record.exited.then((code) => {
        record.exitCode = code;
      });
      worker.on('error', (e) => record.errors.push(e));
      list.push(record);
    }
  }
  workerThreads.Worker = TrackedWorker as typeof RealWorker;
}

async function untrackWorkers(): Promise<void> {
  workerThreads.Worker = RealWorker;
  // Helpers that did not stop would otherwise outlive the test.
  await Promise.all(made.map((t) => (t.exitCode === undefined ? t.worker.terminate() : 0)));
  made = [];
}

/** Resolves with `p`, or rejects after `ms` (only a bound for events that should come at once). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Waits for every tracked worker to be up (a bound, not a measurement). */
async function allOnline(): Promise<void> {
  await within(Promise.all(made.map((t) => t.online)), 20_000, 'helpers online');
}

/** A product large enough for helpers (nonzeros · n far above 100,000, 200 rows). */
function bigProduct(): void {
  const next = lcg(99);
  const bytes = images(200, 0.8, next);
  const x = takeRowsSparse(bytes, ROW, batch(200, 200, next), pixelTable(false));
  matmul(x, matrix(ROW, 30, false, next));
}

beforeEach(() => {
  setBackend('wasm');
  trackWorkers();
});

afterEach(async () => {
  setThreads(1); // stops this test's helpers, so that the next test starts its own
  setThreads(initialThreads);
  setBackend(initialBackend);
  await untrackWorkers();
});

// ---------------------------------------------------------------------------------------------

describe('setThreads / getThreads', () => {
  it('round-trips positive integers', () => {
    for (const n of [1, 2, 3, 4, 7, 1, 16, 2]) {
      expect(setThreads(n)).toBe(n);
      expect(getThreads()).toBe(n);
    }
  });

  it('defaults to a positive integer', () => {
    expect(Number.isInteger(initialThreads)).toBe(true);
    expect(initialThreads).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [0, '0'],
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
  ])('rejects %s with a RangeError naming setThreads, and keeps the count', (bad, shown) => {
    setThreads(3);
    expect(() => setThreads(bad)).toThrow(
      new RangeError(`setThreads: invalid thread count; expected a positive integer, got ${shown}`),
    );
    expect(() => setThreads(bad)).toThrow(RangeError);
    expect(getThreads()).toBe(3);
  });

  it('rejects a numeric string (not a number)', () => {
    expect(() => setThreads('2' as unknown as number)).toThrow(RangeError);
    expect(() => setThreads('2' as unknown as number)).toThrow(/^setThreads: /);
  });

  it.each([
    ['3', 3],
    ['1', 1],
  ])('DL_THREADS=%s in the environment sets the default to %i', async (value, want) => {
    vi.stubEnv('DL_THREADS', value);
    vi.resetModules();
    try {
      const fresh = await import('./threads.js');
      expect(fresh.getThreads()).toBe(want);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it('without DL_THREADS (or with a value that is not a count) the default is 1 to 4', async () => {
    for (const value of [undefined, 'many']) {
      vi.stubEnv('DL_THREADS', value);
      vi.resetModules();
      try {
        const fresh = await import('./threads.js');
        const got = fresh.getThreads();
        expect(Number.isInteger(got)).toBe(true);
        expect(got).toBeGreaterThanOrEqual(1);
        expect(got).toBeLessThanOrEqual(4);
      } finally {
        vi.unstubAllEnvs();
        vi.resetModules();
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe.skipIf(!shared)('helper threads', { timeout: 60_000 }, () => {
  it('start lazily, threads − 1 of them, on the shared module and memory, on the first large job', async () => {
    setThreads(1);
    bigProduct();
    expect(made).toHaveLength(0); // one thread: no helper ever

    setThreads(3);
    expect(getThreads()).toBe(3);
    expect(made).toHaveLength(0); // not before a job needs them
    bigProduct();
    expect(made).toHaveLength(2);
    const s = wasmShared()!;
    for (const t of made) {
      expect(t.options.eval).toBe(true);
      expect(t.options.workerData?.memory).toBe(s.memory);
      expect(t.options.workerData?.module).toBe(s.module);
    }
    await allOnline();
    // Reused: more large jobs start no further helpers, and none of them fails.
    for (let i = 0; i < 10; i++) bigProduct();
    expect(made).toHaveLength(2);
    setThreads(3); // the same count keeps them
    bigProduct();
    expect(made).toHaveLength(2);
    expect(made.flatMap((t) => t.errors)).toEqual([]);
  });

  it('gemmRows threshold: nonzeros · n ≥ 100,000 and m ≥ 8', () => {
    setThreads(2);
    const f64 = pixelTable(false);
    const next = lcg(5);
    const full = new Uint8Array(8 * ROW).fill(255); // every pixel nonzero: 784 per row
    const x8 = () => takeRowsSparse(full, ROW, [0, 1, 2, 3, 4, 5, 6, 7], f64);
    // 8 · 784 · 15 = 94,080: below.
    matmul(x8(), matrix(ROW, 15, false, next));
    expect(made).toHaveLength(0);
    // 7 rows: 7 · 784 · 19 = 104,272 multiply-adds, but fewer than 8 rows.
    matmul(takeRowsSparse(full, ROW, [0, 1, 2, 3, 4, 5, 6], f64), matrix(ROW, 19, false, next));
    expect(made).toHaveLength(0);
    // 8 · 784 · 16 = 100,352: above.
    matmul(x8(), matrix(ROW, 16, false, next));
    expect(made).toHaveLength(1);
  });

  it('compress threshold (resident bytes): n · len ≥ 32,768 and n ≥ 8', () => {
    setThreads(2);
    const f64 = pixelTable(false);
    const next = lcg(6);
    // Blank images: the product itself is tiny, only the compression is large.
    const blank = residentBytes(new Uint8Array(64 * ROW));
    expect(isResident(blank as unknown as Float64Array)).toBe(true);
    const W = matrix(ROW, 1, false, next);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
    matmul(takeRowsSparse(blank, ROW, rows(41), f64), W); // 41 · 784 = 32,144: below
    expect(made).toHaveLength(0);
    const wide = residentBytes(new Uint8Array(8 * 8192));
    matmul(takeRowsSparse(wide, 8192, rows(7), f64), matrix(8192, 1, false, next)); // 7 rows
    expect(made).toHaveLength(0);
    // Ordinary bytes are compressed on the calling thread, however many.
    matmul(takeRowsSparse(new Uint8Array(64 * ROW), ROW, rows(64), f64), W);
    expect(made).toHaveLength(0);
    matmul(takeRowsSparse(blank, ROW, rows(42), f64), W); // 42 · 784 = 32,928: above
    expect(made).toHaveLength(1);
  });

  it('transpose threshold (xᵀ · dout): entries ≥ 8,192 and m ≥ 8', () => {
    setThreads(2);
    const f64 = pixelTable(false);
    const next = lcg(7);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
    // Every pixel nonzero; dout has one column, so the product itself stays on one thread.
    const full = new Uint8Array(16 * ROW).fill(255);
    const dout = (n: number) => matrix(n, 1, false, next);
    const xt = (bytes: Uint8Array, len: number, n: number) =>
      matmul(takeRowsSparse(bytes, len, rows(n), f64), dout(n), { transA: true });
    xt(full, ROW, 10); // 10 · 784 = 7,840 entries: below
    expect(made).toHaveLength(0);
    const long = new Uint8Array(8 * 2048).fill(255);
    xt(long, 2048, 7); // 7 · 2048 = 14,336 entries, but 7 rows
    expect(made).toHaveLength(0);
    xt(full, ROW, 11); // 11 · 784 = 8,624: above
    expect(made).toHaveLength(1);
  });

  it('setThreads(1) stops running helpers; a new count starts new ones', async () => {
    setThreads(3);
    bigProduct();
    expect(made).toHaveLength(2);
    await allOnline();
    for (let i = 0; i < 5; i++) bigProduct(); // the helpers are in their loop by now
    await new Promise((resolve) => setTimeout(resolve, 100));
    bigProduct();
    const first = made.slice();
    setThreads(1);
    const codes = await within(Promise.all(first.map((t) => t.exited)), 10_000, 'helpers exit');
    expect(codes).toEqual([0, 0]);

    setThreads(2);
    bigProduct();
    expect(made).toHaveLength(3);
    await allOnline();
    bigProduct();
    await new Promise((resolve) => setTimeout(resolve, 100));
    setThreads(4); // a different count: the old helper goes, three new ones come with a job
    expect(await within(made[2]!.exited, 10_000, 'helper exit')).toBe(0);
    bigProduct();
    expect(made).toHaveLength(6);
    expect(made.flatMap((t) => t.errors)).toEqual([]);
  });

  // A helper that starts after setThreads has stopped the pool reads the job number already bumped
  // by the stop; it must see the exit (KIND = −1) rather than wait for a job that never comes.
  it('setThreads(1) right after the first large job stops the helpers too', async () => {
    setThreads(3);
    bigProduct();
    expect(made).toHaveLength(2);
    setThreads(1); // before the helpers are up
    const codes = await within(Promise.all(made.map((t) => t.exited)), 3_000, 'helpers exit');
    expect(codes).toEqual([0, 0]);
  });
});

// ---------------------------------------------------------------------------------------------

interface Case {
  setRows: number; // images in the set
  zeros: number; // share of zero bytes
  f32: boolean;
  residentW: boolean;
  cols: number; // W's columns (x · W)
  doutCols: number; // dout's columns (xᵀ · dout)
  batches: number[]; // one batch size per round
  seed: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  setRows: fc.integer({ min: 20, max: 400 }),
  zeros: fc.double({ min: 0.7, max: 0.9, noNaN: true }),
  f32: fc.boolean(),
  residentW: fc.boolean(),
  cols: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.constantFrom(1, 10, 50, 70)),
  doutCols: fc.integer({ min: 1, max: 70 }),
  batches: fc.array(fc.oneof(fc.integer({ min: 8, max: 300 }), fc.constantFrom(8, 100, 300)), {
    minLength: 3,
    maxLength: 3,
  }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

/** A case's operands, made once and used under every thread count. */
interface Prepared {
  ordinary: Uint8Array;
  resident: Uint8Array;
  table: Float64Array | Float32Array;
  W: NDArray;
  rounds: { indices: number[]; dout: NDArray }[];
}

function prepare(c: Case): Prepared {
  const next = lcg(c.seed);
  const ordinary = images(c.setRows, c.zeros, next);
  const resident = residentBytes(ordinary);
  return {
    ordinary,
    resident,
    table: pixelTable(c.f32),
    W: matrix(ROW, c.cols, c.f32, next, c.residentW),
    rounds: c.batches.map((n) => ({
      indices: batch(n, c.setRows, next),
      dout: matrix(n, c.doutCols, c.f32, next),
    })),
  };
}

/**
 * Every product of a case, round after round, from `bytes`: x·W, x·W again (the rows cached),
 * xᵀ·dout, xᵀ·dout again (the transpose cached), dot(x, W). With `dense`, each also from the
 * densified x (new NDArray(x.data.slice(), x.shape)), which must give the same numbers.
 */
function products(p: Prepared, bytes: Uint8Array, dense: boolean, label: string): number[][] {
  const out: number[][] = [];
  p.rounds.forEach(({ indices, dout }, r) => {
    const x = takeRowsSparse(bytes, ROW, indices, p.table);
    expect(sparseRowsOf(x), `${label} round ${r}: stands on rows`).toBeDefined();
    const got = [
      matmul(x, p.W),
      matmul(x, p.W),
      matmul(x, dout, { transA: true }),
      matmul(x, dout, { transA: true }),
      dot(x, p.W),
    ];
    expect(sparseRowsOf(x), `${label} round ${r}: still on rows`).toBeDefined();
    expect(got[0]!.shape).toEqual([indices.length, p.W.shape[1]]);
    expect(got[2]!.shape).toEqual([ROW, dout.shape[1]]);
    expectSameBits(got[1]!.data, got[0]!.data, `${label} round ${r}: x·W twice`);
    expectSameBits(got[3]!.data, got[2]!.data, `${label} round ${r}: xᵀ·dout twice`);
    expectSameBits(got[4]!.data, got[0]!.data, `${label} round ${r}: dot = matmul`);
    if (dense) {
      const xd = new NDArray(x.data.slice(), x.shape);
      expectSameBits(got[0]!.data, matmul(xd, p.W).data, `${label} round ${r}: x·W dense`);
      expectSameBits(
        got[2]!.data,
        matmul(xd, dout, { transA: true }).data,
        `${label} round ${r}: xᵀ·dout dense`,
      );
      expectSameBits(got[4]!.data, dot(xd, p.W).data, `${label} round ${r}: dot dense`);
    }
    for (const y of got) out.push(Array.from(y.data));
  });
  return out;
}

/** Starts the helpers for the current count and waits until they are up. */
async function warmHelpers(threads: number): Promise<void> {
  setThreads(1);
  setThreads(threads);
  bigProduct();
  if (shared) {
    expect(made.length).toBeGreaterThanOrEqual(threads - 1);
    await allOnline();
    bigProduct();
  }
}

describe.skipIf(!shared)('products on threads', { timeout: 60_000 }, () => {
  it('are the same bit for bit on 1, 2 and 4 threads, from ordinary and resident bytes', async () => {
    const cases = fc.sample(caseArb, { numRuns: 24, seed: 71 });
    const prepared = cases.map(prepare);
    for (const p of prepared) expect(isResident(p.resident as unknown as Float64Array)).toBe(true);

    const results = new Map<number, number[][][]>();
    for (const threads of [1, 2, 4]) {
      await warmHelpers(threads);
      expect(getThreads()).toBe(threads);
      const all: number[][][] = [];
      prepared.forEach((p, i) => {
        const label = `threads ${threads}, case ${i} ${JSON.stringify(cases[i])}`;
        const fromOrdinary = products(p, p.ordinary, threads === 1, `${label}, ordinary bytes`);
        const fromResident = products(p, p.resident, threads === 1, `${label}, resident bytes`);
        fromResident.forEach((y, j) => {
          expectSameBits(y, fromOrdinary[j]!, `${label}: #${j}`);
        });
        all.push(fromResident);
      });
      results.set(threads, all);
    }
    const one = results.get(1)!;
    for (const threads of [2, 4]) {
      results.get(threads)!.forEach((ys, i) => {
        ys.forEach((y, j) => {
          expectSameBits(y, one[i]![j]!, `case ${i} product #${j}: ${threads} threads vs 1`);
        });
      });
    }
    expect(made.flatMap((t) => t.errors)).toEqual([]);
  });

  it('on 4 warm threads equal the product of the densified batch (property)', async () => {
    await warmHelpers(4);
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, resident) => {
        const p = prepare(c);
        products(p, resident ? p.resident : p.ordinary, true, resident ? 'resident' : 'ordinary');
      }),
      { numRuns: 30, seed: 72 },
    );
    expect(getThreads()).toBe(4);
    expect(made.flatMap((t) => t.errors)).toEqual([]);
  });

  it('compress the same rows, entry for entry, on 1 and 4 threads (resident bytes)', async () => {
    const next = lcg(73);
    // Blank to full images: a chunk may fill its whole part of the room.
    const sets = [0, 0.5, 0.8, 0.95, 1].map((zeros) => images(300, zeros, next));
    const resident = sets.map((b) => residentBytes(b));
    const picks = [batch(300, 300, next), batch(64, 300, next), batch(257, 300, next)];
    // The starts, and each row's entries without its spare slot (which holds no element, so
    // whatever it holds is not compared).
    const rowsOf = (bytes: Uint8Array, indices: number[], f32: boolean) => {
      const rows = sparseRowsOf(takeRowsSparse(bytes, ROW, indices, pixelTable(f32)))!;
      const cols: number[] = [];
      const values: number[] = [];
      for (let r = 0; r < rows.rows; r++) {
        for (let q = rows.starts[r]!; q < rows.starts[r + 1]! - 1; q++) {
          cols.push(rows.indices[q]!);
          values.push(rows.values[q]!);
        }
      }
      return [Array.from(rows.starts), cols, values];
    };
    const collect = () =>
      sets.flatMap((bytes, s) =>
        picks.flatMap((indices) =>
          [false, true].map((f32) => ({
            ordinary: rowsOf(bytes, indices, f32),
            resident: rowsOf(resident[s]!, indices, f32),
          })),
        ),
      );
    await warmHelpers(1);
    const one = collect();
    await warmHelpers(4);
    const four = collect();
    one.forEach((want, i) => {
      for (let a = 0; a < 3; a++) {
        expectSameBits(want.resident[a]!, want.ordinary[a]!, `#${i} array ${a}: resident vs not`);
        expectSameBits(four[i]!.resident[a]!, want.ordinary[a]!, `#${i} array ${a}: 4 threads`);
        expectSameBits(four[i]!.ordinary[a]!, want.ordinary[a]!, `#${i} array ${a}: ordinary`);
      }
    });
  });

  it('helpers started before the memory grows work on the memory grown since', async () => {
    await warmHelpers(4);
    const memory = wasmShared()!.memory;
    const before = memory.buffer.byteLength;
    allocateResident('float64', 8 * 2 ** 20); // 64 MiB: the memory grows past where it ended
    const next = lcg(75);
    const ordinary = images(300, 0.8, next);
    const bytes = residentBytes(ordinary);
    expect(memory.buffer.byteLength).toBeGreaterThan(before);
    expect(bytes.byteOffset).toBeGreaterThan(before);
    const W = matrix(ROW, 40, true, next, true); // resident too, past the old end
    expect(W.data.byteOffset).toBeGreaterThan(before);
    const dout = matrix(300, 12, true, next);
    const indices = batch(300, 300, next);
    for (let round = 0; round < 5; round++) {
      const x = takeRowsSparse(bytes, ROW, indices, pixelTable(true));
      const y = matmul(x, W).data.slice();
      const dW = matmul(x, dout, { transA: true }).data.slice();
      const xd = new NDArray(x.data.slice(), x.shape);
      expectSameBits(y, matmul(xd, W).data, `round ${round}: x·W`);
      expectSameBits(dW, matmul(xd, dout, { transA: true }).data, `round ${round}: xᵀ·dout`);
    }
    expect(made.flatMap((t) => t.errors)).toEqual([]);
    expect(made.every((t) => t.exitCode === undefined)).toBe(true); // still there
  });

  it('fully dense batches (every chunk fills its room) multiply the same on 1 and 4 threads', async () => {
    const next = lcg(74);
    const full = Uint8Array.from({ length: 120 * ROW }, () => 1 + Math.floor(next() * 255));
    const resident = residentBytes(full);
    const indices = batch(120, 120, next);
    const W = matrix(ROW, 33, false, next);
    const dout = matrix(120, 9, false, next);
    const run = () => {
      const x = takeRowsSparse(resident, ROW, indices, pixelTable(false));
      return [matmul(x, W).data.slice(), matmul(x, dout, { transA: true }).data.slice()];
    };
    await warmHelpers(1);
    const want = run();
    // The dense product of the same elements (a dense matrix: the dense kernel) is close.
    const xd = new NDArray(takeRowsSparse(full, ROW, indices, pixelTable(false)).data.slice(), [
      120,
      ROW,
    ]);
    const dense = matmul(xd, W).data;
    for (let i = 0; i < dense.length; i++) {
      expect(Math.abs(want[0]![i]! - dense[i]!)).toBeLessThanOrEqual(1e-9);
    }
    await warmHelpers(4);
    for (let round = 0; round < 5; round++) {
      const got = run();
      expectSameBits(got[0]!, want[0]!, `round ${round}: x·W`);
      expectSameBits(got[1]!, want[1]!, `round ${round}: xᵀ·dout`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// im2col and col2im share a batch's images among the threads (unfoldParallel).

/** A checked geometry and a random batch for it. */
function unfoldCase(
  shape: [number, number, number, number],
  fh: number,
  stride: number,
  pad: number,
  f32: boolean,
  seed: number,
) {
  const g = convGeometry('test', shape, fh, fh, stride, pad);
  const next = lcg(seed);
  const View = f32 ? Float32Array : Float64Array;
  const x = new View(g.n * g.c * g.h * g.w);
  for (let i = 0; i < x.length; i++) x[i] = 2 * next() - 1;
  return { g, x, View, colSize: g.n * g.oh * g.ow * g.c * g.fh * g.fw };
}

describe.skipIf(!shared)('im2col and col2im on threads', { timeout: 60_000 }, () => {
  it('threshold: col ≥ 65,536 elements and at least 2 images', () => {
    setThreads(2);
    const run = (shape: [number, number, number, number], fh: number) => {
      const { g, x, View, colSize } = unfoldCase(shape, fh, 1, 0, false, 3);
      im2colKernel(g, x, new View(colSize));
    };
    run([4, 1, 20, 20], 4); // 4 · 17 · 17 · 16 = 18,496: below
    run([1, 3, 60, 60], 3); // 58 · 58 · 27 = 90,828, but one image
    expect(made).toHaveLength(0);
    run([4, 4, 20, 20], 4); // 4 · 17 · 17 · 64 = 73,984: above
    expect(made).toHaveLength(1);
  });

  it.each([
    ['SimpleConvNet conv1, float64', [100, 1, 28, 28], 5, 1, 0, false],
    ['SimpleConvNet pooling, float32', [100, 30, 24, 24], 2, 2, 0, true],
    ['DeepConvNet conv2 (pad 1), float64', [13, 16, 28, 28], 3, 1, 1, false],
    ['DeepConvNet conv4 (pad 2), float32', [9, 32, 14, 14], 3, 1, 2, true],
    ['stride 3 and pad 2, float64', [7, 2, 14, 14], 3, 3, 2, false],
    // Window rows of 64 bytes and more are copied as runs, window by window.
    ['a 9 × 9 filter with pad 2, float64', [3, 2, 20, 20], 9, 1, 2, false],
    ['a 17 × 17 filter with stride 2 and pad 3, float32', [2, 1, 41, 41], 17, 2, 3, true],
  ] as const)(
    '%s: the same bits on 1, 2 and 4 threads as the readable loops',
    async (_, shape, fh, stride, pad, f32) => {
      const { g, x, View, colSize } = unfoldCase([...shape], fh, stride, pad, f32, 11);
      const wantCol = new View(colSize);
      im2colReference(g, x, wantCol);
      const dcol = new View(colSize); // a gradient-like col
      for (let i = 0; i < colSize; i++) dcol[i] = wantCol[i]! * ((i % 7) - 3);
      const wantX = new View(x.length);
      col2imReference(g, dcol, wantX);
      for (const threads of [1, 2, 4]) {
        await warmHelpers(threads);
        const col = new View(colSize).fill(Number.NaN);
        im2colKernel(g, x, col);
        expectSameBits(col, wantCol, `im2col on ${threads} threads`);
        const back = new View(x.length).fill(Number.NaN);
        col2imKernel(g, dcol, back);
        expectSameBits(back, wantX, `col2im on ${threads} threads`);
      }
      expect(made.flatMap((t) => t.errors)).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Dense products share the rows of C among the threads (gemmDenseParallel).

describe.skipIf(!shared)('dense products on threads', { timeout: 60_000 }, () => {
  it('threshold: m · n · k ≥ 262,144 and two tiles to share (m ≥ 8; n ≥ 8 float64 when n > m)', () => {
    setThreads(2);
    const next = lcg(21);
    // transB keeps these off the sparse path: they are dense products whatever their values.
    const run = (m: number, n: number, k: number) =>
      matmul(matrix(m, k, false, next), matrix(n, k, false, next), { transB: true });
    run(64, 64, 63); // 258,048: below
    run(7, 7, 6000); // 294,000, but 7 rows (and not wider than tall)
    run(3, 7, 15_000); // 315,000, wider than tall, but 7 columns: less than two float64 tiles
    expect(made).toHaveLength(0);
    run(64, 64, 64); // 262,144: above
    expect(made).toHaveLength(1);
  });

  it.each([
    ['conv forward col · Wᵀ', 5760, 30, 25, false, true],
    ['conv dW = doutᵀ · col', 30, 25, 5760, true, false],
    ['an Affine layer x · W, rows not a multiple of 4', 102, 100, 431, false, false],
    ['both transposed', 70, 33, 129, true, true],
    [
      "an Affine layer's dx = dout · Wᵀ, wider than tall: shared by columns",
      20,
      1003,
      50,
      false,
      true,
    ],
    ['wider than tall, both transposed, a partial last tile', 9, 301, 77, true, true],
    ['wider than tall, nothing transposed', 5, 90, 700, false, false],
  ] as const)(
    '%s: the same bits on 1, 2 and 4 threads, float64 and float32',
    async (_, m, n, k, tA, tB) => {
      for (const f32 of [false, true]) {
        const next = lcg(m + n + k);
        const a = tA ? matrix(k, m, f32, next) : matrix(m, k, f32, next);
        const b = tB ? matrix(n, k, f32, next) : matrix(k, n, f32, next);
        const bias = matrix(1, n, f32, next).reshape(n);
        const product = () => [
          matmul(a, b, { transA: tA, transB: tB }).data.slice(),
          matmul(a, b, { transA: tA, transB: tB, bias }).data.slice(),
        ];
        await warmHelpers(1);
        const want = product();
        // Close to the plain definition (sums in another order).
        expectClose(want[0]!, gemmReferenceOf(a.data, b.data, m, n, k, tA, tB), f32 ? 1e-3 : 1e-9);
        for (const threads of [2, 4]) {
          await warmHelpers(threads);
          const got = product();
          expectSameBits(got[0]!, want[0]!, `${f32 ? 'float32' : 'float64'} on ${threads} threads`);
          expectSameBits(got[1]!, want[1]!, `with bias, on ${threads} threads`);
        }
      }
      expect(made.flatMap((t) => t.errors)).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Products with a mostly-zero left operand (a convolution's col of MNIST digits, a dout after
// pooling) compress its rows on the calling thread, then share the rows of C among the threads.

/** An m × k matrix with only every third element nonzero (a third: below SPARSE_MAX_DENSITY). */
function thirdNonzero(m: number, k: number, f32: boolean, next: () => number): NDArray {
  const a = matrix(m, k, f32, next);
  for (let i = 0; i < a.data.length; i++) if (i % 3 !== 0) a.data[i] = 0;
  return a;
}

describe.skipIf(!shared)('sparse products on threads', { timeout: 60_000 }, () => {
  it('share their rows: a helper starts for one below the dense threshold', () => {
    setThreads(2);
    const next = lcg(41);
    // m·n·k = 1000·16·16 = 256,000, below the dense products' 262,144; nonzeros (a third of
    // 16,000, plus a spare slot per row) · n = 6,334 · 16 = 101,344, above gemmRows' 100,000.
    matmul(thirdNonzero(1000, 15, false, next), matrix(15, 16, false, next)); // 95,680: below
    expect(made).toHaveLength(0);
    matmul(thirdNonzero(1000, 16, false, next), matrix(16, 16, false, next));
    expect(made).toHaveLength(1);
  });

  it.each([
    ['conv forward col · W (MNIST col, 25 wide)', 5760, 30, 25, false],
    ['conv backward dout · W (dout after pooling)', 5760, 25, 30, false],
    ['dW = colᵀ · dout', 25, 30, 5760, true],
  ] as const)(
    '%s: the same bits on 1, 2 and 4 threads, float64 and float32',
    async (_, m, n, k, tA) => {
      for (const f32 of [false, true]) {
        const next = lcg(m + 2 * n + 3 * k);
        const a = tA ? thirdNonzero(k, m, f32, next) : thirdNonzero(m, k, f32, next);
        const b = matrix(k, n, f32, next);
        // the product twice: the second finds A's rows in the cache
        const product = () => [0, 1].map(() => matmul(a, b, { transA: tA }).data.slice());
        await warmHelpers(1);
        const want = product();
        expectSameBits(want[1]!, want[0]!, 'from the cached rows');
        const plain = gemmReferenceOf(a.data, b.data, m, n, k, tA, false);
        expectClose(want[0]!, plain, f32 ? 1e-3 : 1e-9);
        for (const threads of [2, 4]) {
          await warmHelpers(threads);
          const got = product();
          expectSameBits(got[0]!, want[0]!, `${f32 ? 'float32' : 'float64'} on ${threads} threads`);
          expectSameBits(got[1]!, want[0]!, `from the cached rows, on ${threads} threads`);
        }
      }
      expect(made.flatMap((t) => t.errors)).toEqual([]);
    },
  );

  it('xᵀ · dout right after x · W (the rows of xᵀ from the cached rows of x): the same bits on 1, 2 and 4 threads', async () => {
    for (const f32 of [false, true]) {
      const next = lcg(f32 ? 43 : 47);
      const x = thirdNonzero(5760, 25, f32, next);
      const w = matrix(25, 30, f32, next);
      const dout = matrix(5760, 30, f32, next);
      const pass = () => {
        matmul(x, w);
        return matmul(x, dout, { transA: true }).data.slice();
      };
      await warmHelpers(1);
      const want = pass();
      const plain = gemmReferenceOf(x.data, dout.data, 25, 30, 5760, true, false);
      expectClose(want, plain, f32 ? 1e-2 : 1e-9);
      for (const threads of [2, 4]) {
        await warmHelpers(threads);
        expectSameBits(pass(), want, `${f32 ? 'float32' : 'float64'} on ${threads} threads`);
      }
    }
    expect(made.flatMap((t) => t.errors)).toEqual([]);
  });
});

/** Every element of `got` within `tolerance` of `want`'s (sums added in another order). */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tolerance: number): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tolerance);
  }
}

/** C = op(A)·op(B) by the definition, in float64. */
function gemmReferenceOf(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  n: number,
  k: number,
  tA: boolean,
  tB: boolean,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++)
        s += a[tA ? p * m + i : i * k + p]! * b[tB ? j * k + p : p * n + j]!;
      c[i * n + j] = s;
    }
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// NDArray.transpose's batched transposes share the batches among the threads.

describe.skipIf(!shared)('batched transposes on threads', { timeout: 60_000 }, () => {
  it('threshold: 65,536 elements and at least 2 batches', () => {
    setThreads(2);
    const next = lcg(31);
    // (`.data`: a transpose that moves axis 1 last is made when read, see kernels/planes.ts.)
    matrix(64, 1023, false, next).reshape(1, 64, 1023).transpose(0, 2, 1).data; // one batch
    matrix(2, 32_766, false, next).reshape(2, 127, 258).transpose(0, 2, 1).data; // 65,532: below
    expect(made).toHaveLength(0);
    matrix(2, 32_768, false, next).reshape(2, 128, 256).transpose(0, 2, 1).data;
    expect(made).toHaveLength(1);
  });

  // The kernel moves 4 × 4 blocks, ends a side that is not a multiple of 4 with a block moved
  // back over the one before it, and takes sides below 4 element by element: sizes around those
  // edges, with at least 65,536 elements in 2 or more batches so that the batches are shared.
  const transposeSide = fc.oneof(
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 4, max: 9 }),
    fc.integer({ min: 10, max: 40 }),
    fc.constantFrom(30, 31, 33, 63, 65, 144, 145, 255, 257, 576),
  );
  const transposeCase = fc
    .record({
      rows: transposeSide,
      cols: transposeSide,
      f32: fc.boolean(),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      extra: fc.integer({ min: 0, max: 3 }),
    })
    .map((c) => ({
      ...c,
      batches: Math.max(2, Math.ceil(65_536 / (c.rows * c.cols))) + c.extra,
    }));
  /** Values from a seed, one in four NaN, ±0, ±∞ or a (float32) subnormal. */
  const specials = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 1e-40];

  it('on 1, 2 and 4 warm threads equal transposeBatchesReference byte for byte, edge sizes, NaN and −0 (property)', async () => {
    for (const threads of [1, 2, 4]) {
      await warmHelpers(threads);
      fc.assert(
        fc.property(transposeCase, ({ rows, cols, f32, seed, batches }) => {
          const n = batches * rows * cols;
          const next = lcg(seed);
          const src = f32 ? new Float32Array(n) : new Float64Array(n);
          for (let k = 0; k < n; k++) {
            const r = next();
            src[k] = r < 0.25 ? specials[Math.floor(r * 4 * specials.length)]! : 2e3 * r - 1e3;
          }
          const got = (f32 ? new Float32Array(n) : new Float64Array(n)).fill(7.25);
          const want = (f32 ? new Float32Array(n) : new Float64Array(n)).fill(-7.25);
          transposeBatches(src, got, batches, rows, cols);
          transposeBatchesReference(src, want, batches, rows, cols);
          const label = `${threads} threads, ${batches} × ${rows} × ${cols} ${f32 ? 'f32' : 'f64'}`;
          const bytes = (a: Float32Array | Float64Array) => Buffer.from(a.buffer);
          if (Buffer.compare(bytes(got), bytes(want)) !== 0) {
            expectSameBits(got, want, label); // names the first element that differs
            expect.fail(`${label}: a NaN's bits differ`);
          }
        }),
        { numRuns: 25 },
      );
    }
    expect(made.flatMap((t) => t.errors)).toEqual([]);
  });

  it.each([
    ['[N, OH, OW, FN] → (0, 3, 1, 2), float64', [100, 24, 24, 30], [0, 3, 1, 2], false],
    ['[N, FN, OH, OW] → (0, 2, 3, 1), float32', [100, 30, 12, 12], [0, 2, 3, 1], true],
    [
      '[N, rows, cols] → (0, 2, 1), sizes not multiples of the tile',
      [7, 101, 37],
      [0, 2, 1],
      false,
    ],
  ] as const)(
    '%s: every element where the definition puts it, on 1, 2 and 4 threads',
    async (_, shape, perm, f32) => {
      const next = lcg(shape.length);
      const size = shape.reduce((n, s) => n * s, 1);
      const a = matrix(1, size, f32, next).reshape(...shape);
      // The definition: out[i₀, …] = a[i_perm…], walked by index.
      const outShape = perm.map((p) => shape[p]!);
      const inStrides = shape.map((_, d) => shape.slice(d + 1).reduce((n, s) => n * s, 1));
      const want = new Float64Array(size);
      const idx = new Array<number>(shape.length).fill(0);
      for (let flat = 0; flat < size; flat++) {
        let from = 0;
        for (let d = 0; d < perm.length; d++) from += idx[d]! * inStrides[perm[d]!]!;
        want[flat] = a.data[from]!;
        for (let d = perm.length - 1; d >= 0 && ++idx[d]! === outShape[d]; d--) idx[d] = 0;
      }
      for (const threads of [1, 2, 4]) {
        await warmHelpers(threads);
        const got = a.transpose(...perm);
        expect(got.shape).toEqual(outShape);
        expectSameBits(got.data, want, `transpose on ${threads} threads`);
      }
      expect(made.flatMap((t) => t.errors)).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The ReLU's forward and backward, Adam's update (elementwise, in ranges of 16 elements) and the
// plane sums of the convolution's db (in groups of 4 planes) share their work among the threads.

describe.skipIf(!shared)(
  'elementwise kernels and plane sums on threads',
  { timeout: 60_000 },
  () => {
    it('threshold: 16,384 elements', () => {
      setThreads(2);
      const next = lcg(41);
      reluWithMask(matrix(1, 16_383, true, next), new Uint8Array(16_383));
      zeroMasked(matrix(1, 16_383, false, next), new Uint8Array(16_383));
      expect(made).toHaveLength(0);
      reluWithMask(matrix(1, 16_384, true, next), new Uint8Array(16_384));
      expect(made).toHaveLength(1);
    });

    /** `len` values in [-1, 1), with NaN, ±0 and ±∞ among them. */
    function values(len: number, f32: boolean, next: () => number): Float64Array | Float32Array {
      const a = f32 ? new Float32Array(len) : new Float64Array(len);
      const specials = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
      for (let i = 0; i < len; i++) {
        const r = next();
        a[i] = r < 0.05 ? specials[Math.floor(r * 100) % specials.length]! : 2 * next() - 1;
      }
      return a;
    }

    // Lengths at the threshold, one off a multiple of 16 (the last chunk's vector loop ends early),
    // and one that a chunk count does not divide.
    const lengths = [16_384, 16_397, 70_001];

    it('the ReLU and its backward: the plain loops bit for bit on 1, 2 and 4 warm threads', async () => {
      for (const threads of [1, 2, 4]) {
        await warmHelpers(threads);
        for (const f32 of [false, true]) {
          for (const len of lengths) {
            const next = lcg(len + threads);
            const label = `${threads} threads, ${len} ${f32 ? 'f32' : 'f64'}`;
            const x = values(len, f32, next);
            const mask = new Uint8Array(len).fill(7);
            const out = reluWithMask(new NDArray(x.slice(), [len]), mask);
            const wantOut = f32 ? new Float32Array(len) : new Float64Array(len);
            const wantMask = new Uint8Array(len);
            reluWithMaskReference(x, wantOut, wantMask);
            expectSameBits(out.data, wantOut, `${label}: relu`);
            expectSameBits(mask, wantMask, `${label}: mask`);
            const dout = values(len, f32, next);
            const dx = zeroMasked(new NDArray(dout.slice(), [len]), mask);
            const wantDx = f32 ? new Float32Array(len) : new Float64Array(len);
            zeroMaskedReference(dout, mask, wantDx);
            expectSameBits(dx.data, wantDx, `${label}: zeroMasked`);
          }
        }
      }
      expect(made.flatMap((t) => t.errors)).toEqual([]);
    });

    it("Adam's update: the plain loop bit for bit on 1, 2 and 4 warm threads", async () => {
      const h = { lrT: 0.003, beta1: 0.9, beta2: 0.999 };
      for (const threads of [1, 2, 4]) {
        await warmHelpers(threads);
        for (const f32 of [false, true]) {
          for (const len of lengths) {
            const next = lcg(3 * len + threads);
            const finite = () => {
              const a = values(len, f32, next);
              for (let i = 0; i < len; i++) if (!Number.isFinite(a[i]!)) a[i] = 0.5;
              return a;
            };
            const [p, g, m] = [finite(), finite(), finite()];
            const v = finite().map(Math.abs);
            const want = [p, m, v].map((a) => a.slice());
            adamStepReference(want[0]!, g, want[1]!, want[2]!, h);
            const [P, M, V] = [p, m, v].map((a) => new NDArray(a, [len]));
            adamStep(P!, new NDArray(g, [len]), M!, V!, h);
            const label = `${threads} threads, ${len} ${f32 ? 'f32' : 'f64'}`;
            expectSameBits(P!.data, want[0]!, `${label}: p`);
            expectSameBits(M!.data, want[1]!, `${label}: m`);
            expectSameBits(V!.data, want[2]!, `${label}: v`);
          }
        }
      }
      expect(made.flatMap((t) => t.errors)).toEqual([]);
    });

    it.each([
      ['SimpleConvNet’s db (30 planes)', [20, 30, 24, 24]],
      ['planes not a multiple of 4, in fewer groups than chunks', [9, 13, 29, 31]],
      ['5 planes: one group of 4 and one plane', [40, 5, 19, 23]],
    ] as const)(
      'sums of planes, %s: the column sums of the moved array bit for bit on 1, 2 and 4 threads',
      async (_, shape) => {
        const [n, c, h, w] = shape;
        for (const threads of [1, 2, 4]) {
          await warmHelpers(threads);
          for (const f32 of [false, true]) {
            const x = new NDArray(values(n * c * h * w, f32, lcg(c + threads)), [...shape]);
            const M = x.transpose(0, 2, 3, 1).reshape(-1, c);
            const got = sum(M, { axis: 0 });
            // The same matrix made (read), as an ordinary array: summed column by column.
            const want = sum(new NDArray(M.data.slice(), M.shape), { axis: 0 });
            expectSameBits(
              got.data,
              want.data,
              `${threads} threads, ${shape} ${f32 ? 'f32' : 'f64'}`,
            );
          }
        }
        expect(made.flatMap((t) => t.errors)).toEqual([]);
      },
    );
  },
);

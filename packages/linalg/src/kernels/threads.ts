import type { ConvGeometry } from '../conv-geometry.js';
import { type WasmKernels, wasmShared } from './wasm-kernels.js';

// Worker threads for the kernels of a training step, on the shared WebAssembly memory: Node's
// worker threads, or in a browser Web Workers (when the page is cross-origin isolated, the only
// case where a WebAssembly memory can be shared).
//
// A job is one kernel call cut into chunks of rows: the rows of a product C = A·B over A's
// compressed rows (gemmRows64/32), or the rows of a batch to compress (compressPicked64/32). The
// calling thread posts it in a small shared control block, then takes chunks itself, one at a
// time, through an atomic counter, as the helper threads do; it returns once every chunk is done.
// Each row is computed by the same code whichever thread takes it, so the result is the same bit
// for bit as on one thread. Because the caller takes chunks too, a helper that is asleep, slow to
// wake or starved of a core by other processes costs nothing but the wait for the chunk it took:
// the job never waits for a helper to start.
//
// Helpers spin on the control block for a short while after each job (a training step posts jobs
// every ~0.05 ms, and waking a sleeping thread costs tens of µs), then sleep in Atomics.wait.

/** Control block slots (Int32). */
const SEQ = 0; // job number, bumped by the caller to post a job
const NEXT = 1; // the job number (low 15 bits) << 16 | the next chunk to take
const DONE = 2; // chunks finished
const CHUNKS = 3; // chunks in this job
const KIND = 4; // the kernel: see runChunk; −1: exit
const ARGS = 5; // the kernel's arguments (runChunk), the last being rows per chunk
const RESULTS = ARGS + 10; // what each chunk returned (compressPicked's entry counts)
const MAX_CHUNKS = 8;
const SLOTS = RESULTS + MAX_CHUNKS; // then one float64 argument, 8-byte aligned
/** Byte offset of the float64 argument (the scale of scaledSubtract). */
const SCALE_AT = Math.ceil((SLOTS * 4) / 8) * 8; // 96, written as a number in runChunk

/** Job kinds. */
const GEMM_ROWS = 0; // + 1 for float32
const COMPRESS_PICKED = 2; // + 1 for float32
const COUNT_COLS = 4;
const SCATTER_COLS = 5; // + 1 for float32
const SCALED_SUBTRACT = 7; // + 1 for float32
const IM2COL = 9; // + 1 for float32
const COL2IM = 11; // + 1 for float32
const GEMM_RANGE = 13; // + 1 for float32
const TRANSPOSE_BATCHES = 15; // + 1 for float32
const COMPRESS_UNFOLD = 17; // + 1 for float32
const POOL_MAX = 19; // + 1 for float32
const COL2IM_SCATTER = 21; // + 1 for float32
const COMPRESS_PLANES = 23; // + 1 for float32
const UNFOLD_ROWS = 25; // + 1 for float32
const PLANES_WINDOWS = 27; // + 1 for float32
const RELU_MASK = 29; // + 1 for float32
const ZERO_MASKED = 31; // + 1 for float32
const ADAM_STEP = 33; // + 1 for float32
const SUM_PLANES = 35; // + 1 for float32
const UNFOLD_FIRST = 37; // + 1 for float32

/**
 * The helper's loop, the same in Node and in a browser: `start` is called with the compiled module,
 * the shared memory, the control block and the spin time.
 */
const HELPER_LOOP = `
function start({ module, memory, control, spinMs }) {
  const w = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const ctl = new Int32Array(control);
  let seen = Atomics.load(ctl, ${SEQ});
  for (;;) {
    // Stopped, perhaps before this helper started (then SEQ was bumped before it was first read).
    if (Atomics.load(ctl, ${KIND}) < 0) break;
    let idleSince = 0;
    let spins = 0;
    while (Atomics.load(ctl, ${SEQ}) === seen) {
      if (++spins % 256 === 0) {
        const now = performance.now();
        if (idleSince === 0) idleSince = now;
        else if (now - idleSince > spinMs) { Atomics.wait(ctl, ${SEQ}, seen); idleSince = 0; }
      }
    }
    seen = Atomics.load(ctl, ${SEQ});
    const kind = Atomics.load(ctl, ${KIND});
    if (kind < 0) break;
    for (;;) {
      const i = claim(ctl, seen);
      if (i < 0) break;
      runChunk(w, ctl, kind, i);
      Atomics.add(ctl, ${DONE}, 1);
      Atomics.notify(ctl, ${DONE});
    }
  }
  if (typeof close === 'function') close(); // a Web Worker ends itself
}
// bound by name: a minifier may have renamed the functions whose source text this is
const claim = ${claim.toString()};
const runChunk = ${runChunk.toString()};
`;

/** The Node worker's program (CommonJS, run with `eval: true`): its data comes as `workerData`. */
const NODE_WORKER_SOURCE = `${HELPER_LOOP}
start(require('node:worker_threads').workerData);
`;

/** The Web Worker's program: its data comes as the first message. */
const WEB_WORKER_SOURCE = `${HELPER_LOOP}
onmessage = (e) => { onmessage = null; start(e.data); };
`;

/**
 * Takes the next chunk of job `seq`: its index, or −1 when the job has no chunk left or is no
 * longer the posted one (a helper that wakes late must not take chunks of the next job while
 * believing them to be of this one). NEXT holds the job number with the chunk index, so that one
 * compare-and-swap checks both. The slots are written as numbers (1 = NEXT, 3 = CHUNKS): the
 * worker's program is this function's source text.
 */
function claim(ctl: Int32Array, seq: number): number {
  for (;;) {
    const v = Atomics.load(ctl, 1);
    if (v >>> 16 !== (seq & 0x7fff)) return -1;
    const i = v & 0xffff;
    if (i >= Atomics.load(ctl, 3)) return -1;
    if (Atomics.compareExchange(ctl, 1, v, v + 1) === v) return i;
  }
}

/**
 * Runs chunk `i` of the posted job (rows i·per up to (i+1)·per of the kernel `kind`), on whichever
 * thread calls it. Slots as numbers (5 = ARGS, 15 = RESULTS): the worker's program is this
 * function's source text, so it defines no function inside itself either (a bundler may wrap one
 * in a helper, `__name`, that the worker does not have: the worker would fail and the job hang).
 * - kinds 0, 1 (gemmRows64, gemmRows32): args m, n, starts, cols, vals, b, c, over, bias, per;
 * - kinds 2, 3 (compressPicked64, compressPicked32): args n, len, src, picks, table, starts, cols,
 *   vals, per; chunk i writes its rows' entries from cols/vals + (i·per)·(len + 1) on, with starts
 *   relative to there, and its entry count in RESULTS + i (see compressPickedParallel);
 * - kind 4 (countCols): args m, q, src, sCols, counts, per; chunk i counts into counts + 4·i·q;
 * - kinds 5, 6 (scatterCols64, scatterCols32): args m, q, src, sCols, sVals, cursors, dCols, dVals,
 *   per; chunk i writes at its cursors, cursors + 4·i·q;
 * - kinds 7, 8 (scaledSubtract64, scaledSubtract32): args len, g, p, per, and the scale as a
 *   float64 after the slots (byte 96: SCALE_AT); the job's rows are groups of 4 elements;
 * - kinds 9–12 (im2col64, im2col32, col2im64, col2im32): args n, c, h, w, FH·65536 + FW,
 *   stride·65536 + pad, src, dst, per; the job's rows are images;
 * - kinds 13, 14 (gemmBlock64, gemmBlock32): args m, n, k, transA + 2·transB + 4·byColumns +
 *   8·over, a, b, c, work, work bytes per chunk, per; the job's rows are groups of 4 rows of C
 *   (the kernel's tile height), or with byColumns groups of 4 (float64) or 8 (float32) columns
 *   (its tile width), and chunk i packs into work + i·(work bytes per chunk);
 * - kinds 15, 16 (transposeBatches64, transposeBatches32): args batches, rows, cols, src, dst,
 *   mask (0: none), per; the job's rows are the batches;
 * - kinds 17, 18 (compressUnfold64, compressUnfold32): args n, C·65536 + H, W, FH·65536 + FW,
 *   stride·65536 + pad, x, starts, cols, vals, per; the job's rows are images; chunk i writes its
 *   rows' entries from cols/vals + R0·(C·FH·FW + 1) on (R0 its first row of col), with starts
 *   relative to there, and its entry count in RESULTS + i (see compressUnfoldParallel);
 * - kinds 19–22 (poolMax64, poolMax32, col2imScatter64, col2imScatter32): args n, C·65536 + H,
 *   W·2 + (1 when poolMax's maxima go channels first or col2imScatter's values are planes, else
 *   0), PH << 24 | PW << 16 | stride << 8 | pad, then three addresses (x, maxOut, argOut; or at,
 *   vals, x), col2imScatter's mask and counts (0 for none), per; the job's rows are images;
 * - kinds 23, 24 (compressPlanes64, compressPlanes32): args planes, batches, len, x, starts,
 *   cols, vals, per; the job's rows are the planes (rows of the matrix); chunk i writes its rows'
 *   entries from cols/vals + (i·per)·(batches·len + 1) on, with starts relative to there, and its
 *   entry count in RESULTS + i (see compressPlanesParallel);
 * - kinds 25, 26 (unfoldRows64, unfoldRows32) and 37, 38 (unfoldFirst64, unfoldFirst32): args n,
 *   C·65536 + H, W·65536 + columns of B, FH << 24 | FW << 16 | stride << 8 | pad, x, b, bias,
 *   out, mask (unfoldFirst's; 0 for unfoldRows), per; the job's rows are images;
 * - kinds 27, 28 (planesWindows64, planesWindows32): args batches, C·65536 + H, W·65536 + planes,
 *   FH·65536 + FW, stride, planes' address, x, out, table, per; the job's rows are the planes
 *   (rows of C); chunk i keeps its table at table + i·windowsTableBytes.
 * - kinds 29–34, elementwise, the job's rows groups of 16 elements: reluMask64, reluMask32 (args
 *   len, x, out, mask, per), zeroMasked64, zeroMasked32 (len, dout, mask, dx, per), adamStep64,
 *   adamStep32 (len, hyper, g, m, v, p, per; hyper is not split);
 * - kinds 35, 36 (sumPlanes64, sumPlanes32): args planes, batches, len, x, out, per; the job's rows
 *   are groups of 4 planes (the kernel's group);
 * - kinds 37, 38: see kinds 25, 26.
 */
function runChunk(w: WasmKernels, ctl: Int32Array, kind: number, i: number): void {
  if (kind >= 37 || kind === 25 || kind === 26) {
    const per = ctl[14]!;
    const r0 = i * per;
    const r1 = Math.min(ctl[5]!, r0 + per);
    const c = ctl[6]! >>> 16;
    const h = ctl[6]! & 0xffff;
    const width = ctl[7]! >>> 16;
    const cols = ctl[7]! & 0xffff;
    // (the sides, stride and pad, 8 bits each; not by a helper function: see above)
    const f = ctl[8]!;
    const [fh, fw, stride, pad] = [f >>> 24, (f >>> 16) & 0xff, (f >>> 8) & 0xff, f & 0xff];
    const first = kind >= 37;
    const size = kind === 25 || kind === 37 ? 8 : 4;
    const rows = ((h + 2 * pad - fh) / stride + 1) * ((width + 2 * pad - fw) / stride + 1);
    const k = c * fh * fw;
    // Each chunk's space follows the images' (see unfoldRowsParallel).
    const work =
      ((ctl[9]! + ctl[5]! * c * h * width * size + 15) & ~15) +
      i * (first ? w.unfoldFirstBytes(rows, k, cols, size) : w.unfoldRowsBytes(rows, k, size));
    const [x, b, bias, out] = [ctl[9]!, ctl[10]!, ctl[11]!, ctl[12]!];
    if (first) {
      const run = size === 8 ? w.unfoldFirst64 : w.unfoldFirst32;
      run(r0, r1, c, h, width, fh, fw, stride, pad, x, cols, b, bias, out, ctl[13]!, work);
    } else {
      const run = size === 8 ? w.unfoldRows64 : w.unfoldRows32;
      run(r0, r1, c, h, width, fh, fw, stride, pad, x, cols, b, out, bias, work);
    }
    return;
  }
  if (kind >= 35) {
    const planes = ctl[5]!;
    const per = 4 * ctl[10]!;
    const f0 = i * per;
    const f1 = Math.min(planes, f0 + per);
    const run = kind === 35 ? w.sumPlanes64 : w.sumPlanes32;
    run(f0, f1, planes, ctl[6]!, ctl[7]!, ctl[8]!, ctl[9]!);
    return;
  }
  if (kind >= 29) {
    const len = ctl[5]!;
    const adam = kind >= 33;
    const per = 16 * (adam ? ctl[11]! : ctl[9]!);
    const r0 = i * per;
    const n = Math.min(len, r0 + per) - r0;
    const o = (kind & 1 ? 8 : 4) * r0; // odd kinds are float64
    if (adam) {
      const run = kind === 33 ? w.adamStep64 : w.adamStep32;
      run(n, ctl[6]!, ctl[7]! + o, ctl[8]! + o, ctl[9]! + o, ctl[10]! + o);
    } else if (kind <= 30) {
      const run = kind === 29 ? w.reluMask64 : w.reluMask32;
      run(n, ctl[6]! + o, ctl[7]! + o, ctl[8]! + r0);
    } else {
      const run = kind === 31 ? w.zeroMasked64 : w.zeroMasked32;
      run(n, ctl[6]! + o, ctl[7]! + r0, ctl[8]! + o);
    }
    return;
  }
  if (kind >= 27) {
    const planes = ctl[7]! & 0xffff;
    const per = ctl[14]!;
    const r0 = i * per;
    const r1 = Math.min(planes, r0 + per);
    const c = ctl[6]! >>> 16;
    const fh = ctl[8]! >>> 16;
    const fw = ctl[8]! & 0xffff;
    const h = ctl[6]! & 0xffff;
    const width = ctl[7]! >>> 16;
    const stride = ctl[9]!;
    const len = ((h - fh) / stride + 1) * ((width - fw) / stride + 1);
    const table = ctl[13]! + i * w.windowsTableBytes(len);
    const run = kind === 27 ? w.planesWindows64 : w.planesWindows32;
    run(r0, r1, planes, ctl[5]!, c, h, width, fh, fw, stride, ctl[10]!, ctl[11]!, ctl[12]!, table);
    return;
  }
  if (kind >= 23) {
    const planes = ctl[5]!;
    const batches = ctl[6]!;
    const len = ctl[7]!;
    const per = ctl[12]!;
    const r0 = i * per;
    const r1 = Math.min(planes, r0 + per);
    const base = r0 * (batches * len + 1);
    const size = kind === 23 ? 8 : 4;
    const run = kind === 23 ? w.compressPlanes64 : w.compressPlanes32;
    ctl[15 + i] = run(
      r0,
      r1,
      planes,
      batches,
      len,
      ctl[8]!,
      ctl[9]! + 4 * r0,
      ctl[10]! + 4 * base,
      ctl[11]! + size * base,
    );
    return;
  }
  if (kind >= 19) {
    const per = ctl[14]!;
    const r0 = i * per;
    const r1 = Math.min(ctl[5]!, r0 + per);
    const c = ctl[6]! >>> 16;
    const h = ctl[6]! & 0xffff;
    const width = ctl[7]! >>> 1;
    const flag = ctl[7]! & 1;
    // (the sides, stride and pad, 8 bits each; not by a helper function: see above)
    const f = ctl[8]!;
    const [fh, fw, stride, pad] = [f >>> 24, (f >>> 16) & 0xff, (f >>> 8) & 0xff, f & 0xff];
    const [a, b, x] = [ctl[9]!, ctl[10]!, ctl[11]!];
    if (kind >= 21) {
      const run = kind === 21 ? w.col2imScatter64 : w.col2imScatter32;
      run(r0, r1, c, h, width, fh, fw, stride, pad, a, b, x, flag, ctl[12]!, ctl[13]!);
    } else {
      const run = kind === 19 ? w.poolMax64 : w.poolMax32;
      run(r0, r1, c, h, width, fh, fw, stride, pad, a, b, x, flag);
    }
    return;
  }
  if (kind >= 17) {
    const per = ctl[14]!;
    const r0 = i * per;
    const r1 = Math.min(ctl[5]!, r0 + per);
    const c = ctl[6]! >>> 16;
    const h = ctl[6]! & 0xffff;
    const width = ctl[7]!;
    const fh = ctl[8]! >>> 16;
    const fw = ctl[8]! & 0xffff;
    const stride = ctl[9]! >>> 16;
    const pad = ctl[9]! & 0xffff;
    const area = ((h + 2 * pad - fh) / stride + 1) * ((width + 2 * pad - fw) / stride + 1);
    const row0 = r0 * area;
    const base = row0 * (c * fh * fw + 1);
    const size = kind === 17 ? 8 : 4;
    const run = kind === 17 ? w.compressUnfold64 : w.compressUnfold32;
    ctl[15 + i] = run(
      r0,
      r1,
      c,
      h,
      width,
      fh,
      fw,
      stride,
      pad,
      ctl[10]!,
      ctl[11]! + 4 * row0,
      ctl[12]! + 4 * base,
      ctl[13]! + size * base,
    );
    return;
  }
  if (kind >= 15) {
    const per = ctl[11]!;
    const r0 = i * per;
    const r1 = Math.min(ctl[5]!, r0 + per);
    const run = kind === 15 ? w.transposeBatches64 : w.transposeBatches32;
    run(r0, r1, ctl[6]!, ctl[7]!, ctl[8]!, ctl[9]!, ctl[10]!);
    return;
  }
  if (kind >= 13) {
    const m = ctl[5]!;
    const n = ctl[6]!;
    const flags = ctl[8]!;
    // Units of 4 rows, or (flag 4) of one tile's width of columns: 4 doubles or 8 floats.
    const per = (flags & 4 ? (kind === 13 ? 4 : 8) : 4) * ctl[14]!;
    const lo = i * per;
    const hi = Math.min(flags & 4 ? n : m, lo + per);
    const run = kind === 13 ? w.gemmBlock64 : w.gemmBlock32;
    const work = ctl[12]! + i * ctl[13]!;
    const [r0, r1, c0, c1] = flags & 4 ? [0, m, lo, hi] : [lo, hi, 0, n];
    const t = (flags >>> 1) & 1;
    const over = (flags >>> 3) & 1;
    run(m, n, ctl[7]!, flags & 1, t, ctl[9]!, ctl[10]!, ctl[11]!, work, r0, r1, c0, c1, over);
    return;
  }
  if (kind >= 9) {
    const per = ctl[13]!;
    const r0 = i * per;
    const r1 = Math.min(ctl[5]!, r0 + per);
    const filter = ctl[9]!;
    const step = ctl[10]!;
    const run = [w.im2col64, w.im2col32, w.col2im64, w.col2im32][kind - 9]!;
    run(
      r0,
      r1,
      ctl[6]!,
      ctl[7]!,
      ctl[8]!,
      filter >>> 16,
      filter & 0xffff,
      step >>> 16,
      step & 0xffff,
      ctl[11]!,
      ctl[12]!,
    );
    return;
  }
  if (kind >= 7) {
    const len = ctl[5]!;
    const per = 4 * ctl[8]!; // the job's rows are groups of 4 elements
    const r0 = i * per;
    const r1 = Math.min(len, r0 + per);
    const scale = new Float64Array(ctl.buffer, 96, 1)[0]!;
    const size = kind === 7 ? 8 : 4;
    const run = kind === 7 ? w.scaledSubtract64 : w.scaledSubtract32;
    run(r1 - r0, scale, ctl[6]! + size * r0, ctl[7]! + size * r0);
    return;
  }
  if (kind >= 4) {
    const m = ctl[5]!;
    const q = ctl[6]!;
    const per = kind === 4 ? ctl[10]! : ctl[13]!;
    const r0 = i * per;
    const r1 = Math.min(m, r0 + per);
    if (kind === 4) w.countCols(r0, r1, q, ctl[7]!, ctl[8]!, ctl[9]! + 4 * i * q);
    else {
      const run = kind === 5 ? w.scatterCols64 : w.scatterCols32;
      run(r0, r1, ctl[7]!, ctl[8]!, ctl[9]!, ctl[10]! + 4 * i * q, ctl[11]!, ctl[12]!);
    }
    return;
  }
  if (kind < 2) {
    const m = ctl[5]!;
    const n = ctl[6]!;
    const per = ctl[14]!;
    const r0 = i * per;
    const r1 = Math.min(m, r0 + per);
    const size = kind === 0 ? 8 : 4;
    const run = kind === 0 ? w.gemmRows64 : w.gemmRows32;
    const c = ctl[11]! + r0 * n * size;
    run(r1 - r0, n, ctl[7]! + 4 * r0, ctl[8]!, ctl[9]!, ctl[10]!, c, ctl[12]!, ctl[13]!);
    return;
  }
  const n = ctl[5]!;
  const len = ctl[6]!;
  const per = ctl[13]!;
  const r0 = i * per;
  const r1 = Math.min(n, r0 + per);
  const size = kind === 2 ? 8 : 4;
  const base = r0 * (len + 1);
  const run = kind === 2 ? w.compressPicked64 : w.compressPicked32;
  ctl[15 + i] = run(
    r1 - r0,
    len,
    ctl[7]!,
    ctl[8]! + 4 * r0,
    ctl[9]!,
    ctl[10]! + 4 * r0,
    ctl[11]! + 4 * base,
    ctl[12]! + size * base,
  );
}

interface Pool {
  control: Int32Array;
  helpers: number;
}

/**
 * How long (ms) an idle helper spins before it sleeps: `DL_SPIN_MS`, else 0.5 (covers the gaps
 * between a training step's jobs; waking a sleeping thread costs tens of µs). On a machine whose
 * cores are busy with other work, a spinning helper takes time from the thread that feeds it.
 */
const SPIN_MS = readSpin();

function readSpin(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.['DL_SPIN_MS'];
  const v = env === undefined ? Number.NaN : Number(env);
  return Number.isFinite(v) && v >= 0 ? v : 0.5;
}

/**
 * A wait this long (ms) for a helper's chunk, beyond {@link SLOW_HELPER_CHUNKS} chunks' time, means
 * the helper was not running: waking a sleeping helper takes tens of µs, a thread descheduled by
 * the operating system waits a time slice (ms).
 */
const SLOW_HELPER_MS = 1;

/**
 * Chunks' time (the caller's own, averaged) that a wait for a running helper may take: the helper
 * may have taken its last chunk just before the caller ran out, and chunks of a product are a few
 * ms each. Without this allowance, a 100 × 4320 · 4320 × 100 product's wait alone (1–3 ms) sent
 * half of a SimpleConvNet training iteration's jobs to one thread.
 */
const SLOW_HELPER_CHUNKS = 2;

/** How long (ms) jobs stay on the calling thread after such a wait. */
const BACKOFF_MS = 100;

/** Until when (performance.now()) jobs stay on the calling thread. */
let backoffUntil = 0;

/** `undefined`: not started; `null`: no threads here (or turned off). */
let pool: Pool | null | undefined;

/** Threads to use, the calling one included; from `DL_THREADS`, else the cores (at most 4). */
let requested = readThreads();

function readThreads(): number {
  const p = (
    globalThis as {
      process?: { env?: Record<string, string | undefined> };
    }
  ).process;
  const env = p?.env?.['DL_THREADS'];
  if (env !== undefined && /^\d+$/.test(env)) return Math.max(1, Number(env));
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os');
  const web = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const cores = os
    ? (os.availableParallelism?.() ?? os.cpus().length)
    : (web?.hardwareConcurrency ?? 1);
  return Math.min(4, Math.max(1, cores));
}

function nodeBuiltin<T>(name: string): T | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return p?.getBuiltinModule?.(name) as T | undefined;
}

/**
 * Sets how many threads the WebAssembly kernels use (products, im2col and col2im, transposes,
 * the optimisers' updates), the calling one included: 1 turns helper threads off (and stops any
 * running). The default is `DL_THREADS` from the environment, or the number of cores
 * (`navigator.hardwareConcurrency` in a browser), at most 4. Helpers are Node worker threads, or
 * Web Workers in a cross-origin-isolated page, on the shared WebAssembly memory; elsewhere (a page
 * that is not isolated, the TypeScript backend) the kernels run on the calling thread whatever this
 * says. The results do not depend on the count: each element is computed the same way on any thread.
 *
 * @param threads - a positive integer
 * @returns the number now requested
 * @throws RangeError when `threads` is not a positive integer
 * @example
 * ```ts
 * import { getThreads, setThreads } from '@dl/linalg';
 * const before = getThreads();
 * setThreads(1); // everything on the calling thread
 * getThreads(); // 1
 * setThreads(before);
 * ```
 */
export function setThreads(threads: number): number {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(
      `setThreads: invalid thread count; expected a positive integer, got ${String(threads)}`,
    );
  }
  if (threads !== requested) {
    stopPool();
    requested = threads;
  }
  return requested;
}

/**
 * How many threads the kernels may use, the calling one included (see {@link setThreads}).
 *
 * @returns the requested count
 * @example
 * ```ts
 * import { getThreads } from '@dl/linalg';
 * getThreads() >= 1; // true
 * ```
 */
export function getThreads(): number {
  return requested;
}

function stopPool(): void {
  if (pool) {
    Atomics.store(pool.control, KIND, -1);
    Atomics.add(pool.control, SEQ, 1);
    Atomics.notify(pool.control, SEQ);
  }
  pool = undefined;
}

/**
 * How to start one helper on `data` here: a Node worker thread, or a Web Worker from the program's
 * text (a blob: URL, so no file is fetched); `null` where there is neither. A helper that fails to
 * start takes no chunks: the caller does them all. (One that failed half-way through a chunk would
 * leave the caller waiting; nothing in a chunk can throw that would not throw on the calling
 * thread first.)
 */
function helperStarter(): ((data: object) => void) | null {
  const wt = nodeBuiltin<{
    Worker: new (
      src: string,
      opts: { eval: boolean; workerData: unknown },
    ) => { unref(): void; on(e: string, f: () => void): void };
  }>('node:worker_threads');
  if (wt) {
    return (workerData) => {
      const worker = new wt.Worker(NODE_WORKER_SOURCE, { eval: true, workerData });
      worker.on('error', () => {});
      worker.unref(); // helpers never keep the process alive
    };
  }
  const g = globalThis as {
    Worker?: new (url: string) => { postMessage(m: unknown): void; onerror: unknown };
    Blob?: new (parts: string[], options: { type: string }) => unknown;
    URL?: { createObjectURL(blob: unknown): string };
  };
  if (!g.Worker || !g.Blob || !g.URL?.createObjectURL) return null;
  const url = g.URL.createObjectURL(new g.Blob([WEB_WORKER_SOURCE], { type: 'text/javascript' }));
  const WebWorker = g.Worker;
  return (data) => {
    const worker = new WebWorker(url);
    worker.onerror = () => {};
    worker.postMessage(data);
  };
}

/**
 * Whether this thread may block in `Atomics.wait`: not a browser's main thread, which may only
 * spin while it waits for a helper's chunk.
 */
const canWait = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
})();

/** Starts the helpers on first use; `null` where there can be none. */
function getPool(): Pool | null {
  if (pool !== undefined) return pool;
  pool = null;
  if (requested < 2) return pool;
  const shared = wasmShared();
  if (!shared) return pool;
  const control = new Int32Array(new SharedArrayBuffer(SCALE_AT + 8));
  const data = {
    module: shared.module,
    memory: shared.memory,
    control: control.buffer,
    spinMs: SPIN_MS,
  };
  const start = helperStarter();
  if (!start) return pool;
  try {
    for (let i = 0; i < requested - 1; i++) start(data);
  } catch {
    return pool;
  }
  pool = { control, helpers: requested - 1 };
  return pool;
}

/** The helpers, unless there are none or they are being left alone after a slow one. */
function activePool(): Pool | null {
  const p = getPool();
  return p && backoffUntil !== 0 && performance.now() < backoffUntil ? null : p;
}

/**
 * Chunks per thread. A thread that finishes early takes another chunk, so the caller waits at
 * most about one chunk for a helper that started late (woken from sleep, or its core lent to
 * another process a moment): the shorter the chunks, the shorter that wait. Four per thread
 * (eight on two) took 1.2–1.7 ms less per SimpleConvNet step than two in the jobs other than
 * dense products, whose chunks each pack one operand whole (see denseSplit).
 */
const CHUNKS_PER_THREAD = 4;

/** How many chunks {@link runJob} cuts a job of `rows` rows into on pool `p`. */
function jobChunks(p: Pool, rows: number, perThread = CHUNKS_PER_THREAD): number {
  const per = Math.ceil(rows / Math.min(rows, MAX_CHUNKS, perThread * (p.helpers + 1)));
  return Math.ceil(rows / per);
}

/**
 * Runs a job of `rows` rows in chunks on the calling thread and the helpers, and returns once
 * every chunk is done. `args` are the kernel's (see runChunk), the last one (rows per chunk) set here.
 */
function runJob(
  p: Pool,
  w: WasmKernels,
  kind: number,
  rows: number,
  args: number[],
  perThread = CHUNKS_PER_THREAD,
): number {
  const ctl = p.control;
  const chunks = jobChunks(p, rows, perThread);
  const per = Math.ceil(rows / chunks);
  const count = Math.ceil(rows / per);
  for (let a = 0; a < args.length; a++) ctl[ARGS + a] = args[a]!;
  ctl[ARGS + args.length] = per;
  const seq = (Atomics.load(ctl, SEQ) + 1) | 0;
  Atomics.store(ctl, KIND, kind);
  Atomics.store(ctl, CHUNKS, count);
  Atomics.store(ctl, DONE, 0);
  Atomics.store(ctl, NEXT, (seq & 0x7fff) << 16);
  Atomics.store(ctl, SEQ, seq);
  Atomics.notify(ctl, SEQ);
  const start = performance.now();
  let mine = 0;
  for (;;) {
    const i = claim(ctl, seq);
    if (i < 0) break;
    runChunk(w, ctl, kind, i);
    Atomics.add(ctl, DONE, 1);
    mine++;
  }
  // A helper is finishing its chunk: spin briefly (a chunk is short), then sleep until it says it
  // is done, so as not to take the core from a helper that shares it with this thread.
  if (Atomics.load(ctl, DONE) < count) {
    const since = performance.now();
    let spins = 0;
    for (let done = Atomics.load(ctl, DONE); done < count; done = Atomics.load(ctl, DONE)) {
      if (++spins > 2000 && canWait) Atomics.wait(ctl, DONE, done, 1);
    }
    // A running helper keeps the caller waiting at most about one chunk (the one it took last);
    // much longer than that, it was not running (its core busy with other work): leave the
    // helpers alone for a while, so that their spinning does not slow this thread.
    const chunkMs = mine > 0 ? (since - start) / mine : 0;
    if (performance.now() - since > SLOW_HELPER_MS + SLOW_HELPER_CHUNKS * chunkMs) {
      backoffUntil = performance.now() + BACKOFF_MS;
    }
  }
  return count;
}

/** Below this many multiply-adds (nonzeros × n) a product is not worth handing out. */
const MIN_PARALLEL_WORK = 100_000;

/**
 * C (m × n) += A · B over A's compressed rows (`gemmRows64` / `gemmRows32` of assembly/gemm.ts),
 * with the rows shared among the helper threads when there are any and the product is large.
 *
 * @param w - the kernels (a shared-memory build when helpers run)
 * @param f32 - float32 (else float64)
 * @param m - rows of A and C
 * @param n - columns of B and C
 * @param entries - entries of A's rows (for the size test)
 * @param starts - address of A's row starts; `cols`, `vals` likewise; `b`, `c` of B and C
 * @param over - C = A · B: C is overwritten, not added to (it need not be cleared first)
 * @param bias - address of n values added to every row of C after the product, or 0 for none
 */
export function gemmRowsParallel(
  w: WasmKernels,
  f32: boolean,
  m: number,
  n: number,
  entries: number,
  starts: number,
  cols: number,
  vals: number,
  b: number,
  c: number,
  over = false,
  bias = 0,
): void {
  const p = entries * n >= MIN_PARALLEL_WORK && m >= 8 ? activePool() : null;
  const o = over ? 1 : 0;
  if (!p) {
    (f32 ? w.gemmRows32 : w.gemmRows64)(m, n, starts, cols, vals, b, c, o, bias);
    return;
  }
  runJob(p, w, GEMM_ROWS + (f32 ? 1 : 0), m, [m, n, starts, cols, vals, b, c, o, bias]);
}

/** Below this many bytes a batch is compressed on the calling thread alone. */
const MIN_PARALLEL_BYTES = 32_768;

/**
 * `compressPicked64` / `compressPicked32` of assembly/gemm.ts (the picked rows of bytes at `src`
 * → compressed rows at `starts`, `cols`, `vals`, room for n·len + n entries), with the rows shared
 * among the helper threads when there are any and the batch is large: each chunk fills its own
 * part of the room, then the parts are moved together and the starts shifted, so the rows are
 * the same, entry for entry, as from one call.
 *
 * @returns the number of entries, spare slots included
 */
export function compressPickedParallel(
  w: WasmKernels,
  f32: boolean,
  n: number,
  len: number,
  src: number,
  picks: number,
  table: number,
  starts: number,
  cols: number,
  vals: number,
): number {
  const p = n * len >= MIN_PARALLEL_BYTES && n >= 8 ? activePool() : null;
  if (!p) {
    return (f32 ? w.compressPicked32 : w.compressPicked64)(
      n,
      len,
      src,
      picks,
      table,
      starts,
      cols,
      vals,
    );
  }
  const count = runJob(p, w, COMPRESS_PICKED + (f32 ? 1 : 0), n, [
    n,
    len,
    src,
    picks,
    table,
    starts,
    cols,
    vals,
  ]);
  const per = p.control[ARGS + 8]!;
  return joinParts(w, p, f32 ? 4 : 8, count, per, n, len, starts, cols, vals);
}

/**
 * Moves the parts of compressed rows written by a job's chunks together: chunk i wrote the rows
 * of its images (or rows of bytes) i·per up to (i+1)·per, `rowsPer` rows of at most `len`
 * entries (plus a spare slot) each, from row R0·(len + 1) of the room on, with starts relative
 * to there, and returned its entry count. Afterwards the rows are one after another, entry for
 * entry as one call would have written them.
 *
 * @returns the number of entries, spare slots included
 */
function joinParts(
  w: WasmKernels,
  p: Pool,
  size: number,
  count: number,
  per: number,
  units: number,
  len: number,
  starts: number,
  cols: number,
  vals: number,
  rowsPer = 1,
): number {
  const ctl = p.control;
  const rows = units * rowsPer;
  const starting = new Int32Array(w.memory.buffer, starts, rows + 1);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const r0 = i * per * rowsPer;
    const r1 = Math.min(units, (i + 1) * per) * rowsPer;
    const base = r0 * (len + 1);
    const got = ctl[RESULTS + i]!;
    if (offset !== base) {
      w.moveBytes(cols + 4 * offset, cols + 4 * base, 4 * got);
      w.moveBytes(vals + size * offset, vals + size * base, size * got);
    }
    // Chunk i's starts are relative to its part; its first may have been overwritten by the
    // previous chunk's closing count (each call writes starts[rows]), so it is set, not shifted.
    starting[r0] = offset;
    for (let r = r0 + 1; r < r1; r++) starting[r] = starting[r]! + offset;
    offset += got;
  }
  starting[rows] = offset;
  return offset;
}

/**
 * `compressUnfold64` / `compressUnfold32` of assembly/im2col.ts: im2col of the n images at `x`
 * straight into compressed rows at `starts`, `cols`, `vals` (room for every element and a spare
 * slot per row), the images shared among the helper threads when there are any and the batch is
 * large, then the parts moved together: the rows are the same, entry for entry, as from one call.
 *
 * @returns the number of entries, spare slots included
 */
export function compressUnfoldParallel(
  w: WasmKernels,
  f32: boolean,
  g: ConvGeometry,
  x: number,
  starts: number,
  cols: number,
  vals: number,
): number {
  const { n, c, h, fh, fw, stride, pad, oh, ow } = g;
  const width = g.w;
  const len = c * fh * fw;
  const p = n * oh * ow * len >= MIN_PARALLEL_COL && n >= 2 ? activePool() : null;
  if (!p) {
    const run = f32 ? w.compressUnfold32 : w.compressUnfold64;
    return run(0, n, c, h, width, fh, fw, stride, pad, x, starts, cols, vals);
  }
  const count = runJob(p, w, COMPRESS_UNFOLD + (f32 ? 1 : 0), n, [
    n,
    c * 65536 + h,
    width,
    fh * 65536 + fw,
    stride * 65536 + pad,
    x,
    starts,
    cols,
    vals,
  ]);
  const per = p.control[ARGS + 9]!;
  return joinParts(w, p, f32 ? 4 : 8, count, per, n, len, starts, cols, vals, oh * ow);
}

/**
 * Bytes after the images that {@link unfoldRowsParallel} needs: a space per chunk to compress an
 * image's rows of col into.
 */
export function unfoldRowsWorkBytes(w: WasmKernels, g: ConvGeometry, f32: boolean): number {
  return MAX_CHUNKS * w.unfoldRowsBytes(g.oh * g.ow, g.c * g.fh * g.fw, f32 ? 4 : 8);
}

/**
 * `unfoldRows64` / `unfoldRows32` of assembly/gemm.ts: C = im2col(x) · B (+ bias) for the n images
 * at `x`, each image's rows of col compressed and multiplied while in cache, C (`n·OH·OW` rows of
 * `cols`) overwritten; the images shared among the helper threads when there are any and the batch
 * is large. Each row is added up as on one thread. The space of {@link unfoldRowsWorkBytes} must
 * follow the images (from the next 16-byte boundary).
 *
 * With `first`, `unfoldFirst64` / `unfoldFirst32`: each image's C is put channels first as it is
 * made, `out` then holding `n` matrices `cols × OH·OW`, through the ReLU with its mask bytes at
 * `first.mask` when that is not 0; the space of {@link unfoldFirstWorkBytes} must follow the
 * images instead.
 */
export function unfoldRowsParallel(
  w: WasmKernels,
  f32: boolean,
  g: ConvGeometry,
  x: number,
  cols: number,
  b: number,
  out: number,
  bias: number,
  first?: { mask: number },
): void {
  const { n, c, h, fh, fw, stride, pad, oh, ow } = g;
  const width = g.w;
  // (Shared, B's columns go in 16 bits beside the width, the filter's sides, stride and pad in 8.)
  const shared =
    n * oh * ow * c * fh * fw >= MIN_PARALLEL_COL &&
    n >= 2 &&
    cols < 65_536 &&
    Math.max(fh, fw, stride, pad) < 256;
  const p = shared ? activePool() : null;
  if (!p) {
    const work = (x + n * c * h * width * (f32 ? 4 : 8) + 15) & ~15;
    if (first) {
      const run = f32 ? w.unfoldFirst32 : w.unfoldFirst64;
      run(0, n, c, h, width, fh, fw, stride, pad, x, cols, b, bias, out, first.mask, work);
    } else {
      const run = f32 ? w.unfoldRows32 : w.unfoldRows64;
      run(0, n, c, h, width, fh, fw, stride, pad, x, cols, b, out, bias, work);
    }
    return;
  }
  const kind = (first ? UNFOLD_FIRST : UNFOLD_ROWS) + (f32 ? 1 : 0);
  runJob(p, w, kind, n, [
    n,
    c * 65536 + h,
    width * 65536 + cols,
    (fh << 24) | (fw << 16) | (stride << 8) | pad,
    x,
    b,
    bias,
    out,
    first ? first.mask : 0,
  ]);
}

/**
 * Bytes after the images that {@link unfoldRowsParallel} with `first` needs: a space per chunk to
 * compress an image's rows of col into and make its C in.
 */
export function unfoldFirstWorkBytes(
  w: WasmKernels,
  g: ConvGeometry,
  cols: number,
  f32: boolean,
): number {
  return MAX_CHUNKS * w.unfoldFirstBytes(g.oh * g.ow, g.c * g.fh * g.fw, cols, f32 ? 4 : 8);
}

/** Bytes of {@link planesWindowsParallel}'s tables of window offsets: one per chunk. */
export function planesWindowsBytes(w: WasmKernels, g: ConvGeometry): number {
  return MAX_CHUNKS * w.windowsTableBytes(g.oh * g.ow);
}

/**
 * `planesWindows64` / `planesWindows32` of assembly/gemm.ts: C (`planes × C·FH·FW`, overwritten)
 * = Mᵀ · im2col(x), Mᵀ read from the planes at `planesAt` (see kernels/planes.ts) and the windows
 * from the images at `x` (pad 0), over the nonzeros of the planes; the planes (rows of C) shared
 * among the helper threads when there are any and the batch is large. Each row is added up as on
 * one thread. C·FH ≤ 5, FW ≤ 8 (floats) or 6 (doubles), and 64 bytes of room after the images.
 *
 * @param table - {@link planesWindowsBytes} bytes, 16-byte aligned, for the chunks' tables
 */
export function planesWindowsParallel(
  w: WasmKernels,
  f32: boolean,
  g: ConvGeometry,
  planes: number,
  planesAt: number,
  x: number,
  out: number,
  table: number,
): void {
  const { n, c, h, fh, fw, stride, oh, ow } = g;
  const width = g.w;
  const shared = n * oh * ow * planes >= MIN_PARALLEL_COL && planes >= 2 && planes < 65_536;
  const p = shared ? activePool() : null;
  if (!p) {
    const run = f32 ? w.planesWindows32 : w.planesWindows64;
    run(0, planes, planes, n, c, h, width, fh, fw, stride, planesAt, x, out, table);
    return;
  }
  runJob(p, w, PLANES_WINDOWS + (f32 ? 1 : 0), planes, [
    n,
    c * 65536 + h,
    width * 65536 + planes,
    fh * 65536 + fw,
    stride,
    planesAt,
    x,
    out,
    table,
  ]);
}

/**
 * `compressPlanes64` / `compressPlanes32` of assembly/planes.ts: the rows of Mᵀ for the planes
 * `x` [batches, planes, len] (see kernels/planes.ts) as compressed rows at `starts`, `cols`,
 * `vals` (room for every element and a spare slot per row), the planes shared among the helper
 * threads when there are any and the batch is large, then the parts moved together: the rows are
 * the same, entry for entry, as from one call.
 *
 * @returns the number of entries, spare slots included
 */
export function compressPlanesParallel(
  w: WasmKernels,
  f32: boolean,
  planes: number,
  batches: number,
  len: number,
  x: number,
  starts: number,
  cols: number,
  vals: number,
): number {
  const p = planes * batches * len >= MIN_PARALLEL_COL && planes >= 2 ? activePool() : null;
  if (!p) {
    const run = f32 ? w.compressPlanes32 : w.compressPlanes64;
    return run(0, planes, planes, batches, len, x, starts, cols, vals);
  }
  const count = runJob(p, w, COMPRESS_PLANES + (f32 ? 1 : 0), planes, [
    planes,
    batches,
    len,
    x,
    starts,
    cols,
    vals,
  ]);
  const per = p.control[ARGS + 7]!;
  return joinParts(w, p, f32 ? 4 : 8, count, per, planes, batches * len, starts, cols, vals);
}

/** Below this many entries rows are transposed on the calling thread alone. */
const MIN_PARALLEL_ENTRIES = 8192;

/**
 * The rows of the transpose of the m × q matrix whose rows are at (`src`, `sCols`, `sVals`), into
 * (`dst`, `dCols`, `dVals`), as `transposeCsr64` / `transposeCsr32` of assembly/gemm.ts make them,
 * entry for entry, with the source rows shared among the helper threads when there are any and
 * there are many entries (count per column in parallel, lay the columns out, write in parallel).
 *
 * @param scratch - address of 8 · 2 · q · 4 bytes for the counts and cursors
 */
export function transposeParallel(
  w: WasmKernels,
  f32: boolean,
  m: number,
  q: number,
  entries: number,
  src: number,
  sCols: number,
  sVals: number,
  dst: number,
  dCols: number,
  dVals: number,
  scratch: number,
): void {
  const p = entries >= MIN_PARALLEL_ENTRIES && m >= 8 ? activePool() : null;
  if (!p) {
    (f32 ? w.transposeCsr32 : w.transposeCsr64)(m, q, src, sCols, sVals, dst, dCols, dVals);
    return;
  }
  const counts = scratch;
  const cursors = scratch + MAX_CHUNKS * q * 4;
  const chunks = runJob(p, w, COUNT_COLS, m, [m, q, src, sCols, counts]);
  w.prefixCols(q, chunks, counts, dst, cursors);
  runJob(p, w, SCATTER_COLS + (f32 ? 1 : 0), m, [m, q, src, sCols, sVals, cursors, dCols, dVals]);
}

/** Bytes of scratch space {@link transposeParallel} needs for q columns. */
export function transposeScratchBytes(q: number): number {
  return 2 * MAX_CHUNKS * q * 4;
}

/** Below this many elements an update runs on the calling thread alone. */
const MIN_PARALLEL_ELEMENTS = 16_384;

/**
 * `p ← p − s·g` over `len` elements at `p` and `g` (`scaledSubtract64` / `scaledSubtract32` of
 * assembly/gemm.ts), in ranges shared among the helper threads when there are any and the arrays
 * are large: each element is computed by the same code, so the result is the same bit for bit.
 */
export function scaledSubtractParallel(
  w: WasmKernels,
  f32: boolean,
  len: number,
  s: number,
  g: number,
  p: number,
): void {
  const pool = len >= MIN_PARALLEL_ELEMENTS ? activePool() : null;
  if (!pool) {
    (f32 ? w.scaledSubtract32 : w.scaledSubtract64)(len, s, g, p);
    return;
  }
  new Float64Array(pool.control.buffer, SCALE_AT, 1)[0] = s;
  // Ranges of whole 16-byte vectors, so that each chunk runs the kernel's vector loop.
  runJob(pool, w, SCALED_SUBTRACT + (f32 ? 1 : 0), Math.ceil(len / 4), [len, g, p]);
}

/**
 * An elementwise kernel `run(len, …addresses)` over `len` elements (`args` = [len, …]): in ranges
 * of 16 elements shared among the helper threads when there are any and the arrays are large, as
 * job `kind` (+ 1 for float32, see runChunk), else one call here. Each element is computed alone,
 * so the result is the same bit for bit.
 */
function elementwiseParallel(
  w: WasmKernels,
  f32: boolean,
  kind: number,
  run: (...args: number[]) => void,
  args: number[],
): void {
  const len = args[0]!;
  const pool = len >= MIN_PARALLEL_ELEMENTS ? activePool() : null;
  if (!pool) run(...args);
  else runJob(pool, w, kind + (f32 ? 1 : 0), Math.ceil(len / 16), args);
}

/**
 * The ReLU's forward (`reluMask64` / `reluMask32` of assembly/gemm.ts: out = x ≤ 0 ? 0 : x, and a
 * mask byte 1 where x ≤ 0) over `len` elements, on the threads when large.
 */
export function reluMaskParallel(
  w: WasmKernels,
  f32: boolean,
  len: number,
  x: number,
  out: number,
  mask: number,
): void {
  const run = f32 ? w.reluMask32 : w.reluMask64;
  elementwiseParallel(w, f32, RELU_MASK, run, [len, x, out, mask]);
}

/**
 * The ReLU's backward (`zeroMasked64` / `zeroMasked32`: dx = mask ? 0 : dout; dx may be dout) over
 * `len` elements, on the threads when large.
 */
export function zeroMaskedParallel(
  w: WasmKernels,
  f32: boolean,
  len: number,
  dout: number,
  mask: number,
  dx: number,
): void {
  const run = f32 ? w.zeroMasked32 : w.zeroMasked64;
  elementwiseParallel(w, f32, ZERO_MASKED, run, [len, dout, mask, dx]);
}

/**
 * Adam's update (`adamStep64` / `adamStep32` of assembly/adam.ts) of `len` parameters at `p` with
 * their gradient `g` and moments `m`, `v`, on the threads when large; the three doubles at `hyper`
 * are read by every chunk.
 */
export function adamStepParallel(
  w: WasmKernels,
  f32: boolean,
  len: number,
  hyper: number,
  g: number,
  m: number,
  v: number,
  p: number,
): void {
  const run = f32 ? w.adamStep32 : w.adamStep64;
  elementwiseParallel(w, f32, ADAM_STEP, run, [len, hyper, g, m, v, p]);
}

/**
 * Each plane's sum over the batches (`sumPlanes64` / `sumPlanes32` of assembly/planes.ts: `planes`
 * planes of `len` elements in each of `batches` batches at `x`, the sums at `out`), with the planes
 * shared among the helper threads in groups of 4 when there are any and the array is large: each
 * plane is summed by one thread, in the same order, so the sums are the same bit for bit.
 */
export function sumPlanesParallel(
  w: WasmKernels,
  f32: boolean,
  planes: number,
  batches: number,
  len: number,
  x: number,
  out: number,
): void {
  const pool = planes * batches * len >= MIN_PARALLEL_ELEMENTS && planes > 4 ? activePool() : null;
  if (!pool) {
    (f32 ? w.sumPlanes32 : w.sumPlanes64)(0, planes, planes, batches, len, x, out);
    return;
  }
  runJob(pool, w, SUM_PLANES + (f32 ? 1 : 0), Math.ceil(planes / 4), [
    planes,
    batches,
    len,
    x,
    out,
  ]);
}

/**
 * `poolMax64` / `poolMax32` of assembly/pool.ts (each pooling window's largest element and its
 * index, straight from the n images at `x`), with the images shared among the helper threads when
 * there are any and the windows are many: each row is written by one thread alone, by the same
 * code, so the result is the same bit for bit. With `first`, the maxima channels first.
 */
export function poolMaxParallel(
  w: WasmKernels,
  f32: boolean,
  g: ConvGeometry,
  x: number,
  maxOut: number,
  argOut: number,
  first = false,
): void {
  poolJob(w, POOL_MAX + (f32 ? 1 : 0), g, x, maxOut, argOut, first ? 1 : 0);
}

/**
 * `col2imScatter64` / `col2imScatter32` of assembly/pool.ts (the pooling layer's dx from each
 * window's value and position, the values in rows' order or, with `planes`, as the planes they
 * were moved from), shared among the helper threads as {@link poolMaxParallel} is: each image is
 * written by one thread alone, so the result is the same bit for bit. With `mask` (an address, not
 * 0) each image is zeroed where its mask bytes say, the ReLU's backward of it; with `counts`, image
 * i's nonzeros are counted into the i32 at `counts + 4·i`.
 */
export function col2imScatterParallel(
  w: WasmKernels,
  f32: boolean,
  g: ConvGeometry,
  at: number,
  vals: number,
  x: number,
  planes: boolean,
  mask = 0,
  counts = 0,
): void {
  poolJob(w, COL2IM_SCATTER + (f32 ? 1 : 0), g, at, vals, x, planes ? 1 : 0, mask, counts);
}

/** A pooling kernel (job kinds 19–22) over all images, on this thread or shared by image. */
function poolJob(
  w: WasmKernels,
  kind: number,
  g: ConvGeometry,
  a: number,
  b: number,
  c: number,
  flag: number,
  mask = 0,
  counts = 0,
) {
  const { n, fh, fw, stride, pad } = g;
  const width = g.w;
  // (Shared, the window's sides, stride and pad go in 8 bits each, the width in 15.)
  const p =
    n * g.oh * g.ow * g.c * fh * fw >= MIN_PARALLEL_COL &&
    n >= 2 &&
    Math.max(fh, fw, stride, pad) < 256 &&
    width < 32_768
      ? activePool()
      : null;
  if (!p) {
    if (kind >= COL2IM_SCATTER) {
      const run = kind === COL2IM_SCATTER ? w.col2imScatter64 : w.col2imScatter32;
      run(0, n, g.c, g.h, width, fh, fw, stride, pad, a, b, c, flag, mask, counts);
    } else {
      const run = kind === POOL_MAX ? w.poolMax64 : w.poolMax32;
      run(0, n, g.c, g.h, width, fh, fw, stride, pad, a, b, c, flag);
    }
    return;
  }
  runJob(p, w, kind, n, [
    n,
    g.c * 65536 + g.h,
    width * 2 + flag,
    (fh << 24) | (fw << 16) | (stride << 8) | pad,
    a,
    b,
    c,
    mask,
    counts,
  ]);
}

/** Below this many elements of col an unfolding runs on the calling thread alone. */
const MIN_PARALLEL_COL = 65_536;

/**
 * `im2col64` / `im2col32` (`fold` false) or `col2im64` / `col2im32` (`fold` true) of
 * assembly/im2col.ts over all n images, from `src` to `dst`, with the images shared among the
 * helper threads when there are any and the columns are many: each image is written by one
 * thread alone, by the same code, so the result is the same bit for bit. Every size, the stride and
 * the pad must be below 32,768 (the caller checks; two of them share a slot of the control block).
 */
export function unfoldParallel(
  w: WasmKernels,
  f32: boolean,
  fold: boolean,
  g: ConvGeometry,
  src: number,
  dst: number,
): void {
  const { n, c, h, fh, fw, stride, pad } = g;
  const width = g.w;
  const colElements = n * g.oh * g.ow * c * fh * fw;
  const p = colElements >= MIN_PARALLEL_COL && n >= 2 ? activePool() : null;
  if (!p) {
    const run = fold ? (f32 ? w.col2im32 : w.col2im64) : f32 ? w.im2col32 : w.im2col64;
    run(0, n, c, h, width, fh, fw, stride, pad, src, dst);
    return;
  }
  const kind = (fold ? COL2IM : IM2COL) + (f32 ? 1 : 0);
  runJob(p, w, kind, n, [n, c, h, width, fh * 65536 + fw, stride * 65536 + pad, src, dst]);
}

/** Below this many multiply-adds a dense product runs on the calling thread alone. */
const MIN_PARALLEL_DENSE = 262_144;

/**
 * How a dense m × n product is shared among threads, and in how many units: by rows of C in
 * groups of 4 (the tile height), each thread packing all of op(B) and its own rows of op(A); or,
 * when C is wider than tall, by columns of C in groups of the tile width (4 doubles, 8 floats),
 * each thread packing all of op(A) and its own columns of op(B), so that the larger operand is
 * packed once in all (Affine's dx = dout·Wᵀ, 100 × 100 · 100 × 4320: by rows, each of 4 chunks
 * packed the whole transposed W, and two threads took longer than one).
 */
function denseSplit(
  m: number,
  n: number,
  k: number,
  f32: boolean,
): { byColumns: boolean; units: number; perThread: number } {
  const byColumns = n > m;
  // Short chunks (see CHUNKS_PER_THREAD) unless each would pack a large operand whole again:
  // Affine's x·W (100 × 4320 · 4320 × 100, W packed by every chunk) keeps two per thread.
  const whole = byColumns ? m * k : k * n;
  return {
    byColumns,
    units: Math.ceil(byColumns ? n / tileWidth(f32) : m / 4),
    perThread: whole > WHOLE_PACK_MAX ? 2 : CHUNKS_PER_THREAD,
  };
}

/** Elements of the operand every chunk packs whole above which a dense job is cut coarser. */
const WHOLE_PACK_MAX = 65_536;

/** Columns of the dense kernel's tile: 4 doubles or 8 floats. */
function tileWidth(f32: boolean): number {
  return f32 ? 8 : 4;
}

/**
 * How many packing spaces {@link gemmDenseParallel} needs for an m × n × k product: one per
 * chunk when C will be shared among the helper threads, else 1.
 */
export function denseChunks(m: number, n: number, k: number, f32: boolean): number {
  const { byColumns, units, perThread } = denseSplit(m, n, k, f32);
  // At least two whole tiles to share: m ≥ 8 rows, or n ≥ 2 tiles' width of columns.
  const two = byColumns ? n >= 2 * tileWidth(f32) : m >= 8;
  const p = m * n * k >= MIN_PARALLEL_DENSE && two ? activePool() : null;
  return p ? jobChunks(p, units, perThread) : 1;
}

/**
 * `gemm64` / `gemm32` of assembly/gemm.ts (C += op(A)·op(B), or with `over` 1 C = op(A)·op(B), all
 * in the module's memory), with C shared among the helper threads by rows or by columns (see
 * denseSplit) when `chunks` (from {@link denseChunks}) packing spaces of `workBytes` each were set
 * aside from `work` on: each element of C is computed by the same code whichever thread takes it,
 * so the result is the same bit for bit as on one thread.
 */
export function gemmDenseParallel(
  w: WasmKernels,
  f32: boolean,
  chunks: number,
  m: number,
  n: number,
  k: number,
  transA: number,
  transB: number,
  a: number,
  b: number,
  c: number,
  work: number,
  workBytes: number,
  over: number,
): void {
  const p = chunks > 1 ? activePool() : null;
  const { byColumns, units, perThread } = denseSplit(m, n, k, f32);
  // The pool may have backed off since the spaces were counted; never cut more chunks than spaces.
  if (!p || jobChunks(p, units, perThread) > chunks) {
    (f32 ? w.gemm32 : w.gemm64)(m, n, k, transA, transB, a, b, c, work, over);
    return;
  }
  runJob(
    p,
    w,
    GEMM_RANGE + (f32 ? 1 : 0),
    units,
    [m, n, k, transA + 2 * transB + (byColumns ? 4 : 0) + 8 * over, a, b, c, work, workBytes],
    perThread,
  );
}

/** Below this many elements a batched transpose runs on the calling thread alone. */
const MIN_PARALLEL_TRANSPOSE = 65_536;

/**
 * `transposeBatches64` / `transposeBatches32` of assembly/transpose.ts over all `batches` matrices
 * `rows × cols` from `src` to `dst` (with a `mask` address, through the ReLU, its mask bytes
 * written there), the batches shared among the helper threads when there are any and the arrays
 * are large (each batch written by one thread alone: the same result).
 */
export function transposeBatchesParallel(
  w: WasmKernels,
  f32: boolean,
  batches: number,
  rows: number,
  cols: number,
  src: number,
  dst: number,
  mask = 0,
): void {
  const p = batches * rows * cols >= MIN_PARALLEL_TRANSPOSE && batches >= 2 ? activePool() : null;
  if (!p)
    (f32 ? w.transposeBatches32 : w.transposeBatches64)(0, batches, rows, cols, src, dst, mask);
  else
    runJob(p, w, TRANSPOSE_BATCHES + (f32 ? 1 : 0), batches, [batches, rows, cols, src, dst, mask]);
}

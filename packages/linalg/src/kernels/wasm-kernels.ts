import {
  WASM_RELAXED_SIMD_BASE64,
  WASM_SHARED_RELAXED_SIMD_BASE64,
  WASM_SHARED_SIMD_BASE64,
  WASM_SIMD_BASE64,
} from './generated/wasm-bytes.js';

/** The part of a WebAssembly `Memory` used here (the project's `lib` has no DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the global `WebAssembly` object used here; absent in some runtimes. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  validate?: (bytes: Uint8Array) => boolean;
  compile?: (bytes: Uint8Array) => Promise<object>;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** The functions exported by assembly/gemm.ts; addresses and sizes are in bytes. */
export interface WasmKernels {
  memory: WasmMemory;
  gemm64(
    m: number,
    n: number,
    k: number,
    transA: number,
    transB: number,
    a: number,
    b: number,
    c: number,
    work: number,
    over: number,
  ): void;
  gemm32(
    m: number,
    n: number,
    k: number,
    transA: number,
    transB: number,
    a: number,
    b: number,
    c: number,
    work: number,
    over: number,
  ): void;
  gemmBlock64(
    m: number,
    n: number,
    k: number,
    transA: number,
    transB: number,
    a: number,
    b: number,
    c: number,
    work: number,
    r0: number,
    r1: number,
    c0: number,
    c1: number,
    over: number,
  ): void;
  gemmBlock32(
    m: number,
    n: number,
    k: number,
    transA: number,
    transB: number,
    a: number,
    b: number,
    c: number,
    work: number,
    r0: number,
    r1: number,
    c0: number,
    c1: number,
    over: number,
  ): void;
  workBytes64(n: number): number;
  workBytes32(n: number): number;
  heapBase(): number;
  maxRows64(rows: number, size: number, src: number, out: number): void;
  maxRows32(rows: number, size: number, src: number, out: number): void;
  argmaxRows64(rows: number, size: number, src: number, out: number): void;
  argmaxRows32(rows: number, size: number, src: number, out: number): void;
  sumColumns64(rows: number, m: number, src: number, acc: number, out: number): void;
  sumColumns32(rows: number, m: number, src: number, acc: number, out: number): void;
  transposeBatches64(
    b0: number,
    b1: number,
    rows: number,
    cols: number,
    src: number,
    dst: number,
    mask: number,
  ): void;
  transposeBatches32(
    b0: number,
    b1: number,
    rows: number,
    cols: number,
    src: number,
    dst: number,
    mask: number,
  ): void;
  im2col64(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    src: number,
    dst: number,
  ): void;
  im2col32(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    src: number,
    dst: number,
  ): void;
  col2im64(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    src: number,
    dst: number,
  ): void;
  col2im32(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    src: number,
    dst: number,
  ): void;
  compressPlanes64(
    f0: number,
    f1: number,
    planes: number,
    batches: number,
    len: number,
    x: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  compressPlanes32(
    f0: number,
    f1: number,
    planes: number,
    batches: number,
    len: number,
    x: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  gatherPlanes(
    planes: number,
    batches: number,
    len: number,
    size: number,
    x: number,
    dst: number,
  ): void;
  sumPlanes64(
    f0: number,
    f1: number,
    planes: number,
    batches: number,
    len: number,
    x: number,
    out: number,
  ): void;
  sumPlanes32(
    f0: number,
    f1: number,
    planes: number,
    batches: number,
    len: number,
    x: number,
    out: number,
  ): void;
  compressUnfold64(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    x: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  compressUnfold32(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    x: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  unfoldRowsBytes(rows: number, k: number, size: number): number;
  unfoldRows64(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    x: number,
    cols: number,
    b: number,
    out: number,
    bias: number,
    work: number,
  ): void;
  unfoldRows32(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    x: number,
    cols: number,
    b: number,
    out: number,
    bias: number,
    work: number,
  ): void;
  unfoldFirstBytes(rows: number, k: number, cols: number, size: number): number;
  unfoldFirst64(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    x: number,
    cols: number,
    b: number,
    bias: number,
    dst: number,
    mask: number,
    work: number,
  ): void;
  unfoldFirst32(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    pad: number,
    x: number,
    cols: number,
    b: number,
    bias: number,
    dst: number,
    mask: number,
    work: number,
  ): void;
  windowsTableBytes(len: number): number;
  planesWindows64(
    f0: number,
    f1: number,
    planes: number,
    batches: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    planesAt: number,
    x: number,
    out: number,
    table: number,
  ): void;
  planesWindows32(
    f0: number,
    f1: number,
    planes: number,
    batches: number,
    c: number,
    h: number,
    w: number,
    fh: number,
    fw: number,
    stride: number,
    planesAt: number,
    x: number,
    out: number,
    table: number,
  ): void;
  poolMax64(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    ph: number,
    pw: number,
    stride: number,
    pad: number,
    x: number,
    maxOut: number,
    argOut: number,
    first: number,
  ): void;
  poolMax32(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    ph: number,
    pw: number,
    stride: number,
    pad: number,
    x: number,
    maxOut: number,
    argOut: number,
    first: number,
  ): void;
  col2imScatter64(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    ph: number,
    pw: number,
    stride: number,
    pad: number,
    at: number,
    vals: number,
    x: number,
    planes: number,
    mask: number,
    counts: number,
  ): void;
  col2imScatter32(
    i0: number,
    i1: number,
    c: number,
    h: number,
    w: number,
    ph: number,
    pw: number,
    stride: number,
    pad: number,
    at: number,
    vals: number,
    x: number,
    planes: number,
    mask: number,
    counts: number,
  ): void;
  wholeBelow64(at: number, length: number, cols: number): number;
  wholeBelow32(at: number, length: number, cols: number): number;
  countNonzero64(a: number, length: number): number;
  countNonzero32(a: number, length: number): number;
  allFinite64(a: number, length: number): number;
  allFinite32(a: number, length: number): number;
  sparseWorkBytes(m: number, k: number, size: number): number;
  bytesEqual(a: number, b: number, bytes: number): number;
  moveBytes(dst: number, src: number, bytes: number): void;
  addRow64(m: number, n: number, c: number, bias: number): void;
  addRow32(m: number, n: number, c: number, bias: number): void;
  reluMask64(length: number, x: number, out: number, mask: number): void;
  reluMask32(length: number, x: number, out: number, mask: number): void;
  zeroMasked64(length: number, dout: number, mask: number, dx: number): void;
  zeroMasked32(length: number, dout: number, mask: number, dx: number): void;
  transposeRows64(m: number, k: number, src: number, dst: number): void;
  transposeRows32(m: number, k: number, src: number, dst: number): void;
  scaledSubtract64(length: number, s: number, g: number, p: number): void;
  scaledSubtract32(length: number, s: number, g: number, p: number): void;
  adamStep64(length: number, hyper: number, g: number, m: number, v: number, p: number): void;
  adamStep32(length: number, hyper: number, g: number, m: number, v: number, p: number): void;
  lookupBytes64(length: number, src: number, table: number, dst: number): void;
  lookupBytes32(length: number, src: number, table: number, dst: number): void;
  transposeCsr64(
    m: number,
    k: number,
    src: number,
    sCols: number,
    sVals: number,
    dst: number,
    dCols: number,
    dVals: number,
  ): void;
  transposeCsr32(
    m: number,
    k: number,
    src: number,
    sCols: number,
    sVals: number,
    dst: number,
    dCols: number,
    dVals: number,
  ): void;
  compressBytes64(
    n: number,
    length: number,
    src: number,
    table: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  compressPicked64(
    n: number,
    length: number,
    src: number,
    picks: number,
    table: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  compressPicked32(
    n: number,
    length: number,
    src: number,
    picks: number,
    table: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  countCols(r0: number, r1: number, q: number, src: number, sCols: number, counts: number): void;
  prefixCols(q: number, chunks: number, counts: number, dst: number, cursors: number): void;
  scatterCols64(
    r0: number,
    r1: number,
    src: number,
    sCols: number,
    sVals: number,
    cursors: number,
    dCols: number,
    dVals: number,
  ): void;
  scatterCols32(
    r0: number,
    r1: number,
    src: number,
    sCols: number,
    sVals: number,
    cursors: number,
    dCols: number,
    dVals: number,
  ): void;
  compressBytes32(
    n: number,
    length: number,
    src: number,
    table: number,
    starts: number,
    cols: number,
    vals: number,
  ): number;
  gemmRows64(
    m: number,
    n: number,
    starts: number,
    cols: number,
    vals: number,
    b: number,
    c: number,
    over: number,
    bias: number,
  ): void;
  gemmRows32(
    m: number,
    n: number,
    starts: number,
    cols: number,
    vals: number,
    b: number,
    c: number,
    over: number,
    bias: number,
  ): void;
  compressRows64(m: number, k: number, transA: number, a: number, work: number): number;
  compressRows32(m: number, k: number, transA: number, a: number, work: number): number;
}

/** `undefined`: not tried yet; `null`: WebAssembly (or its SIMD) is not available here. */
let kernels: WasmKernels | null | undefined;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** The compiled module on the way, when synchronous compilation was refused. */
let pending: Promise<void> | undefined;

/** Which build is in use: `'relaxed-simd'` (fused multiply-add), `'simd'`, or none yet. */
let variant: 'relaxed-simd' | 'simd' | null = null;

/** The compiled module and memory in use, when it is a shared-memory build (for worker threads). */
let sharedModule: { module: object; memory: WasmMemory } | null = null;

/** 2 GiB in 64 KiB pages: the most a shared memory is declared to grow to (see assembly/build-wasm.ts). */
const SHARED_MAXIMUM_PAGES = 32768;

/**
 * Whether to use a shared memory: SharedArrayBuffer exists and, in a browser, the page is
 * cross-origin isolated (elsewhere a shared memory cannot be posted to a worker), unless
 * `DL_SHARED_MEMORY=0` turns it off (copies into a shared memory cost about four times as much as
 * into a private one, so one thread does better on a private memory).
 */
function canShare(): boolean {
  const g = globalThis as {
    SharedArrayBuffer?: unknown;
    crossOriginIsolated?: boolean;
    process?: { env?: Record<string, string | undefined> };
  };
  if (g.process?.env?.['DL_SHARED_MEMORY'] === '0') return false;
  return typeof g.SharedArrayBuffer === 'function' && g.crossOriginIsolated !== false;
}

/** Instantiates `module`; a shared-memory build is given a new shared memory. */
function instantiate(api: WasmApi, module: object, shared: boolean): WasmKernels {
  if (!shared) return new api.Instance(module, {}).exports as WasmKernels;
  const memory = new api.Memory({ initial: 1, maximum: SHARED_MAXIMUM_PAGES, shared: true });
  const exports = new api.Instance(module, { env: { memory } }).exports as Omit<
    WasmKernels,
    'memory'
  >;
  sharedModule = { module, memory };
  return { ...exports, memory };
}

/**
 * The WebAssembly kernels, instantiated on first use, or `null` where they cannot be used (yet),
 * so that callers fall back to TypeScript. Four builds of assembly/gemm.ts are embedded: with
 * relaxed SIMD (fused multiply-add; Node 22+, current browsers) and with plain SIMD (Node 20),
 * each on a private memory and on a shared one, which worker threads can work on too (threads.ts)
 * and where arrays can live (resident.ts). The first the runtime validates is used: relaxed before
 * plain, shared before private where a memory can be shared. Where WebAssembly or SIMD is missing,
 * the answer stays `null`. A browser's main thread may refuse to compile a module synchronously
 * (older Chrome allowed 4 KB, current Chrome 8 MB; these are about 15 KB): then the module is
 * compiled asynchronously and the kernels are used once it is ready ({@link wasmReady}).
 *
 * @returns the module's exports, or `null`
 */
export function wasmKernels(): WasmKernels | null {
  if (kernels !== undefined) return kernels;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  kernels = null;
  if (!api) return kernels;
  const share = canShare() && typeof api.Memory === 'function';
  const pick = (shared: boolean) => {
    const relaxed = decodeBase64(
      shared ? WASM_SHARED_RELAXED_SIMD_BASE64 : WASM_RELAXED_SIMD_BASE64,
    );
    const useRelaxed = api.validate?.(relaxed) ?? false;
    const bytes = useRelaxed
      ? relaxed
      : decodeBase64(shared ? WASM_SHARED_SIMD_BASE64 : WASM_SIMD_BASE64);
    return { bytes, name: useRelaxed ? ('relaxed-simd' as const) : ('simd' as const) };
  };
  let { bytes, name } = pick(share);
  try {
    kernels = instantiate(api, new api.Module(bytes), share);
    variant = name;
  } catch {
    // A runtime may refuse a shared memory (or threads) where SharedArrayBuffer exists: then the
    // private build; and a main thread may refuse to compile synchronously: then asynchronously.
    let shared = share;
    if (share) {
      shared = false;
      ({ bytes, name } = pick(false));
      try {
        kernels = instantiate(api, new api.Module(bytes), false);
        variant = name;
        return kernels;
      } catch {
        // compiled asynchronously below
      }
    }
    if (api.compile) {
      pending = api
        .compile(bytes)
        .then((module) => {
          kernels = instantiate(api, module, shared);
          variant = name;
        })
        .catch(() => {});
    }
  }
  return kernels;
}

/**
 * The compiled shared-memory module and its memory, for starting worker threads on the same
 * memory; `null` when the kernels in use are not a shared-memory build (or not loaded).
 *
 * @returns the module and memory, or `null`
 */
export function wasmShared(): { module: object; memory: WasmMemory } | null {
  wasmKernels();
  return sharedModule;
}

/**
 * The WebAssembly build in use, for benchmarks and diagnostics.
 *
 * @returns `'relaxed-simd'`, `'simd'`, or `null` when the TypeScript kernels are used
 */
export function wasmVariant(): 'relaxed-simd' | 'simd' | null {
  wasmKernels();
  return variant;
}

/**
 * Resolves once the WebAssembly kernels are as ready as they will get: at once where they compiled
 * synchronously or cannot be used, after the asynchronous compilation otherwise.
 *
 * @returns whether the kernels are available
 */
export async function wasmReady(): Promise<boolean> {
  wasmKernels();
  await pending;
  return kernels !== null && kernels !== undefined;
}

import { WASM_BASE64 } from './generated/wasm-bytes.js';

/** The part of a WebAssembly `Memory` used here (the project's `lib` has no DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the global `WebAssembly` object used here; absent in some runtimes. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
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
  ): void;
  workBytes64(n: number): number;
  workBytes32(n: number): number;
  heapBase(): number;
}

/** `undefined`: not tried yet; `null`: WebAssembly (or its SIMD) is not available here. */
let kernels: WasmKernels | null | undefined;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * The WebAssembly kernels, instantiated on first use, or `null` where WebAssembly SIMD is not
 * available (the module fails to compile) so that callers fall back to TypeScript.
 * The module is small (about 3 KB), so synchronous compilation is allowed everywhere,
 * including a browser's main thread.
 *
 * @returns the module's exports, or `null`
 */
export function wasmKernels(): WasmKernels | null {
  if (kernels !== undefined) return kernels;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    if (!api) throw new Error('no WebAssembly');
    const module = new api.Module(decodeBase64(WASM_BASE64));
    kernels = new api.Instance(module, {}).exports as WasmKernels;
  } catch {
    kernels = null;
  }
  return kernels;
}

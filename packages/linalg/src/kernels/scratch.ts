import { align16 } from './align.js';
import { residentEnd } from './resident.js';
import type { WasmKernels } from './wasm-kernels.js';

// The layout of the WebAssembly memory past the resident arrays, shared by every kernel: first the
// sparse cache of the product kernel (gemm-wasm.ts), which must survive other kernels' calls, then
// scratch space that a kernel fills and empties within one call.

const PAGE = 65536;

/** The most memory the kernels are given: 2 GiB, so that every byte address fits an i32. */
export const MAX_MEMORY_BYTES = 2 ** 31;

/** Bytes reserved for the sparse cache at the bottom of memory (the largest needed so far). */
let cacheBytes = 0;

/** Where the sparse cache was when it was last filled (it moves up when resident arrays are added). */
let cacheBase = -1;

/** Grows the module's memory to at least `bytes`; false when the runtime refuses. */
export function ensureMemory(w: WasmKernels, bytes: number): boolean {
  const have = w.memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    w.memory.grow(Math.ceil((bytes - have) / PAGE));
    return true;
  } catch {
    return false;
  }
}

/** The bytes now reserved for the sparse cache. */
export function sparseCacheBytes(): number {
  return cacheBytes;
}

/**
 * Makes the sparse cache at least `need` bytes and returns its address (just past the resident
 * arrays), with `cleared` true when what it held is lost: it grew (everything after it moves) or
 * resident arrays were added below it since it was filled.
 */
export function reserveSparseCache(w: WasmKernels, need: number): { at: number; cleared: boolean } {
  const at = residentEnd(w.heapBase());
  if (need > cacheBytes || at !== cacheBase) {
    cacheBytes = Math.max(cacheBytes, need);
    cacheBase = at;
    return { at, cleared: true };
  }
  return { at, cleared: false };
}

/**
 * The address of `bytes` bytes of scratch space in the module's memory, past the sparse cache,
 * for a kernel whose operands are copied in and out within one call.
 *
 * @returns a 16-byte aligned address, or undefined when the memory cannot grow that far
 */
export function scratchAddress(w: WasmKernels, bytes: number): number | undefined {
  const at = align16(residentEnd(w.heapBase()) + cacheBytes);
  if (at + bytes > MAX_MEMORY_BYTES || !ensureMemory(w, at + bytes)) return undefined;
  return at;
}

import { allocate, type DType, type TypedArray } from '../dtype.js';
import { getBackend } from './backend.js';
import { wasmKernels, wasmShared } from './wasm-kernels.js';

// Arrays that live in the WebAssembly memory ("resident"), so that kernels work on them where they
// are, with no copy in or out: a network's weights and their gradients, read and written by every
// training step (W1 alone is 313 KB, copied three or four times a step otherwise).
//
// Only on the shared-memory build: a shared memory's old buffers stay valid when it grows, so a
// typed array on it never goes stale; a private memory's would be detached by the first growth.
// Memory, from the module's heap base: the resident arrays, then the sparse cache and the scratch
// space of gemm-wasm.ts. Resident space is never given back (a block freed while some view of it
// survived, say a `subarray`, would be handed out again under it); it is capped, and past the cap
// arrays are ordinary ones, which every kernel also takes.

/** The most bytes given to resident arrays: 64 MiB, about a hundred 784-50-10 networks with gradients. */
const RESIDENT_MAX_BYTES = 64 * 2 ** 20;

/** Bytes handed out to resident arrays so far. */
let residentBytes = 0;

/** Every buffer object the shared memory has had (a new one after each growth). */
const memoryBuffers = new WeakSet<ArrayBufferLike>();

function align16(x: number): number {
  return (x + 15) & ~15;
}

/**
 * The first byte past the resident arrays: where the sparse cache and scratch space begin.
 *
 * @param heapBase - the module's heap base
 */
export function residentEnd(heapBase: number): number {
  return align16(align16(heapBase) + residentBytes);
}

/**
 * A zeroed array of `size` elements in the WebAssembly memory when it is shared (and the backend is
 * `'wasm'` and the cap not reached), otherwise an ordinary one: either way a plain typed array that
 * works everywhere a typed array does. Kernels given a resident array work on it in place.
 *
 * @param dtype - `float64` or `float32`
 * @param size - number of elements
 * @returns the zeroed elements
 * @example
 * ```ts
 * import { allocateResident } from '@dl/linalg';
 * const W = allocateResident('float64', 6);
 * W.length; // 6
 * ```
 */
export function allocateResident(dtype: DType, size: number): TypedArray {
  const w = size > 0 && getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w || !wasmShared()) return allocate(dtype, size);
  const bytesPer = dtype === 'float32' ? 4 : 8;
  const bytes = align16(size * bytesPer);
  if (residentBytes + bytes > RESIDENT_MAX_BYTES) return allocate(dtype, size);
  const at = residentEnd(w.heapBase());
  const need = at + bytes;
  const have = w.memory.buffer.byteLength;
  if (need > have) {
    try {
      w.memory.grow(Math.ceil((need - have) / 65536));
    } catch {
      return allocate(dtype, size);
    }
  }
  residentBytes += bytes; // the sparse cache and scratch space move up past this block
  const buf = w.memory.buffer;
  memoryBuffers.add(buf);
  const out =
    dtype === 'float32' ? new Float32Array(buf, at, size) : new Float64Array(buf, at, size);
  out.fill(0);
  return out;
}

/**
 * The byte address of a resident array in the WebAssembly memory, or undefined for any other array.
 *
 * @param a - a typed array
 */
export function residentAddress(a: TypedArray): number | undefined {
  return memoryBuffers.has(a.buffer) ? a.byteOffset : undefined;
}

/**
 * Whether `a` lives in the WebAssembly memory (made by {@link allocateResident}), so that kernels
 * work on it in place.
 *
 * @param a - a typed array
 * @returns true for a resident array
 * @example
 * ```ts
 * import { isResident } from '@dl/linalg';
 * isResident(new Float64Array(4)); // false
 * ```
 */
export function isResident(a: TypedArray): boolean {
  return residentAddress(a) !== undefined;
}

import { allocate, type DType, type TypedArray } from '../dtype.js';
import { align16 } from './align.js';
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

/**
 * The most bytes given to resident arrays: 256 MiB, MNIST's images (55 MB) and about three hundred
 * 784-50-10 networks with their gradients.
 */
const RESIDENT_MAX_BYTES = 256 * 2 ** 20;

/** Bytes handed out to resident arrays so far. */
let residentBytes_ = 0;

/** Every buffer object the shared memory has had (a new one after each growth). */
const memoryBuffers = new WeakSet<ArrayBufferLike>();

/**
 * The first byte past the resident arrays: where the sparse cache and scratch space begin.
 *
 * @param heapBase - the module's heap base
 */
export function residentEnd(heapBase: number): number {
  return align16(align16(heapBase) + residentBytes_);
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
  const bytesPer = dtype === 'float32' ? 4 : 8;
  const at = reserve(size * bytesPer);
  if (at === undefined) return allocate(dtype, size);
  const buf = wasmKernels()!.memory.buffer;
  const out =
    dtype === 'float32' ? new Float32Array(buf, at, size) : new Float64Array(buf, at, size);
  out.fill(0);
  return out;
}

/**
 * A copy of `bytes` in the WebAssembly memory when it is shared (as {@link allocateResident}), or
 * `bytes` itself: for large byte sets read by kernels again and again, such as MNIST's images,
 * whose batches are then compressed where they lie, without being copied in first. Bytes that are
 * resident already are returned as they are; given a length, the bytes are zeros (to read a file
 * into, say).
 *
 * @param bytes - the bytes to keep, or how many zero bytes to make
 * @returns resident bytes, or `bytes` (a new Uint8Array for a length) when there can be none
 * @example
 * ```ts
 * import { residentBytes } from '@dl/linalg';
 * const images = residentBytes(new Uint8Array([0, 255, 51, 0]));
 * Array.from(images); // [0, 255, 51, 0]
 * residentBytes(3).length; // 3
 * ```
 */
export function residentBytes(bytes: Uint8Array | number): Uint8Array {
  if (typeof bytes !== 'number' && residentAddress(bytes) !== undefined) return bytes;
  const length = typeof bytes === 'number' ? bytes : bytes.length;
  const at = reserve(length);
  if (at === undefined) return typeof bytes === 'number' ? new Uint8Array(length) : bytes;
  const out = new Uint8Array(wasmKernels()!.memory.buffer, at, length);
  if (typeof bytes === 'number') out.fill(0);
  else out.set(bytes);
  return out;
}

/** `bytes` of resident space, or undefined where resident arrays cannot be (or the cap is reached). */
function reserve(bytes: number): number | undefined {
  const w = bytes > 0 && getBackend() === 'wasm' ? wasmKernels() : null;
  if (!w || !wasmShared()) return undefined;
  const size = align16(bytes);
  if (residentBytes_ + size > RESIDENT_MAX_BYTES) return undefined;
  const at = residentEnd(w.heapBase());
  const need = at + size;
  const have = w.memory.buffer.byteLength;
  if (need > have) {
    try {
      w.memory.grow(Math.ceil((need - have) / 65536));
    } catch {
      return undefined;
    }
  }
  residentBytes_ += size; // the sparse cache and scratch space move up past this block
  memoryBuffers.add(w.memory.buffer);
  return at;
}

/**
 * The byte address of a resident array in the WebAssembly memory, or undefined for any other array.
 *
 * @param a - a typed array
 */
export function residentAddress(a: TypedArray | Uint8Array): number | undefined {
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
export function isResident(a: TypedArray | Uint8Array): boolean {
  return residentAddress(a) !== undefined;
}

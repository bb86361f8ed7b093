import type { TypedArray } from '../dtype.js';
import { align16 } from './align.js';
import { residentEnd } from './resident.js';
import type { WasmKernels } from './wasm-kernels.js';

// The layout of the WebAssembly memory past the resident arrays, shared by every kernel: first the
// sparse cache of the product kernel (gemm-wasm.ts), which must survive other kernels' calls, then
// the park, where one kernel's result may stay after its call until another takes its place (the
// ReLU's output, read next by a pooling), then scratch space that a kernel fills and empties
// within one call.

const PAGE = 65536;

/** The most memory the kernels are given: 2 GiB, so that every byte address fits an i32. */
export const MAX_MEMORY_BYTES = 2 ** 31;

/** Bytes reserved for the sparse cache at the bottom of memory (the largest needed so far). */
let cacheBytes = 0;

/** Where the sparse cache was when it was last filled (it moves up when resident arrays are added). */
let cacheBase = -1;

/** The most bytes the park holds: 64 MiB (a SimpleConvNet batch of 100 needs 6.9 MB in float32). */
const PARK_MAX_BYTES = 64 * 2 ** 20;

/** Bytes reserved for the park (the largest result parked so far). */
let parkBytes = 0;

/** Results parked so far: each is told its number, and is in the park while it is the last. */
let parkings = 0;

/** A result in the park: where it was written, and its number. */
export interface Parked {
  readonly at: number;
  readonly number: number;
}

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
 * The address of `bytes` bytes of scratch space in the module's memory, past the sparse cache and
 * the park, for a kernel whose operands are copied in and out within one call.
 *
 * @returns a 16-byte aligned address, or undefined when the memory cannot grow that far
 */
export function scratchAddress(w: WasmKernels, bytes: number): number | undefined {
  const at = scratchPast(residentEnd(w.heapBase()));
  if (at + bytes > MAX_MEMORY_BYTES || !ensureMemory(w, at + bytes)) return undefined;
  return at;
}

/**
 * Where scratch space begins, given where the sparse cache begins.
 *
 * @param cacheAt - the sparse cache's address
 */
export function scratchPast(cacheAt: number): number {
  return align16(align16(cacheAt + cacheBytes) + parkBytes);
}

/**
 * Makes room in the park for `bytes` and hands it to a new result: whatever the park held before
 * is no longer there. Call it before the kernel call that writes the result (the scratch space it
 * uses then lies past the park).
 *
 * @returns where to write the result and its number, or undefined when it is too large or the
 * memory cannot grow that far
 */
export function park(w: WasmKernels, bytes: number): Parked | undefined {
  if (bytes > PARK_MAX_BYTES) return undefined;
  const at = parkAddress(w);
  const size = Math.max(parkBytes, align16(bytes));
  if (at + size > MAX_MEMORY_BYTES || !ensureMemory(w, at + size)) return undefined;
  parkBytes = size;
  parkings++;
  return { at, number: parkings };
}

/**
 * Whether the park still holds the result `p` was handed: no other result has been parked since,
 * and nothing below it (resident arrays, the sparse cache) has moved it.
 *
 * @param w - the kernels
 * @param p - what {@link park} returned
 */
export function parkHolds(w: WasmKernels, p: Parked): boolean {
  return p.number === parkings && p.at === parkAddress(w);
}

function parkAddress(w: WasmKernels): number {
  return align16(residentEnd(w.heapBase()) + cacheBytes);
}

/**
 * A new array holding the `len` elements (float32 or float64) at `at` in the module's memory: made
 * from a view, it is not cleared first, as a new array filled by `set` would be.
 */
export function copyOut(
  w: WasmKernels,
  f32: boolean,
  at: number,
  len: number,
): Float64Array | Float32Array {
  return f32
    ? new Float32Array(new Float32Array(w.memory.buffer, at, len))
    : new Float64Array(new Float64Array(w.memory.buffer, at, len));
}

/**
 * Runs a kernel on copies in scratch space: the first `srcElements` of `src` are copied in, `run`
 * is given their address and that of `dstElements` more elements of the same type (and past them,
 * `extraBytes` of work space), and those elements are copied out into `dst`.
 *
 * @returns false, with nothing written, when the element types differ or the memory cannot
 * grow that far
 */
export function runOnCopies(
  w: WasmKernels,
  src: TypedArray,
  srcElements: number,
  dst: TypedArray,
  dstElements: number,
  run: (srcAt: number, dstAt: number, extraAt: number) => void,
  extraBytes = 0,
): boolean {
  const f32 = src instanceof Float32Array;
  if (f32 !== dst instanceof Float32Array) return false;
  const size = f32 ? 4 : 8;
  const dstOffset = align16(srcElements * size);
  const extraOffset = align16(dstOffset + dstElements * size);
  const at = scratchAddress(w, extraOffset + extraBytes);
  if (at === undefined) return false;
  const View = f32 ? Float32Array : Float64Array;
  new View(w.memory.buffer, at, srcElements).set(src.subarray(0, srcElements));
  run(at, at + dstOffset, at + extraOffset);
  // A fresh view: run may have grown the memory, which replaces its buffer.
  dst.set(new View(w.memory.buffer, at + dstOffset, dstElements));
  return true;
}

/**
 * The usual `prepare` of an operand made in place (OperandMaker of gemm-wasm.ts): copies `x`, what
 * the operand is made from, to `work` and returns x's share of nonzeros, which is the operand's
 * when the operand reorders x's elements (planes moved last) and an estimate of it when it repeats
 * some of them (an unfolding).
 */
export function copyInAndCount(
  w: WasmKernels,
  work: number,
  x: Float64Array | Float32Array,
): number {
  const len = x.length;
  const f32 = x instanceof Float32Array;
  new (f32 ? Float32Array : Float64Array)(w.memory.buffer, work, len).set(x);
  const nonzero = f32 ? w.countNonzero32(work, len) : w.countNonzero64(work, len);
  return len === 0 ? 0 : nonzero / len;
}

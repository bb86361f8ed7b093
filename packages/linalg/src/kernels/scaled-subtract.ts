import type { TypedArray } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { formatShape, ShapeError } from '../shape-error.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { residentAddress } from './resident.js';
import { scratchAddress } from './scratch.js';
import { scaledSubtractParallel } from './threads.js';
import { wasmKernels } from './wasm-kernels.js';

/**
 * From this many elements on, the WebAssembly loop (two copies in, one out) beats the plain one:
 * for the lecture's W1 (39,200 doubles) about 17 µs against 60 µs on Node 20.
 */
const WASM_MIN_LENGTH = 4096;

/**
 * The readable definition of {@link scaledSubtract}: `p[i] = p[i] − s·g[i]` for every element.
 *
 * @param p - the elements to update, in place
 * @param g - as many elements to subtract, scaled
 * @param s - the scale
 */
export function scaledSubtractReference(p: TypedArray, g: TypedArray, s: number): void {
  for (let i = 0; i < p.length; i++) p[i] = p[i]! - s * g[i]!;
}

/**
 * `p ← p − s·g`, element by element and in place: the step of gradient descent, W ← W − η·dW
 * (경사하강법). Large float64 or float32 arrays go through a WebAssembly SIMD loop (backend
 * `'wasm'`), the rest through `scaledSubtractReference`; both compute in double precision
 * (the product, then the difference, then float32 rounding for a Float32Array), so they give the
 * same numbers bit for bit.
 *
 * @param p - the array to update (a parameter), changed in place
 * @param g - an array of the same shape (its gradient)
 * @param s - the scale (the learning rate), a finite number
 * @returns nothing; `p` holds the result
 * @throws ShapeError when `g`'s shape differs from `p`'s
 * @throws RangeError when `s` is not a finite number
 * @throws TypeError when `p` or `g` is not an NDArray
 * @example
 * ```ts
 * import { array, scaledSubtract } from '@dl/linalg';
 * const W = array([1, 2, 3]);
 * scaledSubtract(W, array([10, 0, -10]), 0.1);
 * W.toArray(); // [0, 2, 4]
 * ```
 */
export function scaledSubtract(p: NDArray, g: NDArray, s: number): void {
  const op = 'scaledSubtract';
  if (!(p instanceof NDArray) || !(g instanceof NDArray)) {
    throw new TypeError(
      `${op}: p and g must be NDArrays; expected two NDArrays, got ${p?.constructor?.name ?? typeof p} and ${g?.constructor?.name ?? typeof g}`,
    );
  }
  if (p.ndim !== g.ndim || p.shape.some((d, i) => d !== g.shape[i])) {
    throw new ShapeError(
      `${op}: g does not match p; expected the same shape, got p=${formatShape(p.shape)}, g=${formatShape(g.shape)}`,
    );
  }
  if (typeof s !== 'number' || !Number.isFinite(s)) {
    throw new RangeError(`${op}: invalid scale; expected a finite number, got ${String(s)}`);
  }
  const n = p.size;
  const pd = p.data;
  const gd = g.data;
  const f64 = pd instanceof Float64Array && gd instanceof Float64Array;
  const f32 = pd instanceof Float32Array && gd instanceof Float32Array;
  if (n >= WASM_MIN_LENGTH && (f64 || f32) && getBackend() === 'wasm') {
    const w = wasmKernels();
    const size = f64 ? 8 : 4;
    // Resident arrays (a network's weights and gradients) are updated where they are; others are
    // copied in (p and g) and p back out.
    const pHome = w ? residentAddress(pd) : undefined;
    const gHome = w ? residentAddress(gd) : undefined;
    const pBytes = pHome === undefined ? align16(size * n) : 0;
    const gBytes = gHome === undefined ? size * n : 0;
    const at = w ? scratchAddress(w, pBytes + gBytes + 16) : undefined;
    if (w && at !== undefined) {
      const pAt = pHome ?? at;
      const gAt = gHome ?? at + pBytes;
      const buf = w.memory.buffer;
      const View = f64 ? Float64Array : Float32Array;
      if (pHome === undefined) new View(buf, pAt, n).set(pd.subarray(0, n));
      if (gHome === undefined) new View(buf, gAt, n).set(gd.subarray(0, n));
      scaledSubtractParallel(w, !f64, n, s, gAt, pAt);
      if (pHome === undefined) pd.set(new View(buf, pAt, n));
      return;
    }
  }
  scaledSubtractReference(pd.subarray(0, n), gd, s);
}

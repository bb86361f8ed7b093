import type { TypedArray } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { formatShape, ShapeError } from '../shape-error.js';
import { align16 } from './align.js';
import { getBackend } from './backend.js';
import { residentAddress } from './resident.js';
import { scratchAddress } from './scratch.js';
import { adamStepParallel } from './threads.js';
import { wasmKernels } from './wasm-kernels.js';

/** From this many elements on, the WebAssembly loop (copies included) beats the plain one. */
const WASM_MIN_LENGTH = 4096;

/** Bytes of scratch space for the step's three doubles, rounded up to a 16-byte boundary. */
const HYPER_BYTES = 32;

/** The numbers of one Adam step: the hyper-parameters and the bias-corrected learning rate. */
export interface AdamStepOptions {
  /** The step's learning rate with the bias corrections folded in: lr·√(1 − β2ᵗ) / (1 − β1ᵗ). */
  lrT: number;
  /** The decay of the first moment m, in [0, 1). */
  beta1: number;
  /** The decay of the second moment v, in [0, 1). */
  beta2: number;
}

/**
 * The readable definition of {@link adamStep}, the book's loop element by element.
 *
 * @param p - the parameter's elements, updated in place
 * @param g - its gradient
 * @param m - the first moment, updated in place
 * @param v - the second moment, updated in place
 * @param options - lrT, beta1, beta2
 */
export function adamStepReference(
  p: TypedArray,
  g: TypedArray,
  m: TypedArray,
  v: TypedArray,
  { lrT, beta1, beta2 }: AdamStepOptions,
): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    m[i] = m[i]! + (1 - beta1) * (gi - m[i]!);
    v[i] = v[i]! + (1 - beta2) * (gi * gi - v[i]!);
    p[i] = p[i]! - (lrT * m[i]!) / (Math.sqrt(v[i]!) + 1e-7);
  }
}

/**
 * One step of Adam for one parameter, in place: `m ← m + (1 − β1)(g − m)`,
 * `v ← v + (1 − β2)(g² − v)`, `p ← p − lrT·m / (√v + 1e-7)`. Large float64 or float32 arrays (all
 * four of one type) go through a WebAssembly SIMD loop (backend `'wasm'`; assembly/adam.ts), the
 * rest through `adamStepReference`; both compute in double precision and round m and v to the
 * arrays' type before p reads them, so they give the same numbers bit for bit.
 *
 * @param p - the parameter, changed in place
 * @param g - its gradient, the same shape
 * @param m - the first moment, the same shape, changed in place
 * @param v - the second moment, the same shape, changed in place
 * @param options - `{ lrT, beta1, beta2 }`, finite numbers
 * @returns nothing; `p`, `m` and `v` hold the result
 * @throws ShapeError when `g`, `m` or `v` has another shape than `p`
 * @throws RangeError when lrT, beta1 or beta2 is not a finite number
 * @throws TypeError when an argument is not an NDArray
 * @example
 * ```ts
 * import { adamStep, array, zeros } from '@dl/linalg';
 * const W = array([1, 2]);
 * const m = zeros([2]);
 * const v = zeros([2]);
 * // The first step: m = 0.1·g, v = 0.001·g², and W moves by lrT·m / (√v + 1e-7).
 * adamStep(W, array([1, -1]), m, v, { lrT: 0.1, beta1: 0.9, beta2: 0.999 });
 * m.toArray(); // [0.1, -0.1] (to rounding)
 * ```
 */
export function adamStep(
  p: NDArray,
  g: NDArray,
  m: NDArray,
  v: NDArray,
  options: AdamStepOptions,
): void {
  const op = 'adamStep';
  const arrays = { p, g, m, v };
  for (const [name, a] of Object.entries(arrays)) {
    if (!(a instanceof NDArray)) {
      throw new TypeError(
        `${op}: ${name} is not an NDArray; expected an NDArray, got ${(a as object | undefined)?.constructor?.name ?? typeof a}`,
      );
    }
    if (a.ndim !== p.ndim || a.shape.some((d, i) => d !== p.shape[i])) {
      throw new ShapeError(
        `${op}: ${name} does not match p; expected the shape ${formatShape(p.shape)}, got ${name}=${formatShape(a.shape)}`,
      );
    }
  }
  for (const key of ['lrT', 'beta1', 'beta2'] as const) {
    const x = options?.[key];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new RangeError(`${op}: invalid ${key}; expected a finite number, got ${String(x)}`);
    }
  }
  const n = p.size;
  const [pd, gd, md, vd] = [p.data, g.data, m.data, v.data];
  const all = (T: typeof Float64Array | typeof Float32Array) =>
    pd instanceof T && gd instanceof T && md instanceof T && vd instanceof T;
  const f64 = all(Float64Array);
  if (n >= WASM_MIN_LENGTH && (f64 || all(Float32Array)) && getBackend() === 'wasm') {
    if (adamStepWasm(f64, n, pd, gd, md, vd, options)) return;
  }
  adamStepReference(pd.subarray(0, n), gd, md, vd, options);
}

/**
 * The WebAssembly path of {@link adamStep}: resident arrays (a network's weights and gradients,
 * and moments made beside them) are used where they are, others copied in, and the updated ones
 * copied back out.
 */
function adamStepWasm(
  f64: boolean,
  n: number,
  pd: TypedArray,
  gd: TypedArray,
  md: TypedArray,
  vd: TypedArray,
  { lrT, beta1, beta2 }: AdamStepOptions,
): boolean {
  const w = wasmKernels();
  if (!w) return false;
  const size = f64 ? 8 : 4;
  const arrays = [pd, gd, md, vd];
  const homes = arrays.map((a) => residentAddress(a));
  const bytes = homes.map((home) => (home === undefined ? align16(size * n) : 0));
  // Scratch space: the three numbers of the step (lrT, 1 − β1, 1 − β2), then the copies.
  const at = scratchAddress(
    w,
    bytes.reduce((s, b) => s + b, HYPER_BYTES),
  );
  if (at === undefined) return false;
  new Float64Array(w.memory.buffer, at, 3).set([lrT, 1 - beta1, 1 - beta2]);
  const View = f64 ? Float64Array : Float32Array;
  let next = at + HYPER_BYTES;
  const addresses = arrays.map((a, i) => {
    const home = homes[i];
    if (home !== undefined) return home;
    const here = next;
    next += bytes[i]!;
    new View(w.memory.buffer, here, n).set(a.subarray(0, n));
    return here;
  });
  const [pAt, gAt, mAt, vAt] = addresses as [number, number, number, number];
  adamStepParallel(w, !f64, n, at, gAt, mAt, vAt, pAt);
  // A fresh view per array: the buffer object is the memory's current one.
  for (const i of [0, 2, 3]) {
    if (homes[i] === undefined) arrays[i]!.set(new View(w.memory.buffer, addresses[i]!, n));
  }
  return true;
}

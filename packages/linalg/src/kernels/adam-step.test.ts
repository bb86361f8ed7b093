import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { NDArray } from '../ndarray.js';
import { adamStep, adamStepReference } from './adam-step.js';
import { setBackend } from './backend.js';
import { allocateResident } from './resident.js';

afterEach(() => {
  setBackend('wasm');
});

type FloatArray = Float64ArrayConstructor | Float32ArrayConstructor;

/** Deterministic values in [-1, 1) from a seed (`positive`: in [0, 1), for v). */
function values(T: FloatArray, n: number, seed: number, positive = false) {
  const x = new T(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = positive ? s / 2 ** 32 : s / 2 ** 31 - 1;
  }
  return x;
}

/** The same elements, resident in the WebAssembly memory (where the kernel uses them in place). */
function residentCopy(a: Float64Array | Float32Array) {
  const r = allocateResident(a instanceof Float32Array ? 'float32' : 'float64', a.length);
  r.set(a);
  return r;
}

describe('adamStep', () => {
  it('agrees with the plain loop bit for bit: both backends, float64 and float32, resident or not', () => {
    fc.assert(
      fc.property(
        // Lengths on both sides of the WebAssembly threshold (4096), with odd tails for the
        // four-float and two-double vectors.
        fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 4090, max: 4110 })),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom('wasm', 'js'),
        fc.constantFrom(Float64Array, Float32Array),
        fc.boolean(),
        (n, lrT, beta1, beta2, seed, backend, T, resident) => {
          setBackend(backend as 'wasm' | 'js');
          const [p, g, m] = [0, 1, 2].map((k) => values(T, n, seed + k));
          const v = values(T, n, seed + 3, true);
          const want = [p, m, v].map((a) => new T(a!)) as [typeof p, typeof m, typeof v];
          adamStepReference(want[0]!, g!, want[1]!, want[2], { lrT, beta1, beta2 });
          // A network's p and g are resident, its moments may not be: the mix is tried too.
          const [P, G] = [p!, g!].map((a) => new NDArray(resident ? residentCopy(a) : a, [n]));
          const M = new NDArray(m!, [n]);
          const V = new NDArray(v, [n]);
          adamStep(P!, G!, M, V, { lrT, beta1, beta2 });
          expect(Array.from(P!.data)).toEqual(Array.from(want[0]!));
          expect(Array.from(M.data)).toEqual(Array.from(want[1]!));
          expect(Array.from(V.data)).toEqual(Array.from(want[2]));
        },
      ),
      { numRuns: 150, seed: 19 },
    );
  });

  it("matches numpy on two steps of the book's Adam (lr 0.01)", () => {
    // numpy 2.4.6, float64, the book's common/optimizer.py: p = [1, −2, 0.5], m = v = 0, then
    // g = [0.3, −0.1, 0] and g = [0.2, 0.4, −1], lr_t = lr·√(1 − 0.999ᵗ) / (1 − 0.9ᵗ).
    // Each array padded to 4,100 elements (past the WebAssembly threshold) with zeros.
    for (const backend of ['wasm', 'js'] as const) {
      setBackend(backend);
      const pad = (xs: number[]) => {
        const a = new Float64Array(4100);
        a.set(xs);
        return new NDArray(a, [4100]);
      };
      const [p, m, v] = [pad([1, -2, 0.5]), pad([]), pad([])];
      for (const [t, g] of [
        [1, [0.3, -0.1, 0]],
        [2, [0.2, 0.4, -1]],
      ] as const) {
        const lrT = (0.01 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
        adamStep(p, pad([...g]), m, v, { lrT, beta1: 0.9, beta2: 0.999 });
      }
      const first = (a: NDArray) => Array.from(a.data.subarray(0, 3));
      const near = (got: number[], want: number[]) => {
        for (const [i, x] of got.entries()) expect(x).toBeCloseTo(want[i]!, 14);
      };
      near(first(p), [0.9802966692614207, -1.9955953082452529, 0.5074413447040717]);
      near(first(m), [0.047, 0.031, -0.1]);
      near(first(v), [0.00012991, 0.00016999, 0.001]);
      expect(p.data[3]).toBe(0); // a zero gradient from zero moments leaves p alone
    }
  });

  it('rejects mismatched shapes, bad numbers and non-arrays with a message', () => {
    const p = new NDArray(new Float64Array(6), [2, 3]);
    const q = new NDArray(new Float64Array(6), [3, 2]);
    const h = { lrT: 0.001, beta1: 0.9, beta2: 0.999 };
    expect(() => adamStep(p, p, q, p, h)).toThrow(
      'adamStep: m does not match p; expected the shape [2, 3], got m=[3, 2]',
    );
    expect(() => adamStep(p, p, p, p, { ...h, beta2: Number.NaN })).toThrow(
      'adamStep: invalid beta2; expected a finite number, got NaN',
    );
    expect(() => adamStep(p, [1] as never, p, p, h)).toThrow(
      'adamStep: g is not an NDArray; expected an NDArray, got Array',
    );
  });
});

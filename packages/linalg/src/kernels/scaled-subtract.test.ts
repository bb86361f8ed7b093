import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { NDArray } from '../ndarray.js';
import { setBackend } from './backend.js';
import { scaledSubtract, scaledSubtractReference } from './scaled-subtract.js';

afterEach(() => {
  setBackend('wasm');
});

/** Deterministic values in [-1, 1) from a seed. */
function values(T: Float64ArrayConstructor | Float32ArrayConstructor, n: number, seed: number) {
  const x = new T(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 2 ** 31 - 1;
  }
  return x;
}

describe('scaledSubtract', () => {
  it('agrees with the plain loop bit for bit, on both backends, float64 and float32', () => {
    fc.assert(
      fc.property(
        // Lengths on both sides of the WebAssembly threshold (4096) and odd tails.
        fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 4090, max: 4110 })),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom('wasm', 'js'),
        fc.constantFrom(Float64Array, Float32Array),
        (n, s, seed, backend, T) => {
          setBackend(backend as 'wasm' | 'js');
          const p = values(T, n, seed);
          const g = values(T, n, seed + 1);
          const want = new T(p);
          scaledSubtractReference(want, g, s);
          const P = new NDArray(p, [n]);
          scaledSubtract(P, new NDArray(g, [n]), s);
          expect(Array.from(P.data)).toEqual(Array.from(want));
        },
      ),
      { numRuns: 120, seed: 21 },
    );
  });

  it("updates the lecture's W1 (784 × 50) in place, as W ← W − η·dW", () => {
    const W = new NDArray(values(Float64Array, 784 * 50, 3), [784, 50]);
    const dW = new NDArray(values(Float64Array, 784 * 50, 4), [784, 50]);
    const before = W.data[123]!;
    const data = W.data;
    scaledSubtract(W, dW, 0.1);
    expect(W.data).toBe(data); // the same array, changed in place
    expect(W.data[123]).toBe(before - 0.1 * dW.data[123]!);
  });

  it('rejects mismatched shapes, a bad scale and non-arrays with a message', () => {
    const p = new NDArray(new Float64Array(6), [2, 3]);
    expect(() => scaledSubtract(p, new NDArray(new Float64Array(6), [3, 2]), 0.1)).toThrow(
      'scaledSubtract: g does not match p; expected the same shape, got p=[2, 3], g=[3, 2]',
    );
    expect(() => scaledSubtract(p, p, Number.NaN)).toThrow(
      'scaledSubtract: invalid scale; expected a finite number, got NaN',
    );
    expect(() => scaledSubtract(p, [1, 2] as never, 0.1)).toThrow(
      'scaledSubtract: p and g must be NDArrays; expected two NDArrays, got NDArray and Array',
    );
  });
});

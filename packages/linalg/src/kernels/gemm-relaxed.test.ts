import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { gemmReference } from './gemm-reference.js';

// The relaxed-SIMD build (fused multiply-add) is what Node 22+ and current browsers run. Node 20
// has it behind a V8 flag, which is switched on here, in this file's own process, so that the
// build is checked against the reference loop on this machine too.
setFlagsFromString('--experimental-wasm-relaxed-simd');

describe('the relaxed-SIMD build', () => {
  it('is chosen where the runtime validates it, and agrees with gemmReference', async () => {
    vi.resetModules();
    const { wasmVariant } = await import('./wasm-kernels.js');
    const { gemmWasm } = await import('./gemm-wasm.js');
    expect(wasmVariant()).toBe('relaxed-simd');
    fc.assert(
      fc.property(
        fc.record({
          m: fc.integer({ min: 1, max: 40 }),
          n: fc.integer({ min: 1, max: 40 }),
          k: fc.integer({ min: 1, max: 300 }),
          transA: fc.boolean(),
          transB: fc.boolean(),
          accumulate: fc.boolean(),
          zeros: fc.constantFrom(0, 0.8),
          f32: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ zeros, f32, seed, ...s }) => {
          let state = seed;
          const next = () => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return state / 2 ** 32;
          };
          const make = (len: number, z: number) => {
            const x = f32 ? new Float32Array(len) : new Float64Array(len);
            for (let i = 0; i < len; i++) x[i] = next() < z ? 0 : 2 * next() - 1;
            return x;
          };
          const a = make(s.m * s.k, zeros);
          const b = make(s.k * s.n, 0);
          const want = make(s.m * s.n, 0);
          const got = f32 ? new Float32Array(want) : new Float64Array(want);
          gemmReference(s, a, b, want);
          expect(gemmWasm(s, a, b, got)).toBe(true);
          // Fused and unfused rounding differ by a few ulps of each term: k·ε·4 covers it.
          const tol = (f32 ? 2e-6 : 1e-14) * s.k * 4;
          for (let i = 0; i < want.length; i++) {
            expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tol);
          }
        },
      ),
      { numRuns: 80, seed: 22 },
    );
  });
});

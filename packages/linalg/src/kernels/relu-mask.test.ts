import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { array } from '../creation.js';
import { NDArray } from '../ndarray.js';
import { ShapeError } from '../shape-error.js';
import { type Backend, getBackend, setBackend } from './backend.js';
import {
  reluWithMask,
  reluWithMaskReference,
  zeroMasked,
  zeroMaskedReference,
} from './relu-mask.js';
import { takeRowsSparse } from './take-rows.js';

const initialBackend = getBackend();
afterEach(() => {
  setBackend(initialBackend);
});

/** From this many elements the WebAssembly loops are used with backend 'wasm' (relu-mask.ts). */
const WASM_MIN_LENGTH = 1024;

/** Element values: ordinary doubles, and the ones a branch-free select could get wrong. */
const element = fc.oneof(
  { weight: 4, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      0,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      1e-40, // a float32 subnormal
      -1e-40,
    ),
  },
);

/** Lengths below, at and above the WebAssembly threshold, including odd ones. */
const length = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: WASM_MIN_LENGTH - 3, max: WASM_MIN_LENGTH + 3 }),
  fc.integer({ min: 1100, max: 2600 }),
);

/** A shape of `n` elements: a matrix when n has a small factor, a vector otherwise. */
function shapeOf(n: number): number[] {
  for (const d of [10, 7, 4, 3, 2]) if (n > d && n % d === 0) return [n / d, d];
  return [n];
}

describe('reluWithMask', () => {
  it('is the lecture’s forward pass on a small example', () => {
    // x = [-1, 0, 2, NaN, -0, -Infinity, Infinity]: elements ≤ 0 (−0 and −∞ included) become +0
    // and are masked; NaN is not ≤ 0 and passes, as in numpy's `out[x <= 0] = 0`.
    const mask = new Uint8Array(7).fill(9);
    const out = reluWithMask(
      array([-1, 0, 2, Number.NaN, -0, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]),
      mask,
    );
    expect(out.toArray()).toEqual([0, 0, 2, Number.NaN, 0, 0, Number.POSITIVE_INFINITY]);
    expect(Object.is(out.get(4), 0)).toBe(true); // +0, not −0
    expect(Array.from(mask)).toEqual([1, 1, 0, 0, 1, 1, 0]);
  });

  it('agrees with reluWithMaskReference for both dtypes and backends, below and above 1024 elements (property)', () => {
    fc.assert(
      fc.property(
        length.chain((n) => fc.array(element, { minLength: n, maxLength: n })),
        fc.boolean(),
        fc.constantFrom<Backend>('wasm', 'js'),
        (values, f32, backend) => {
          expect(setBackend(backend)).toBe(backend);
          const T = f32 ? Float32Array : Float64Array;
          const input = T.from(values);
          const x = new NDArray(input.slice(), shapeOf(values.length));
          const wantOut = new T(values.length);
          const wantMask = new Uint8Array(values.length);
          reluWithMaskReference(input, wantOut, wantMask);

          const mask = new Uint8Array(values.length).fill(0xaa); // overwritten, whatever it held
          const out = reluWithMask(x, mask);
          expect(out.shape).toEqual(x.shape);
          expect(out.dtype).toBe(x.dtype);
          expect(out.data).not.toBe(x.data);
          // toEqual tells +0 from −0 and takes NaN as equal to NaN: bit for bit but for payloads.
          expect(Array.from(out.data)).toEqual(Array.from(wantOut));
          expect(Array.from(mask)).toEqual(Array.from(wantMask));
          expect(Array.from(x.data)).toEqual(Array.from(input)); // x untouched
          for (let i = 0; i < values.length; i++) {
            // The mask is the lecture's `x <= 0`, as 0/1 bytes.
            expect(mask[i]).toBe(input[i]! <= 0 ? 1 : 0);
          }
        },
      ),
      { numRuns: 50, seed: 61 },
    );
  });

  it('takes an array standing on compressed rows (reading its elements)', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const bytes = Uint8Array.from({ length: 40 * 64 }, (_, i) => (i % 5 === 0 ? i % 256 : 0));
    const table = Float64Array.from({ length: 256 }, (_, b) => (b - 100) / 255);
    table[0] = 0; // zero bytes stay zero elements: the batch stands on rows
    const indices = Array.from({ length: 40 }, (_, i) => (i * 3) % 40);
    const x = takeRowsSparse(bytes, 64, indices, table);
    const dense = new NDArray(Float64Array.from(x.data), x.shape);
    const mask = new Uint8Array(x.size);
    const denseMask = new Uint8Array(x.size);
    expect(reluWithMask(x, mask).toArray()).toEqual(reluWithMask(dense, denseMask).toArray());
    expect(Array.from(mask)).toEqual(Array.from(denseMask));
  });

  it('rejects a mask of the wrong length with a ShapeError naming reluWithMask', () => {
    const x = array([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(() => reluWithMask(x, new Uint8Array(5))).toThrow(
      new ShapeError(
        'reluWithMask: mask does not fit; expected a Uint8Array of 6 bytes for shape [2, 3], got 5 bytes',
      ),
    );
    expect(() => reluWithMask(x, new Uint8Array(7))).toThrow(ShapeError);
    expect(() => reluWithMask(x, [0, 0, 0, 0, 0, 0] as never)).toThrow(
      'reluWithMask: mask does not fit; expected a Uint8Array of 6 bytes for shape [2, 3], got 0,0,0,0,0,0',
    );
    // Large arrays are checked before any path is chosen.
    setBackend('wasm');
    expect(() => reluWithMask(new NDArray(new Float64Array(2000)), new Uint8Array(1999))).toThrow(
      'reluWithMask: mask does not fit; expected a Uint8Array of 2000 bytes',
    );
  });
});

describe('zeroMasked', () => {
  it('is the lecture’s backward pass on a small example', () => {
    // dout[mask] = 0: elements 0 and 2 are masked (any nonzero byte masks).
    const mask = new Uint8Array([1, 0, 255, 0]);
    const dout = array([5, 6, 7, Number.NaN]);
    expect(zeroMasked(dout, mask).toArray()).toEqual([0, 6, 0, Number.NaN]);
    expect(Array.from(mask)).toEqual([1, 0, 255, 0]); // read only
    expect(dout.toArray()).toEqual([5, 6, 7, Number.NaN]); // a new array, dout untouched
  });

  it('agrees with zeroMaskedReference for both dtypes and backends, below and above 1024 elements (property)', () => {
    fc.assert(
      fc.property(
        length.chain((n) =>
          fc.tuple(
            fc.array(element, { minLength: n, maxLength: n }),
            // Masks as reluWithMask makes them (0/1) and any other bytes.
            fc.oneof(
              fc.uint8Array({ minLength: n, maxLength: n, min: 0, max: 1 }),
              fc.uint8Array({ minLength: n, maxLength: n }),
            ),
          ),
        ),
        fc.boolean(),
        fc.constantFrom<Backend>('wasm', 'js'),
        ([values, mask], f32, backend) => {
          expect(setBackend(backend)).toBe(backend);
          const T = f32 ? Float32Array : Float64Array;
          const input = T.from(values);
          const dout = new NDArray(input.slice(), shapeOf(values.length));
          const want = new T(values.length);
          zeroMaskedReference(input, mask, want);
          const maskBefore = Array.from(mask);

          const dx = zeroMasked(dout, mask);
          expect(dx.shape).toEqual(dout.shape);
          expect(dx.dtype).toBe(dout.dtype);
          expect(Array.from(dx.data)).toEqual(Array.from(want));
          expect(Array.from(mask)).toEqual(maskBefore);
          expect(Array.from(dout.data)).toEqual(Array.from(input));
        },
      ),
      { numRuns: 50, seed: 62 },
    );
  });

  it('after reluWithMask, passes the gradient exactly where the input was > 0 (or NaN) (property)', () => {
    fc.assert(
      fc.property(
        length.chain((n) =>
          fc.tuple(
            fc.array(element, { minLength: n, maxLength: n }),
            fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }),
          ),
        ),
        fc.constantFrom<Backend>('wasm', 'js'),
        ([xs, gs], backend) => {
          setBackend(backend);
          const mask = new Uint8Array(xs.length);
          reluWithMask(new NDArray(Float64Array.from(xs)), mask);
          const dx = zeroMasked(new NDArray(Float64Array.from(gs)), mask);
          for (let i = 0; i < xs.length; i++) {
            expect(Object.is(dx.data[i], xs[i]! <= 0 ? 0 : gs[i]!)).toBe(true);
          }
        },
      ),
      { numRuns: 30, seed: 63 },
    );
  });

  it('uses only the first size bytes of a mask view into a larger buffer', () => {
    setBackend('wasm');
    const n = 1500;
    const buffer = new Uint8Array(n + 40).fill(1);
    const mask = buffer.subarray(20, 20 + n);
    mask.fill(0);
    mask[0] = 1;
    mask[n - 1] = 1;
    const dx = zeroMasked(new NDArray(new Float32Array(n).fill(2)), mask);
    expect(dx.data[0]).toBe(0);
    expect(dx.data[1]).toBe(2);
    expect(dx.data[n - 2]).toBe(2);
    expect(dx.data[n - 1]).toBe(0);
  });

  it('rejects a mask of the wrong length with a ShapeError naming zeroMasked', () => {
    expect(() => zeroMasked(array([1, 2, 3]), new Uint8Array(2))).toThrow(
      new ShapeError(
        'zeroMasked: mask does not fit; expected a Uint8Array of 3 bytes for shape [3], got 2 bytes',
      ),
    );
    expect(() => zeroMasked(array([1, 2, 3]), new Uint8ClampedArray(3) as never)).toThrow(
      'zeroMasked: mask does not fit; expected a Uint8Array of 3 bytes for shape [3], got 0,0,0',
    );
    setBackend('wasm');
    expect(() => zeroMasked(new NDArray(new Float32Array(4096)), new Uint8Array(4097))).toThrow(
      ShapeError,
    );
  });
});

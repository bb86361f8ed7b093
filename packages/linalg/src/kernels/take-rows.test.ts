import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { setBackend } from './backend.js';
import { takeRows, takeRowsReference } from './take-rows.js';

afterEach(() => {
  setBackend('wasm');
});

const NORMALIZED = Float64Array.from({ length: 256 }, (_, b) => b / 255);

describe('takeRows', () => {
  it('gives the plain loop’s values on both backends, for float64 and float32 tables', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }), // row length: odd sizes leave tails after 16-byte blocks
        fc.integer({ min: 1, max: 30 }), // rows
        fc.integer({ min: 0, max: 120 }), // batch size (large ones take the WebAssembly path)
        fc.double({ min: 0, max: 1, noNaN: true }), // share of zero bytes
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom('wasm', 'js'),
        fc.boolean(),
        (rowLength, rows, n, zeros, seed, backend, f32) => {
          setBackend(backend as 'wasm' | 'js');
          let s = seed;
          const next = () => {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            return s / 2 ** 32;
          };
          const bytes = Uint8Array.from({ length: rows * rowLength }, () =>
            next() < zeros ? 0 : Math.floor(next() * 256),
          );
          const indices = Array.from({ length: n }, () => Math.floor(next() * rows));
          // A table where 0 does not map to 0, so blank blocks must be filled, not skipped.
          const table = f32 ? new Float32Array(256) : new Float64Array(256);
          for (let b = 0; b < 256; b++) table[b] = (b + 0.5) / 255;
          const want = new (f32 ? Float32Array : Float64Array)(n * rowLength);
          takeRowsReference(bytes, rowLength, indices, table, want);
          const got = takeRows(bytes, rowLength, indices, table);
          expect(got).toBeInstanceOf(f32 ? Float32Array : Float64Array);
          expect(Array.from(got)).toEqual(Array.from(want));
        },
      ),
      { numRuns: 150, seed: 31 },
    );
  });

  it('takes 100 MNIST-sized rows with repeats, as b / 255', () => {
    const bytes = new Uint8Array(300 * 784);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] = i % 256;
    const indices = Int32Array.from({ length: 100 }, (_, i) => (i * 37) % 300);
    indices[5] = indices[4]!;
    const x = takeRows(bytes, 784, indices, NORMALIZED);
    expect(x.length).toBe(100 * 784);
    const r = indices[9]!;
    for (let j = 0; j < 784; j++) expect(x[9 * 784 + j]).toBe(bytes[r * 784 + j]! / 255);
    expect(Array.from(x.subarray(5 * 784, 6 * 784))).toEqual(
      Array.from(x.subarray(4 * 784, 5 * 784)),
    );
  });

  it('rejects bad arguments with a message', () => {
    const bytes = new Uint8Array(6);
    expect(() => takeRows(bytes, 4, [0], NORMALIZED)).toThrow(
      'takeRows: invalid rowLength; expected a positive integer dividing 6, got 4',
    );
    expect(() => takeRows(bytes, 2, [0, 3], NORMALIZED)).toThrow(
      'takeRows: index out of range; expected integers in [0, 2], got 3 at position 1',
    );
    expect(() => takeRows(bytes, 2, [0], new Float64Array(10))).toThrow(
      'takeRows: table does not cover every byte; expected 256 entries, got 10',
    );
    expect(() => takeRows([1, 2] as never, 2, [0], NORMALIZED)).toThrow(
      'takeRows: bytes must be a Uint8Array; expected bytes, got Array',
    );
    expect(() => takeRows(bytes, 2, [0], [0] as never)).toThrow(
      'takeRows: table must be a Float64Array or Float32Array; expected 256 floats, got Array',
    );
  });
});

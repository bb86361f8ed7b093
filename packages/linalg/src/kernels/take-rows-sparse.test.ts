import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { NDArray, sparseRowsOf } from '../ndarray.js';
import { type Backend, getBackend, setBackend } from './backend.js';
import { SparseRows } from './sparse-rows.js';
import { takeRows, takeRowsSparse } from './take-rows.js';

const initialBackend = getBackend();
afterEach(() => {
  setBackend(initialBackend);
});

/** Below this many output elements takeRowsSparse makes an ordinary array (take-rows.ts). */
const WASM_MIN_LENGTH = 2048;

const NORMALIZED = Float64Array.from({ length: 256 }, (_, b) => b / 255);

/** Deterministic numbers in [0, 1) from a seed (no global randomness). */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `rows · rowLength` bytes, about a `zeros` share of them 0 (MNIST: about 81%). */
function images(rows: number, rowLength: number, zeros: number, next: () => number): Uint8Array {
  return Uint8Array.from({ length: rows * rowLength }, () =>
    next() < zeros ? 0 : 1 + Math.floor(next() * 255),
  );
}

/**
 * The tables the property runs over. `wild` keeps table[0] = +0 (so the sparse path is taken) but
 * maps other bytes to 0, −0, NaN and ±Infinity: a nonzero byte may still be a zero element.
 */
type TableKind = 'normalized' | 'identity' | 'wild' | 'one' | 'minusZero';
function makeTable(kind: TableKind, f32: boolean): Float64Array | Float32Array {
  const table = f32 ? new Float32Array(256) : new Float64Array(256);
  for (let b = 0; b < 256; b++) table[b] = kind === 'identity' ? b : b / 255;
  if (kind === 'wild') {
    table[1] = 0;
    table[2] = -0;
    table[3] = Number.NaN;
    table[4] = Number.POSITIVE_INFINITY;
    table[5] = Number.NEGATIVE_INFINITY;
    table[255] = -1e30;
  }
  if (kind === 'one') table[0] = 1;
  if (kind === 'minusZero') table[0] = -0;
  return table;
}

/** Whether takeRowsSparse is documented to give an array standing on compressed rows. */
function expectSparse(backend: Backend, length: number, table: Float64Array | Float32Array) {
  return backend === 'wasm' && length >= WASM_MIN_LENGTH && Object.is(table[0], 0);
}

describe('takeRowsSparse', () => {
  it('is takeRows element for element, read through data, get or toArray (property)', () => {
    fc.assert(
      fc.property(
        // Row lengths: odd ones leave tails after the kernel's 64-byte blocks; 64, 128 and 784
        // (MNIST) end on a block boundary or 16 bytes past one.
        fc.oneof(fc.integer({ min: 1, max: 130 }), fc.constantFrom(64, 128, 784)),
        fc.integer({ min: 1, max: 30 }), // rows in the image set
        fc.integer({ min: 0, max: 160 }), // batch size
        fc.constantFrom(true, true, false), // a batch at least as large as the WebAssembly path needs
        fc.double({ min: 0.5, max: 1, noNaN: true }), // share of zero bytes
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.constantFrom<Backend>('wasm', 'wasm', 'js'),
        fc.boolean(),
        fc.constantFrom<TableKind>(
          'normalized',
          'normalized',
          'identity',
          'wild',
          'one',
          'minusZero',
        ),
        fc.constantFrom('random', 'runs'), // runs: consecutive rows, copied in one go
        fc.constantFrom('data', 'get', 'toArray'),
        (rowLength, rows, n0, big, zeros, seed, backend, f32, kind, order, read) => {
          expect(setBackend(backend)).toBe(backend);
          const next = lcg(seed);
          // Big batches start at 2048 elements; the big row lengths keep to small batches.
          const extra = rowLength >= 512 ? n0 % 12 : n0 % 40;
          const n = big ? Math.ceil(WASM_MIN_LENGTH / rowLength) + extra : extra;
          const bytes = images(rows, rowLength, zeros, next);
          const indices: number[] = [];
          while (indices.length < n) {
            if (order === 'random') indices.push(Math.floor(next() * rows));
            else {
              const first = Math.floor(next() * rows);
              const run = 1 + Math.floor(next() * rows);
              for (let i = 0; i < run && indices.length < n; i++) {
                indices.push((first + i) % rows);
              }
            }
          }
          const table = makeTable(kind, f32);
          const want = takeRows(bytes, rowLength, indices, table);
          const x = takeRowsSparse(bytes, rowLength, indices, table);

          expect(x.shape).toEqual([n, rowLength]);
          const sparse = expectSparse(backend, n * rowLength, table);
          const rowsOf = sparseRowsOf(x);
          expect(rowsOf !== undefined).toBe(sparse);
          // size and dtype come from the rows: reading them does not make the dense elements.
          expect(x.size).toBe(n * rowLength);
          expect(x.dtype).toBe(f32 ? 'float32' : 'float64');
          expect(sparseRowsOf(x)).toBe(rowsOf);
          if (rowsOf) {
            // The kernel's rows pass the public constructor's checks, and hold one entry per
            // nonzero byte taken (a byte that the table maps to 0 is still stored).
            expect(
              () =>
                new SparseRows(
                  rowsOf.rows,
                  rowsOf.cols,
                  rowsOf.starts,
                  rowsOf.indices,
                  rowsOf.values,
                ),
            ).not.toThrow();
            let nonzeroBytes = 0;
            for (const r of indices) {
              for (let j = 0; j < rowLength; j++)
                if (bytes[r * rowLength + j] !== 0) nonzeroBytes++;
            }
            expect(rowsOf.nonzeros).toBe(nonzeroBytes);
          }

          if (read === 'get') {
            // get reads the elements first: probe a few, then the whole array below.
            for (let t = 0; t < 5 && n > 0; t++) {
              const i = Math.floor(next() * n);
              const j = Math.floor(next() * rowLength);
              expect(Object.is(x.get(i, j), want[i * rowLength + j])).toBe(true);
            }
          } else if (read === 'toArray') {
            const nested = x.toArray() as number[][];
            expect(nested.length).toBe(n);
            expect(nested.flat()).toEqual(Array.from(want));
          }
          const data = x.data;
          expect(data).toBeInstanceOf(f32 ? Float32Array : Float64Array);
          expect(Array.from(data)).toEqual(Array.from(want));
          expect(x.data).toBe(data); // made once
          expect(sparseRowsOf(x)).toBeUndefined(); // the elements, not the rows, are the array now
        },
      ),
      { numRuns: 60, seed: 51 },
    );
  });

  it('on the WebAssembly path, compresses any batch into rows that give takeRows’ elements (property)', () => {
    expect(setBackend('wasm')).toBe('wasm');
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constantFrom(16, 64, 65, 128, 784)),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }), // share of zero bytes, blank to full
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.boolean(),
        fc.constantFrom<TableKind>('normalized', 'identity', 'wild'),
        (rowLength, rows, extra, zeros, seed, f32, kind) => {
          const next = lcg(seed);
          const bytes = images(rows, rowLength, zeros, next);
          const n = Math.ceil(WASM_MIN_LENGTH / rowLength) + extra;
          const indices = Array.from({ length: n }, () => Math.floor(next() * rows));
          const table = makeTable(kind, f32);
          const x = takeRowsSparse(bytes, rowLength, indices, table);
          const rowsOf = sparseRowsOf(x);
          expect(rowsOf).toBeDefined();
          expect(rowsOf!.values).toBeInstanceOf(f32 ? Float32Array : Float64Array);
          // The rows alone (their own toDense, not through the array) hold the batch.
          const want = takeRows(bytes, rowLength, indices, table);
          expect(Array.from(rowsOf!.toDense())).toEqual(Array.from(want));
          expect(x.data).toBe(rowsOf!.toDense());
        },
      ),
      { numRuns: 40, seed: 52 },
    );
  });

  it('stands on compressed rows exactly when the WebAssembly path applies', () => {
    const next = lcg(7);
    const bytes = images(40, 64, 0.8, next);
    const batch = (n: number) => Array.from({ length: n }, (_, i) => (i * 7) % 40);
    const f32 = Float32Array.from(NORMALIZED);

    expect(setBackend('wasm')).toBe('wasm');
    expect(sparseRowsOf(takeRowsSparse(bytes, 64, batch(32), NORMALIZED))).toBeDefined(); // 2048
    expect(sparseRowsOf(takeRowsSparse(bytes, 64, batch(32), f32))).toBeDefined();
    // One element short of 2048: the copies into WebAssembly do not pay, an ordinary array.
    expect(sparseRowsOf(takeRowsSparse(bytes.subarray(0, 2047), 2047, [0], NORMALIZED))).toBe(
      undefined,
    );
    expect(sparseRowsOf(takeRowsSparse(bytes, 64, batch(31), NORMALIZED))).toBeUndefined();
    // table[0] = 1: a zero byte is not a zero element. table[0] = −0: the dense array holds −0
    // there, which the rows (where absent elements read +0) could not give back.
    for (const first of [1, -0]) {
      const table = Float64Array.from(NORMALIZED);
      table[0] = first;
      const x = takeRowsSparse(bytes, 64, batch(32), table);
      expect(sparseRowsOf(x)).toBeUndefined();
      expect(Array.from(x.data)).toEqual(Array.from(takeRows(bytes, 64, batch(32), table)));
    }

    setBackend('js');
    const x = takeRowsSparse(bytes, 64, batch(32), NORMALIZED);
    expect(sparseRowsOf(x)).toBeUndefined();
    expect(x.shape).toEqual([32, 64]);
  });

  it('keeps −0 where table[0] = −0 (the dense array, not rows that would read +0)', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const table = Float64Array.from(NORMALIZED);
    table[0] = -0;
    const bytes = new Uint8Array(40 * 64); // all zero bytes
    const x = takeRowsSparse(
      bytes,
      64,
      Array.from({ length: 40 }, (_, i) => i),
      table,
    );
    expect(Object.is(x.get(3, 17), -0)).toBe(true);
  });

  it('takes 100 MNIST-sized rows with repeats, as b / 255, standing on about a fifth of the pixels', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const bytes = new Uint8Array(300 * 784);
    // Every 5th pixel lit (value 1..255): 20% nonzero, as MNIST's 19%.
    for (let i = 0; i < bytes.length; i += 5) bytes[i] = 1 + (i % 255);
    const indices = Int32Array.from({ length: 100 }, (_, i) => (i * 37) % 300);
    indices[5] = indices[4]!;
    const x = takeRowsSparse(bytes, 784, indices, NORMALIZED);
    const rows = sparseRowsOf(x);
    expect(rows).toBeDefined();
    // 784 = 5·156 + 4: a row starting at a multiple of 5 (784·r ≡ 4r mod 5) has 157 or 156 lit
    // pixels; the exact total is the count of nonzero bytes over the taken rows.
    let lit = 0;
    for (const r of indices) for (let j = 0; j < 784; j++) if (bytes[r * 784 + j]) lit++;
    expect(rows!.nonzeros).toBe(lit);
    expect(lit / (100 * 784)).toBeCloseTo(0.2, 2);
    const r = indices[9]!;
    for (let j = 0; j < 784; j++) expect(x.get(9, j)).toBe(bytes[r * 784 + j]! / 255);
    expect(Array.from(x.data.subarray(5 * 784, 6 * 784))).toEqual(
      Array.from(x.data.subarray(4 * 784, 5 * 784)),
    );
  });

  it('gives the documentation example’s values', () => {
    const images1 = new Uint8Array(3 * 64);
    images1[64 + 5] = 255; // image 1 has one white pixel
    const x = takeRowsSparse(images1, 64, [1, 0], NORMALIZED);
    expect(x.shape).toEqual([2, 64]);
    expect(x.get(0, 5)).toBe(1);
    expect(x.get(1, 5)).toBe(0);
  });

  it('makes an empty [0, rowLength] array for an empty batch', () => {
    const x = takeRowsSparse(new Uint8Array(6), 3, [], NORMALIZED);
    expect(x.shape).toEqual([0, 3]);
    expect(x.size).toBe(0);
  });

  it('rejects bad arguments with takeRows’ messages, naming takeRowsSparse', () => {
    const bytes = new Uint8Array(6);
    expect(() => takeRowsSparse(bytes, 4, [0], NORMALIZED)).toThrow(
      new RangeError(
        'takeRowsSparse: invalid rowLength; expected a positive integer dividing 6, got 4',
      ),
    );
    expect(() => takeRowsSparse(bytes, 0, [0], NORMALIZED)).toThrow(
      'takeRowsSparse: invalid rowLength; expected a positive integer dividing 6, got 0',
    );
    expect(() => takeRowsSparse(bytes, 1.5, [0], NORMALIZED)).toThrow(
      'takeRowsSparse: invalid rowLength',
    );
    expect(() => takeRowsSparse(bytes, 2, [0, 3], NORMALIZED)).toThrow(
      new RangeError(
        'takeRowsSparse: index out of range; expected integers in [0, 2], got 3 at position 1',
      ),
    );
    expect(() => takeRowsSparse(bytes, 2, [-1], NORMALIZED)).toThrow(
      'takeRowsSparse: index out of range; expected integers in [0, 2], got -1 at position 0',
    );
    expect(() => takeRowsSparse(bytes, 2, [0.5], NORMALIZED)).toThrow(
      'takeRowsSparse: index out of range; expected integers in [0, 2], got 0.5 at position 0',
    );
    expect(() => takeRowsSparse(bytes, 2, [0], new Float64Array(10))).toThrow(
      new RangeError(
        'takeRowsSparse: table does not cover every byte; expected 256 entries, got 10',
      ),
    );
    expect(() => takeRowsSparse([1, 2] as never, 2, [0], NORMALIZED)).toThrow(
      new TypeError('takeRowsSparse: bytes must be a Uint8Array; expected bytes, got Array'),
    );
    expect(() => takeRowsSparse(bytes, 2, [0], [0] as never)).toThrow(
      new TypeError(
        'takeRowsSparse: table must be a Float64Array or Float32Array; expected 256 floats, got Array',
      ),
    );
    // The checks come before any path is chosen: a large batch is checked the same way.
    expect(setBackend('wasm')).toBe('wasm');
    expect(() =>
      takeRowsSparse(new Uint8Array(64 * 64), 64, [...Array(40).fill(0), 64], NORMALIZED),
    ).toThrow(
      'takeRowsSparse: index out of range; expected integers in [0, 63], got 64 at position 40',
    );
  });

  it('is a dense array like any other once its data is read: writes stick', () => {
    expect(setBackend('wasm')).toBe('wasm');
    const bytes = images(32, 64, 0.8, lcg(3));
    const x = takeRowsSparse(
      bytes,
      64,
      Array.from({ length: 32 }, (_, i) => i),
      NORMALIZED,
    );
    expect(sparseRowsOf(x)).toBeDefined();
    x.set(2, 3, 42);
    expect(x.get(2, 3)).toBe(42);
    expect(x.data[2 * 64 + 3]).toBe(42);
    expect(sparseRowsOf(x)).toBeUndefined();
    // A copy of the elements is an ordinary array with the same values.
    const y = new NDArray(x.data.slice(), x.shape);
    expect(y.toArray()).toEqual(x.toArray());
  });
});

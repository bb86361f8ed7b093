import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { NDArray } from '../ndarray.js';
import { type Backend, getBackend, setBackend } from './backend.js';
import { getThreads, setThreads } from './threads.js';
import { transposeBatches, transposeBatchesReference } from './transpose.js';

// The batched transpose (transpose.ts, assembly/transpose.ts) against its readable loop. The
// WebAssembly kernel moves 4 × 4 blocks and ends a side that is not a multiple of 4 with a block
// moved back to overlap the one before it; matrices with a side below 4 go element by element.
// So the sizes here are chosen around those edges: sides 1–3, 4–9, just off a multiple of 4, and
// the convolution layers' own. The same on worker threads: threads.test.ts.

const initialBackend = getBackend();
const initialThreads = getThreads();
afterEach(() => {
  setBackend(initialBackend);
  setThreads(initialThreads);
});

/** From this many elements the WebAssembly kernel is used with backend 'wasm' (transpose.ts). */
const WASM_MIN_ELEMENTS = 2048;

/** Values a move could get wrong if it went through arithmetic: NaN, −0, infinities, subnormals. */
const SPECIALS = [
  Number.NaN,
  -0,
  0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  1e-40, // a float32 subnormal
  -3.4e38,
];

/** `n` values from `seed`: about one in four special, the rest ordinary numbers of any sign. */
function valuesFrom(seed: number, n: number, f32: boolean): Float32Array | Float64Array {
  const out = f32 ? new Float32Array(n) : new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let k = 0; k < n; k++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[k] = s % 4 === 0 ? SPECIALS[(s >>> 8) % SPECIALS.length]! : (s / 2 ** 31 - 1) * 1e3;
  }
  return out;
}

/** Fails at the first element whose bytes differ, naming its place in the transposed matrices. */
function expectSameBytes(
  got: Float32Array | Float64Array,
  want: Float32Array | Float64Array,
  rows: number,
  cols: number,
  what: string,
): void {
  const g = new Uint8Array(got.buffer, got.byteOffset, got.byteLength);
  const w = new Uint8Array(want.buffer, want.byteOffset, want.byteLength);
  expect(g.length, `${what}: length`).toBe(w.length);
  const size = got.BYTES_PER_ELEMENT;
  for (let k = 0; k < g.length; k++) {
    if (g[k] !== w[k]) {
      const e = Math.floor(k / size);
      const b = Math.floor(e / (rows * cols));
      const j = Math.floor((e % (rows * cols)) / rows);
      const i = e % rows;
      expect.fail(
        `${what}: out[${b}][${j}][${i}] (element ${e}) differs: got ${got[e]}, want ${want[e]}`,
      );
    }
  }
}

/** A side: below 4 (no whole block), just around multiples of 4, or the layers' long sides. */
const side = fc.oneof(
  fc.integer({ min: 1, max: 3 }),
  fc.integer({ min: 4, max: 9 }),
  fc.integer({ min: 10, max: 40 }),
  fc.constantFrom(30, 31, 33, 63, 64, 65, 144, 145, 255, 256, 257, 576),
);

/** A case: sides, dtype, seed, and batches enough to pass `minElements` (at most ~300,000). */
function caseArb(minElements: number) {
  return fc
    .record({
      rows: side,
      cols: side,
      f32: fc.boolean(),
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      extra: fc.integer({ min: 0, max: 2 }),
    })
    .map((c) => {
      const matrix = c.rows * c.cols;
      const batches = Math.max(1, Math.ceil(minElements / matrix)) + c.extra;
      return { ...c, batches: Math.min(batches, Math.max(1, Math.floor(300_000 / matrix))) };
    });
}

/** transposeBatches on a case, into an array filled first with a value the source never has. */
function run(c: { rows: number; cols: number; f32: boolean; seed: number; batches: number }) {
  const n = c.batches * c.rows * c.cols;
  const src = valuesFrom(c.seed, n, c.f32);
  const before = Buffer.from(src.slice().buffer);
  const got = (c.f32 ? new Float32Array(n) : new Float64Array(n)).fill(7.25);
  const want = (c.f32 ? new Float32Array(n) : new Float64Array(n)).fill(-7.25);
  transposeBatches(src, got, c.batches, c.rows, c.cols);
  transposeBatchesReference(src, want, c.batches, c.rows, c.cols);
  const label = `${c.batches} × ${c.rows} × ${c.cols} ${c.f32 ? 'float32' : 'float64'}`;
  expectSameBytes(got, want, c.rows, c.cols, label);
  expect(Buffer.compare(Buffer.from(src.buffer), before), `${label}: the source kept`).toBe(0);
}

describe('transposeBatches', () => {
  it('is the definition on a small example, both dtypes and backends', () => {
    for (const backend of ['wasm', 'js'] as Backend[]) {
      setBackend(backend);
      for (const T of [Float32Array, Float64Array]) {
        // Two 2 × 3 matrices; out[b][j][i] = src[b][i][j].
        const out = new T(12);
        transposeBatches(T.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), out, 2, 2, 3);
        expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6, 7, 10, 8, 11, 9, 12]);
      }
    }
  });

  it('on the WebAssembly kernel equals transposeBatchesReference byte for byte, edge sizes, NaN and −0 (property)', () => {
    setBackend('wasm');
    setThreads(1);
    fc.assert(
      fc.property(caseArb(WASM_MIN_ELEMENTS), (c) => run(c)),
      { numRuns: 150 },
    );
  });

  it('equals transposeBatchesReference below the WebAssembly threshold and on the js backend (property)', () => {
    fc.assert(
      fc.property(caseArb(1), fc.constantFrom<Backend>('wasm', 'js'), (c, backend) => {
        setBackend(backend);
        run(c);
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['forward', [100, 576, 30]],
    ['backward', [100, 30, 576]],
    ['pooling forward', [100, 144, 30]],
    ['pooling backward', [100, 30, 144]],
  ] as const)('%s %j through NDArray.transpose(0, 2, 1), both dtypes', (_, shape) => {
    setBackend('wasm');
    const [batches, rows, cols] = shape;
    for (const f32 of [true, false]) {
      const src = valuesFrom(batches + rows + cols, batches * rows * cols, f32);
      const want = f32 ? new Float32Array(src.length) : new Float64Array(src.length);
      transposeBatchesReference(src, want, batches, rows, cols);
      const got = new NDArray(src, [...shape]).transpose(0, 2, 1);
      expect(got.shape).toEqual([batches, cols, rows]);
      expectSameBytes(got.data as Float32Array | Float64Array, want, rows, cols, `${shape}`);
    }
  });
});

// Fuzzing the IDX and PNG readers (issue 16): truncations, bit flips (for PNG with the CRCs
// recomputed, so the flips reach the decoder), huge declared sizes and values that are not bytes.
// Each case must return or throw a FormatError (TypeError for non-bytes) within 1 s and without
// allocating more than 64 MB: a header's claim is never allocated.
import { performance } from 'node:perf_hooks';
import { FormatError, NDArray } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromPng, readIdx, toPng, writeIdx } from '../src/index.js';
import { craftPng, fixCrcs } from './craft-png.js';

const RUNS = 2000;
const SEED = 16;
const LIMIT_MS = 1000;
const LIMIT_BYTES = 64 * 2 ** 20;

/** '' when `run` returned or threw a FormatError within the bounds; what went wrong otherwise. */
function misbehaviour(run: () => unknown): string {
  const heap = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  let problem = '';
  try {
    run();
  } catch (e) {
    if (!(e instanceof FormatError)) problem = `${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
  const elapsed = performance.now() - t0;
  if (elapsed > LIMIT_MS) problem += ` (${elapsed.toFixed(0)} ms)`;
  const grown = process.memoryUsage().arrayBuffers - heap;
  if (grown > LIMIT_BYTES) problem += ` (${grown} bytes allocated)`;
  return problem;
}

const flips = (length: number) =>
  fc.array(fc.tuple(fc.nat(length - 1), fc.integer({ min: 0, max: 7 })), {
    minLength: 1,
    maxLength: 8,
  });
const flipped = (bytes: Uint8Array, at: [number, number][]): Uint8Array => {
  const out = bytes.slice();
  for (const [i, bit] of at) out[i]! ^= 1 << bit;
  return out;
};
const u32 = fc.oneof(fc.constantFrom(0, 1, 2 ** 31, 2 ** 32 - 1), fc.nat());

const idxFiles = [
  writeIdx({ type: 'uint8', dims: [3, 4, 4], data: new Uint8Array(48).map((_, i) => i) }),
  writeIdx({ type: 'float32', dims: [5], data: new Float32Array([1, 2, 3, 4, 5]) }),
  writeIdx({ type: 'int16', dims: [2, 3], data: new Int16Array(6) }),
];
const pngFiles = [
  toPng(
    new NDArray(
      Float64Array.from({ length: 28 * 28 }, (_, i) => i % 256),
      [28, 28],
    ),
    {
      range: 255,
    },
  ),
  craftPng({ width: 3, height: 3, interlace: 1, raw: new Uint8Array(15) }),
  craftPng({ width: 4, height: 2, bitDepth: 16, raw: new Uint8Array(2 * 9) }),
  craftPng({ width: 2, height: 2, colorType: 6, raw: new Uint8Array(18) }),
];

/** IDX: truncate, flip, or claim a huge dimension. */
const idxMutant = fc.oneof(
  ...idxFiles.map((f) =>
    fc.oneof(
      fc.nat(f.length - 1).map((n) => f.slice(0, n)),
      flips(f.length).map((at) => flipped(f, at)),
      fc.tuple(fc.nat(f[3]! - 1), u32).map(([dim, size]) => {
        const out = f.slice();
        new DataView(out.buffer).setUint32(4 + 4 * dim, size, false);
        return out;
      }),
    ),
  ),
);

/** PNG: truncate, flip (CRCs fixed or not), or claim any width and height (CRC fixed). */
const pngMutant = fc.oneof(
  ...pngFiles.map((f) =>
    fc.oneof(
      fc.nat(f.length - 1).map((n) => f.slice(0, n)),
      fc.tuple(flips(f.length), fc.boolean()).map(([at, fix]) => {
        const out = flipped(f, at);
        return fix ? fixCrcs(out) : out;
      }),
      fc.tuple(u32, u32).map(([w, h]) => {
        const out = f.slice();
        const view = new DataView(out.buffer);
        view.setUint32(16, w);
        view.setUint32(20, h);
        return fixCrcs(out);
      }),
    ),
  ),
);

describe('fuzzing the byte readers', () => {
  for (const [name, read, mutant] of [
    ['readIdx', readIdx, idxMutant],
    ['fromPng', fromPng, pngMutant],
  ] as const) {
    it(`${name}: ${RUNS} hostile files, each a result or a FormatError within bounds`, () => {
      const seen: string[] = [];
      fc.assert(
        fc.property(mutant, (bytes) => {
          const problem = misbehaviour(() => read(bytes));
          if (problem) seen.push(problem);
          return problem === '';
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(seen).toEqual([]);
      for (const value of [null, undefined, 'x.png', 7, [1, 2], new ArrayBuffer(8)]) {
        expect(() => read(value as unknown as Uint8Array)).toThrow(TypeError);
      }
    });
  }
});

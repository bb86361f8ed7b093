// Fuzzing the model and checkpoint readers (issue 16): truncations, bit flips with the checksum
// recomputed (a checksum is no signature), headers rewritten with huge sizes, deep nesting and
// wrong types, and values that are not bytes at all. Every case must end in a result or a
// FormatError/TypeError, within the harness's time and memory bound: never a crash, a hang or
// an allocation of what a header claims.
import { Adam } from '@dl/layers';
import { array, createRng, FormatError } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arraySource,
  decodeCheckpoint,
  decodeModel,
  encodeCheckpoint,
  encodeModel,
  MultiLayerNet,
  SimpleNetwork,
  Trainer,
} from '../src/index.js';
import { NOT_BYTES, tryParse } from './fuzz-harness.js';
import { reseal, sealTensorFile } from './seal.js';

/** Cases per parser: a few thousand, a couple of seconds each. */
const RUNS = 2000;
const SEED = 16; // fixed, so a failure is reproducible (fast-check prints the counterexample)

const model = encodeModel(
  new SimpleNetwork({ inputSize: 6, hiddenSize: 4, outputSize: 3, rng: createRng(1) }),
  { testAccuracy: 0.5 },
);
const deepModel = encodeModel(
  new MultiLayerNet({ inputSize: 3, hiddenSizeList: [4, 2], outputSize: 2, rng: createRng(2) }),
);
const checkpoint = await (async () => {
  const data = arraySource(
    array([
      [1, 0],
      [0, 1],
    ]),
    array([1, 0]),
  );
  const rng = createRng(3);
  const network = new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng });
  const optimizer = new Adam({ lr: 0.01 });
  const trainer = new Trainer({ network, train: data, test: data, rng, optimizer, iterations: 3 });
  await trainer.run();
  return encodeCheckpoint(network, trainer.getState(), { seed: 3 });
})();

/** The JSON header of a tensor file, parsed. */
function headerOf(bytes: Uint8Array): Record<string, unknown> {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  return JSON.parse(Buffer.from(bytes.subarray(48, 48 + length)).toString('utf8'));
}

/** The data section (after the header and its padding). */
function dataOf(bytes: Uint8Array): Uint8Array {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  return bytes.subarray(48 + length + ((8 - (length % 8)) % 8));
}

/** Hostile values to put anywhere in a header. */
const hostile = fc.oneof(
  fc.constantFrom(
    null,
    -1,
    0,
    0.5,
    2 ** 31,
    2 ** 32 + 1,
    1e9,
    1e308,
    'NaN',
    '',
    [],
    {},
    true,
    [20_000, 20_000],
    { $tensor: 'W1' },
    { $typed: 'nothing' },
    { $number: 'Infinity' },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  // deep nesting, spliced into the text after JSON.stringify (which would itself overflow)
  fc.integer({ min: 65, max: 20_000 }).map((depth) => `$deep:${depth}`),
);

/** The header as text, each `"$deep:n"` turned into arrays nested n deep. */
function headerText(header: unknown): string {
  return JSON.stringify(header).replace(/"\$deep:(\d+)"/g, (_, n: string) => {
    const depth = Number(n);
    return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  });
}

/** Replaces the value at a random place in a JSON value (or adds a key there). */
function rewrite(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const [step, ...rest] = path as [number, ...number[]];
  if (Array.isArray(value)) {
    if (value.length === 0) return [replacement];
    const i = step % value.length;
    return value.map((v, j) => (j === i ? rewrite(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return { x: replacement };
  const key = keys[step % keys.length]!;
  return { ...value, [key]: rewrite((value as Record<string, unknown>)[key], rest, replacement) };
}

/** One hostile file made from a valid one. */
function mutant(base: Uint8Array) {
  return fc.oneof(
    // truncation
    fc.integer({ min: 0, max: base.length - 1 }).map((n) => base.slice(0, n)),
    // 1 to 8 bit flips anywhere, the checksum recomputed so that the checks behind it are reached
    fc
      .array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 7 })), {
        minLength: 1,
        maxLength: 8,
      })
      .chain((flips) =>
        fc.boolean().map((fix) => {
          const out = base.slice();
          for (const [at, bit] of flips) out[at]! ^= 1 << bit;
          return fix ? reseal(out) : out;
        }),
      ),
    // the header rewritten at a random place (sizes, shapes, offsets, state), checksum valid
    fc
      .tuple(fc.array(fc.nat(), { maxLength: 6 }), hostile, fc.boolean())
      .map(([path, value, keepData]) =>
        sealTensorFile(
          headerText(rewrite(headerOf(base), path, value)),
          keepData ? dataOf(base) : new Uint8Array(0),
        ),
      ),
    // a header that declares a huge network and no (or too few) tensors
    fc
      .tuple(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: 2 ** 31 }))
      .map(([inputSize, hiddenSize]) => {
        const header = headerOf(base);
        header['architecture'] = {
          type: 'SimpleNetwork',
          inputSize,
          hiddenSize,
          outputSize: 10,
          weightInitStd: 0.01,
        };
        return sealTensorFile(JSON.stringify(header), dataOf(base));
      }),
    // random bytes behind the right magic, length and version
    fc.uint8Array({ maxLength: 300 }).map((tail) => {
      const out = new Uint8Array(48 + tail.length);
      out.set(base.subarray(0, 16));
      out.set(tail, 48);
      return reseal(out);
    }),
  );
}

function fuzz(name: string, decode: (bytes: Uint8Array) => unknown, bases: Uint8Array[]): void {
  it(`${name}: ${RUNS} hostile files, each a result or a typed error within bounds`, () => {
    const failures: string[] = [];
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(...bases.map(mutant)), (bytes) => {
        const outcome = tryParse(() => decode(bytes), [FormatError]);
        if (outcome.what !== 'returned') refused++;
        if (!outcome.ok) failures.push(outcome.what);
        return outcome.ok;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(failures).toEqual([]);
    // Nearly every mutant is invalid; a handful (a flip in the metadata) may still decode.
    expect(refused).toBeGreaterThan(RUNS * 0.9);
    for (const value of NOT_BYTES) {
      const outcome = tryParse(() => decode(value as Uint8Array), [TypeError]);
      expect(outcome).toEqual({ ok: true, what: expect.stringMatching(/^TypeError: /) });
    }
  });
}

describe('fuzzing the file readers', () => {
  fuzz('decodeModel', decodeModel, [model, deepModel]);
  fuzz('decodeCheckpoint', decodeCheckpoint, [checkpoint]);
});

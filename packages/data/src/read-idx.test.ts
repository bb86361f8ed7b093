import { FormatError } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIdx } from './read-idx.js';
import { writeIdx } from './write-idx.js';

// Fixture bytes below were made with python3's struct module, e.g.
// struct.pack('>4B2I', 0, 0, 0x0b, 2, 2, 2) + struct.pack('>4h', 1, -2, 300, -32768).
describe('readIdx', () => {
  it('reads unsigned bytes without copying them', () => {
    const bytes = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255]);
    const a = readIdx(bytes);
    expect(a.type).toBe('uint8');
    expect(a.dims).toEqual([2, 3]);
    expect(a.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4, 5, 255]);
    expect(a.data.buffer).toBe(bytes.buffer);
  });

  it('reads signed bytes', () => {
    const a = readIdx(new Uint8Array([0, 0, 9, 1, 0, 0, 0, 2, 0xff, 0x80]));
    expect(a.type).toBe('int8');
    expect(Array.from(a.data)).toEqual([-1, -128]);
  });

  it('reads big-endian int16, int32, float32 and float64', () => {
    const i16 = readIdx(
      new Uint8Array([0, 0, 11, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 1, 255, 254, 1, 44, 128, 0]),
    );
    expect(i16).toEqual({
      dims: [2, 2],
      type: 'int16',
      data: new Int16Array([1, -2, 300, -32768]),
    });
    const i32 = readIdx(
      new Uint8Array([0, 0, 12, 1, 0, 0, 0, 2, 255, 255, 255, 255, 0, 1, 17, 112]),
    );
    expect(i32.data).toEqual(new Int32Array([-1, 70000]));
    const f32 = readIdx(new Uint8Array([0, 0, 13, 1, 0, 0, 0, 2, 63, 192, 0, 0, 190, 128, 0, 0]));
    expect(f32.data).toEqual(new Float32Array([1.5, -0.25]));
    const f64 = readIdx(new Uint8Array([0, 0, 14, 1, 0, 0, 0, 1, 64, 9, 33, 251, 84, 68, 45, 24]));
    expect(f64.data[0]).toBeCloseTo(Math.PI, 15);
  });

  it('reads a view into a larger buffer (a Buffer slice) at its own offset', () => {
    const whole = new Uint8Array([9, 9, 9, 0, 0, 8, 1, 0, 0, 0, 2, 7, 6]);
    expect(Array.from(readIdx(whole.subarray(3)).data)).toEqual([7, 6]);
  });

  it('names the file and the problem: bad magic number', () => {
    expect(() => readIdx(new Uint8Array([1, 2, 8, 1, 0, 0, 0, 0]), 'x.idx')).toThrow(
      new FormatError(
        'readIdx(x.idx): bad magic number; expected two zero bytes then a type byte and a dimension count (e.g. 0x00000803), got 0x01020801',
      ),
    );
  });

  it('names the file and the problem: unknown type byte', () => {
    expect(() => readIdx(new Uint8Array([0, 0, 0x0a, 1, 0, 0, 0, 0]), 'f')).toThrow(
      'readIdx(f): unknown element type; expected a type byte of 0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e, got 0x0a',
    );
  });

  it('names the file and the problem: truncated header', () => {
    expect(() => readIdx(new Uint8Array([0, 0]), 'labels')).toThrow(
      'readIdx(labels): truncated header; expected at least 4 bytes for the magic number, got 2',
    );
    expect(() => readIdx(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0]), 'images')).toThrow(
      'readIdx(images): truncated header; expected 16 bytes for 3 dimension sizes, got 10',
    );
  });

  it('names the file and the problem: truncated data and extra bytes', () => {
    const good = writeIdx({ dims: [4, 2, 2], data: new Uint8Array(16) });
    expect(() => readIdx(good.subarray(0, good.length - 5), 'train-images-idx3-ubyte')).toThrow(
      'readIdx(train-images-idx3-ubyte): truncated data; expected [4, 2, 2] × 1 byte(s) of uint8 = 16 bytes after the 16-byte header, got 11',
    );
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expect(() => readIdx(longer)).toThrow(
      'readIdx(IDX data): data size does not match the dimensions; expected [4, 2, 2] × 1 byte(s) of uint8 = 16 bytes after the 16-byte header, got 17',
    );
  });

  it('rejects a header that claims gigabytes without allocating them', () => {
    // 255 dimensions of 2^32 − 1 each: the product is Infinity, the file is 1,024 bytes
    const bytes = new Uint8Array(4 + 4 * 255).fill(0xff);
    bytes.set([0, 0, 0x0e, 255]);
    expect(() => readIdx(bytes, 'liar')).toThrow(
      /readIdx\(liar\): truncated data; .*more than 2\^53/,
    );
    const big = new Uint8Array([
      0, 0, 8, 3, 0, 0xff, 0xff, 0xff, 0, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 1,
    ]);
    expect(() => readIdx(big)).toThrow(FormatError);
  });

  it('throws a TypeError for something that is not bytes', () => {
    expect(() => readIdx([0, 0, 8, 0] as unknown as Uint8Array)).toThrow(
      'readIdx: bytes are not a Uint8Array; expected the file',
    );
  });

  it('returns a valid array or throws FormatError for any random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, zeroMagic) => {
        // half the cases get a valid-looking magic so the header checks are reached
        if (zeroMagic && bytes.length >= 2) bytes.set([0, 0]);
        checkOutcome(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('returns a valid array or throws FormatError for mutated valid files (property)', () => {
    const file = fc
      .record({
        dims: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
        type: fc.constantFrom('uint8', 'int8', 'int16', 'int32', 'float32', 'float64' as const),
      })
      .map(({ dims, type }) => {
        const n = dims.reduce((p, d) => p * d, 1);
        const make = {
          uint8: Uint8Array,
          int8: Int8Array,
          int16: Int16Array,
          int32: Int32Array,
          float32: Float32Array,
          float64: Float64Array,
        }[type];
        return writeIdx({ dims, data: new make(n) });
      });
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('set' as const),
        at: fc.nat(),
        value: fc.integer({ min: 0, max: 255 }),
      }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
      fc.record({
        kind: fc.constant('grow' as const),
        at: fc.nat({ max: 8 }),
        value: fc.constant(0),
      }),
    );
    fc.assert(
      fc.property(file, fc.array(mutation, { maxLength: 4 }), (bytes, mutations) => {
        let b = bytes;
        for (const m of mutations) {
          if (m.kind === 'set' && b.length > 0) {
            b = b.slice();
            b[m.at % b.length] = m.value;
          } else if (m.kind === 'cut') {
            b = b.subarray(0, m.at % (b.length + 1));
          } else if (m.kind === 'grow') {
            const g = new Uint8Array(b.length + m.at);
            g.set(b);
            b = g;
          }
        }
        checkOutcome(b);
      }),
      { numRuns: 2000 },
    );
  });
});

/** readIdx either returns an array consistent with the bytes, or throws FormatError. */
function checkOutcome(bytes: Uint8Array): void {
  let result: ReturnType<typeof readIdx>;
  try {
    result = readIdx(bytes, 'fuzz');
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    expect((e as Error).message).toMatch(/^readIdx\(fuzz\): /);
    return;
  }
  const count = result.dims.reduce((p, d) => p * d, 1);
  expect(result.data.length).toBe(count);
  expect(4 + 4 * result.dims.length + result.data.byteLength).toBe(bytes.length);
}

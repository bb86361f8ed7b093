import { ShapeError } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdxData, IdxType } from './idx-array.js';
import { readIdx } from './read-idx.js';
import { writeIdx } from './write-idx.js';

describe('writeIdx', () => {
  it('writes the header and big-endian elements', () => {
    // expected bytes: struct.pack('>4B2I', 0, 0, 0x0b, 2, 2, 2) + struct.pack('>4h', 1, -2, 300, -32768)
    expect(
      Array.from(writeIdx({ dims: [2, 2], data: new Int16Array([1, -2, 300, -32768]) })),
    ).toEqual([0, 0, 11, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 1, 255, 254, 1, 44, 128, 0]);
    expect(
      Array.from(writeIdx({ dims: [3], type: 'uint8', data: new Uint8Array([5, 0, 4]) })),
    ).toEqual([0, 0, 8, 1, 0, 0, 0, 3, 5, 0, 4]);
  });

  it('round-trips through readIdx for every type and shape (property)', () => {
    const arrays = fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
        fc.constantFrom<IdxType>('uint8', 'int8', 'int16', 'int32', 'float32', 'float64'),
        fc.integer(),
      )
      .map(([dims, type, seed]) => {
        const n = dims.reduce((p, d) => p * d, 1);
        const data = makeData(type, n);
        // fill with values that the type holds exactly, spread over its range
        for (let i = 0; i < n; i++) {
          const r = Math.sin(seed + i * 12.9898) * 43758.5453;
          const u = r - Math.floor(r);
          data[i] = {
            uint8: Math.floor(u * 256),
            int8: Math.floor(u * 256) - 128,
            int16: Math.floor(u * 65536) - 32768,
            int32: Math.floor(u * 2 ** 32) - 2 ** 31,
            float32: Math.fround((u - 0.5) * 1e6),
            float64: (u - 0.5) * 1e300,
          }[type];
        }
        return { dims, type, data };
      });
    fc.assert(
      fc.property(arrays, (a) => {
        const back = readIdx(writeIdx(a));
        expect(back.dims).toEqual(a.dims);
        expect(back.type).toBe(a.type);
        expect(back.data).toEqual(a.data);
      }),
    );
  });

  it('checks its input', () => {
    expect(() => writeIdx({ dims: [2, 2], data: new Uint8Array(3) })).toThrow(
      new ShapeError(
        'writeIdx: dimensions do not match the data; expected [2, 2] to hold 3 elements, got 4',
      ),
    );
    expect(() => writeIdx({ dims: [2], type: 'int8', data: new Uint8Array(2) })).toThrow(
      "writeIdx: type does not match the data; expected type 'uint8' for a Uint8Array, got 'int8'",
    );
    expect(() => writeIdx({ dims: [2], data: [1, 2] as unknown as Uint8Array })).toThrow(TypeError);
    expect(() => writeIdx({ dims: [1.5], data: new Uint8Array(1) })).toThrow(
      'writeIdx: invalid dimension size; expected integers in [0, 2^32), got [1.5]',
    );
    expect(() => writeIdx({ dims: new Array(256).fill(1), data: new Uint8Array(1) })).toThrow(
      'writeIdx: too many dimensions; expected at most 255 (one header byte), got 256',
    );
  });
});

function makeData(type: IdxType, n: number): IdxData {
  switch (type) {
    case 'uint8':
      return new Uint8Array(n);
    case 'int8':
      return new Int8Array(n);
    case 'int16':
      return new Int16Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
  }
}

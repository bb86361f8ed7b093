import { array, NDArray } from '@dl/linalg';
import fc from 'fast-check';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fromPng } from './from-png.js';
import { toPng } from './to-png.js';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

describe('toPng', () => {
  it('writes an 8-bit grayscale PNG that pngjs reads back', () => {
    const bytes = toPng(array([[0, 128, 255]]));
    expect(Array.from(bytes.subarray(0, 8))).toEqual(SIGNATURE);
    const png = pngjs.PNG.sync.read(Buffer.from(bytes));
    expect([png.width, png.height, png.colorType, png.depth]).toEqual([3, 1, 0, 8]);
    // pngjs gives RGBA
    expect(Array.from(png.data)).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });

  it('round-trips any 0…255 image through fromPng (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer(),
        (h, w, seed) => {
          const data = Float64Array.from(
            { length: h * w },
            (_, i) => Math.abs(seed * 31 + i * 97) % 256,
          );
          const img = new NDArray(data, [h, w]);
          expect(fromPng(toPng(img, { range: 255 })).data).toEqual(img.data);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('scales 0…1 images to bytes, enlarges and inverts', () => {
    const img = array([
      [0, 0.5],
      [1, 0.2],
    ]);
    const back = fromPng(toPng(img, { scale: 3, invert: true }));
    expect(back.shape).toEqual([6, 6]);
    // 255 − round(v × 255): 255, 127, 0, 204
    expect([back.get(0, 0), back.get(2, 5), back.get(5, 0), back.get(5, 5)]).toEqual([
      255, 127, 0, 204,
    ]);
    expect(() => toPng(img, { scale: 0 })).toThrow(
      new RangeError('toPng: invalid scale; expected a positive integer, got 0'),
    );
  });
});

describe('toPng size limit', () => {
  it('refuses an enlargement past MAX_PNG_PIXELS before allocating it', () => {
    const digit = new NDArray(new Float64Array(28 * 28), [28, 28]);
    // 28 · 100000 = 2.8e6 pixels a side: 7.84e12 pixels, far past 2^24
    expect(() => toPng(digit, { scale: 100_000, range: 255 })).toThrow(
      'toPng: image too large; expected at most 16777216 pixels (4096×4096), got 28×28 at scale 100000 = 2800000×2800000',
    );
  });
});

import { FormatError } from '@dl/linalg';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { craftPng } from '../test/craft-png.js';
import { fromPng } from './from-png.js';

/** A 1×n RGBA PNG made with pngjs directly. */
function rgbaPng(pixels: number[][]): Uint8Array {
  const png = new pngjs.PNG({ width: pixels.length, height: 1 });
  png.data = Buffer.from(pixels.flat());
  return pngjs.PNG.sync.write(png);
}

describe('fromPng', () => {
  it('turns colour into gray by luminance 0.299 R + 0.587 G + 0.114 B', () => {
    const img = fromPng(
      rgbaPng([
        [255, 0, 0, 255],
        [0, 255, 0, 255],
        [0, 0, 255, 255],
        [10, 10, 10, 255],
      ]),
    );
    expect(img.shape).toEqual([1, 4]);
    // round(0.299 · 255) = 76, round(0.587 · 255) = 150, round(0.114 · 255) = 29
    expect(img.toArray()).toEqual([[76, 150, 29, 10]]);
  });

  it('lays transparent pixels over white', () => {
    // alpha 0 → white; black at alpha 128 → 255 · (1 − 128/255) = 127
    expect(
      fromPng(
        rgbaPng([
          [0, 0, 0, 0],
          [0, 0, 0, 128],
        ]),
      ).toArray(),
    ).toEqual([[255, 127]]);
  });

  it('gives a format error naming the file for bytes that are not a PNG', () => {
    expect(() => fromPng(new Uint8Array([1, 2, 3]), 'seven.png')).toThrow(FormatError);
    expect(() => fromPng(new Uint8Array([1, 2, 3]), 'seven.png')).toThrow(
      /^fromPng\(seven\.png\): not a readable PNG; expected a valid PNG file, got /,
    );
    expect(() => fromPng('seven.png' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('fromPng on files that lie about their size', () => {
  it('refuses a tiny file that declares a huge image before decoding it', () => {
    // 100000 × 100000 gray pixels claimed, one row of data given: 10^10 pixels > 2^24.
    const bomb = craftPng({ width: 100_000, height: 100_000, raw: new Uint8Array(100_001) });
    expect(bomb.length).toBeLessThan(200);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => fromPng(bomb, 'bomb.png')).toThrow(FormatError);
    expect(() => fromPng(bomb, 'bomb.png')).toThrow(
      'fromPng(bomb.png): image too large; expected at most 16777216 pixels (4096×4096), got 100000×100000 = 10000000000',
    );
    // Nothing near the claimed 40 GB (pngjs) or 80 GB (float64) was allocated.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
    // 4097 × 4096 is one column past the limit.
    expect(() => fromPng(craftPng({ width: 4097, height: 4096, raw: new Uint8Array(10) }))).toThrow(
      /image too large; .* got 4097×4096 = 16781312$/,
    );
  });

  it('refuses an image of width or height 0', () => {
    expect(() =>
      fromPng(craftPng({ width: 0, height: 28, raw: new Uint8Array(28) }), 'w0.png'),
    ).toThrow('fromPng(w0.png): empty image; expected a width and height of at least 1, got 0×28');
  });

  it('refuses too little or too much image data', () => {
    // 28 rows of a filter byte and 28 gray bytes: 28 · 29 = 812 bytes needed.
    expect(() =>
      fromPng(craftPng({ width: 28, height: 28, raw: new Uint8Array(100) }), 'short.png'),
    ).toThrow(
      'fromPng(short.png): too little image data; expected 812 bytes for 28×28 at 8 bit(s) × 1 channel(s), got 100',
    );
    expect(() => fromPng(craftPng({ width: 28, height: 28, raw: new Uint8Array(813) }))).toThrow(
      /too much image data; expected 812 bytes for 28×28/,
    );
    // 16-bit gray 4×4: 4 rows of 1 + 4 · 2 bytes = 36 bytes.
    expect(() =>
      fromPng(craftPng({ width: 4, height: 4, bitDepth: 16, raw: new Uint8Array(20) })),
    ).toThrow(
      'fromPng(PNG data): too little image data; expected 36 bytes for 4×4 at 16 bit(s) × 1 channel(s), got 20',
    );
    // RGBA 8-bit 2×2: 2 rows of 1 + 2 · 4 bytes = 18 bytes.
    expect(() =>
      fromPng(craftPng({ width: 2, height: 2, colorType: 6, raw: new Uint8Array(17) })),
    ).toThrow(/expected 18 bytes for 2×2 at 8 bit\(s\) × 4 channel\(s\), got 17/);
  });

  it('counts the rows of the seven Adam7 passes of an interlaced image', () => {
    // 3×3 gray, by hand: pass 1 is 1×1 (2 bytes with its filter byte), passes 2 and 3 are empty,
    // pass 4 is 1×1 (2), pass 5 is 2×1 (3), pass 6 is 1×2 (2 rows of 2), pass 7 is 3×1 (4): 15.
    const ok = craftPng({ width: 3, height: 3, interlace: 1, raw: new Uint8Array(15) });
    expect(fromPng(ok).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(() =>
      fromPng(craftPng({ width: 3, height: 3, interlace: 1, raw: new Uint8Array(14) })),
    ).toThrow(/too little image data; expected 15 bytes/);
  });

  it('still reads a well-formed file of the exact size (8-bit gray, filter 0)', () => {
    // 2×1: one filter byte 0, then the gray values 10 and 200
    expect(
      fromPng(craftPng({ width: 2, height: 1, raw: new Uint8Array([0, 10, 200]) })).toArray(),
    ).toEqual([[10, 200]]);
  });
});

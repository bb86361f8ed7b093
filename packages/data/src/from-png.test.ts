import { FormatError } from '@dl/linalg';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
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

import { NDArray, zeros } from '@dl/linalg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from './dataset.js';
import { fromPng } from './from-png.js';
import { loadMnistSync } from './load-mnist.js';
import { prepareDigit } from './prepare-digit.js';
import { resizeNearest } from './resize-nearest.js';
import { toPng } from './to-png.js';

/** A dark copy of a 28×28 digit, enlarged 5× and placed off-centre on white paper 200×300. */
function onPaper(digit: NDArray): NDArray {
  const big = resizeNearest(digit, [140, 140]);
  const paper = new Float64Array(200 * 300).fill(255);
  for (let i = 0; i < 140; i++) {
    for (let j = 0; j < 140; j++)
      paper[(30 + i) * 300 + 150 + j] = 255 - big.data[i * 140 + j]! * 255;
  }
  return new NDArray(paper, [200, 300]);
}

function centreOfMass(img: NDArray): [number, number] {
  let m = 0;
  let my = 0;
  let mx = 0;
  img.data.forEach((v, i) => {
    m += v;
    my += v * Math.floor(i / 28);
    mx += v * (i % 28);
  });
  return [my / m, mx / m];
}

describe('prepareDigit', () => {
  let test: Dataset;
  beforeAll(() => {
    test = loadMnistSync({ source: 'lite' }).test;
  });

  it('turns a photo-like picture of an MNIST digit back into that digit', () => {
    for (let k = 0; k < 10; k++) {
      const digit = test.batch([k]).x.reshape(28, 28);
      const prepared = prepareDigit(fromPng(toPng(onPaper(digit))));
      expect(prepared.shape).toEqual([28, 28]);
      // MNIST digits are already 20×20 and centred, so the round trip should nearly be the
      // identity; measured on MNIST test digits: mean |difference| under 0.001, cosine over 0.999
      let diff = 0;
      let dot = 0;
      let n1 = 0;
      let n2 = 0;
      for (let i = 0; i < 784; i++) {
        const a = prepared.data[i]!;
        const b = digit.data[i]!;
        diff += Math.abs(a - b);
        dot += a * b;
        n1 += a * a;
        n2 += b * b;
      }
      expect(diff / 784).toBeLessThan(0.01);
      expect(dot / Math.sqrt(n1 * n2)).toBeGreaterThan(0.99);
    }
  });

  it('centres by centre of mass and fits a 20×20 box', () => {
    // a light bar in the top-left corner of a dark 50×50 picture
    const img = zeros([50, 50]);
    for (let i = 2; i < 12; i++) for (let j = 3; j < 8; j++) img.set(i, j, 1);
    const p = prepareDigit(img, { normalize: false });
    const [cy, cx] = centreOfMass(p);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    // 10×5 scaled to 20×10: 200 white pixels
    expect(p.data.filter((v) => v === 255).length).toBe(200);
  });

  it('gives an empty field for a picture with no ink', () => {
    expect(prepareDigit(new NDArray(new Float64Array(100).fill(255), [10, 10])).data).toEqual(
      new Float64Array(784),
    );
  });

  it('checks the threshold', () => {
    expect(() => prepareDigit(zeros([4, 4]), { threshold: 0 })).toThrow(
      new RangeError('prepareDigit: invalid threshold; expected a number in (0, 1], got 0'),
    );
  });
});

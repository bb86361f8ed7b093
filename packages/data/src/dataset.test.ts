import { ShapeError } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset.js';

// Three 2×2 "images" and their labels.
const images = new Uint8Array([0, 51, 102, 255, 10, 20, 30, 40, 255, 255, 0, 0]);
const labels = new Uint8Array([3, 0, 9]);

describe('createDataset', () => {
  it('keeps the bytes and makes floats per batch', () => {
    const ds = createDataset(images, labels, { imageShape: [4] });
    expect(ds.length).toBe(3);
    expect(ds.images).toBe(images);
    expect(ds.labels).toBe(labels);
    expect(ds.numClasses).toBe(10);
    const { x, t } = ds.batch([2, 0, 2]);
    expect(x.shape).toEqual([3, 4]);
    expect(x.dtype).toBe('float64');
    // byte / 255, as numpy's x / 255.0 gives it
    expect(Array.from(x.data)).toEqual([1, 1, 0, 0, 0, 0.2, 0.4, 1, 1, 1, 0, 0]);
    expect(t.toArray()).toEqual([9, 3, 9]);
  });

  it('gives raw values, one-hot labels, image shapes and float32 on request', () => {
    const ds = createDataset(images, labels, {
      imageShape: [1, 2, 2],
      normalize: false,
      oneHotLabel: true,
    });
    const { x, t } = ds.batch([1], { dtype: 'float32' });
    expect(x.shape).toEqual([1, 1, 2, 2]);
    expect(x.dtype).toBe('float32');
    expect(x.toArray()).toEqual([
      [
        [
          [10, 20],
          [30, 40],
        ],
      ],
    ]);
    expect(t.dtype).toBe('float32');
    expect(t.toArray()).toEqual([[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
  });

  it('makes x and t for the whole split once, on first access', () => {
    const ds = createDataset(images, labels);
    expect(ds.imageShape).toEqual([4]);
    const x = ds.x;
    expect(x.shape).toEqual([3, 4]);
    expect(ds.x).toBe(x);
    expect(ds.t).toBe(ds.t);
    expect(ds.t.toArray()).toEqual([3, 0, 9]);
    expect(x.data[3]).toBe(1);
  });

  it('checks indices, shapes and labels', () => {
    const ds = createDataset(images, labels);
    expect(() => ds.batch([0, 3])).toThrow(
      new RangeError(
        'Dataset.batch: index out of range; expected integers in [0, 2], got 3 at position 1',
      ),
    );
    expect(() => ds.batch([0.5])).toThrow(RangeError);
    expect(() => createDataset(images, labels, { imageShape: [28, 28] })).toThrow(
      new ShapeError(
        'createDataset: images do not match the labels; expected 3 images of shape [28, 28] (3 × 784 bytes), got 12 bytes',
      ),
    );
    expect(() => createDataset(images, labels, { numClasses: 5 })).toThrow(
      'createDataset: label out of range; expected labels in [0, 4], got 9',
    );
    expect(() => createDataset(images, [1, 2, 3] as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('takes its class count from the labels when they go past 9', () => {
    const ds = createDataset(new Uint8Array(2), new Uint8Array([0, 11]), { oneHotLabel: true });
    expect(ds.numClasses).toBe(12);
    expect(ds.t.shape).toEqual([2, 12]);
  });
});

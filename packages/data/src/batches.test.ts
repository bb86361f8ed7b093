import { createRng } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { batches } from './batches.js';
import { createDataset } from './dataset.js';

// 10 one-pixel images whose pixel is 10 × their label: easy to check x and t match.
const labels = Uint8Array.from({ length: 10 }, (_, i) => i % 10);
const data = createDataset(
  labels.map((l) => l * 10),
  labels,
  { normalize: false },
);

describe('batches', () => {
  it('visits every example once per epoch, batchSize at a time', () => {
    const seen: number[] = [];
    const sizes: number[] = [];
    for (const { x, t, indices } of batches(data, { batchSize: 4, rng: createRng(1) })) {
      sizes.push(indices.length);
      seen.push(...indices);
      expect(x.shape).toEqual([indices.length, 1]);
      expect(Array.from(x.data)).toEqual(Array.from(t.data, (v) => v * 10));
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives the same batches for the same seed and a new order each epoch', () => {
    const epoch = (rng: ReturnType<typeof createRng>) =>
      [...batches(data, { batchSize: 3, rng })].map((b) => Array.from(b.indices));
    const rngA = createRng(7);
    const rngB = createRng(7);
    const first = epoch(rngA);
    expect(epoch(rngB)).toEqual(first);
    expect(epoch(rngA)).not.toEqual(first);
  });

  it('keeps the order without shuffling and can drop a short last batch', () => {
    const all = [...batches(data, { batchSize: 4, shuffle: false, dropLast: true })];
    expect(all.map((b) => Array.from(b.indices))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    const f32 = batches(data, { batchSize: 2, shuffle: false, dtype: 'float32' }).next().value;
    expect(f32?.x.dtype).toBe('float32');
  });

  it('checks its options', () => {
    expect(() => batches(data, { batchSize: 0, rng: createRng(0) }).next()).toThrow(
      new RangeError('batches: invalid batchSize; expected a positive integer, got 0'),
    );
    expect(() => batches(data, { batchSize: 2 }).next()).toThrow(
      new TypeError(
        'batches: no random generator; expected options.rng (e.g. createRng(seed)) when shuffle is true, got undefined',
      ),
    );
  });
});

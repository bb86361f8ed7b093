import { createRng } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { createDataset } from './dataset.js';
import { sampleBatch } from './sample-batch.js';

const labels = Uint8Array.from({ length: 20 }, (_, i) => i % 10);
const data = createDataset(labels.slice(), labels, { normalize: false, oneHotLabel: true });

describe('sampleBatch', () => {
  it("draws like np.random.choice(train_size, batch_size): the generator's choice, with replacement", () => {
    const { x, t, indices } = sampleBatch(data, 8, createRng(3));
    expect(Array.from(indices)).toEqual(Array.from(createRng(3).choice(20, 8, true)));
    expect(x.shape).toEqual([8, 1]);
    expect(t.shape).toEqual([8, 10]);
    for (let r = 0; r < 8; r++) {
      const label = labels[indices[r]!]!;
      expect(x.data[r]).toBe(label);
      expect(t.get(r, label)).toBe(1);
    }
  });

  it('draws distinct examples without replacement', () => {
    const { indices } = sampleBatch(data, 20, createRng(5), { replace: false });
    expect(new Set(indices).size).toBe(20);
  });

  it('checks its arguments', () => {
    expect(() => sampleBatch(data, 21, createRng(0), { replace: false })).toThrow(
      new RangeError(
        'sampleBatch: batch larger than the dataset; expected batchSize <= 20 without replacement, got 21',
      ),
    );
    expect(() => sampleBatch(data, -1, createRng(0))).toThrow(
      'sampleBatch: invalid batchSize; expected a positive integer, got -1',
    );
    const empty = createDataset(new Uint8Array(0), new Uint8Array(0), { imageShape: [1] });
    expect(() => sampleBatch(empty, 1, createRng(0))).toThrow(
      'sampleBatch: empty dataset; expected at least 1 example, got 0',
    );
  });
});

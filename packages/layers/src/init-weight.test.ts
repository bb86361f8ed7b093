import { createRng, mean, std } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { initWeight } from './init-weight.js';

describe('initWeight', () => {
  it("scales randn by 0.01 (the lecture's default), √(1/rows) (Xavier) or √(2/rows) (He)", () => {
    const cases = [
      ['std', 0.01],
      ['xavier', Math.sqrt(1 / 400)],
      ['he', Math.sqrt(2 / 400)],
    ] as const;
    for (const [method, scale] of cases) {
      const W = initWeight([400, 50], { method, rng: createRng(1) });
      expect(W.shape).toEqual([400, 50]);
      // 20,000 normal samples: the sample std is within a few percent of the scale, the mean ≈ 0.
      expect(std(W) / scale).toBeGreaterThan(0.97);
      expect(std(W) / scale).toBeLessThan(1.03);
      expect(Math.abs(mean(W))).toBeLessThan(0.05 * scale);
    }
  });

  it('is reproducible from the seed and honours std and dtype', () => {
    const a = initWeight([3, 4], { rng: createRng(42) });
    const b = initWeight([3, 4], { rng: createRng(42) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const c = initWeight([3, 4], { rng: createRng(42), std: 1 });
    expect(c.data[5]! * 0.01).toBeCloseTo(a.data[5]!, 15);
    expect(initWeight([2, 2], { rng: createRng(0), dtype: 'float32' }).dtype).toBe('float32');
  });

  it('rejects a bad shape, std, method or a missing generator', () => {
    const rng = createRng(0);
    expect(() => initWeight([0, 3], { rng })).toThrow(
      'initWeight: invalid shape; expected [rows, cols] of positive integers, got [0, 3]',
    );
    expect(() => initWeight([2, 2], { rng, std: -1 })).toThrow(
      new RangeError('initWeight: invalid std; expected a finite number > 0, got -1'),
    );
    expect(() => initWeight([2, 2], { rng, method: 'lecun' as 'he' })).toThrow(
      "initWeight: unknown method; expected 'std', 'xavier' or 'he', got lecun",
    );
    expect(() => initWeight([2, 2], {} as never)).toThrow(
      new TypeError(
        'initWeight: no random generator; expected options.rng from createRng(seed), got undefined',
      ),
    );
  });
});

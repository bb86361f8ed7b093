import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argmax,
  argmin,
  array,
  map,
  max,
  mean,
  min,
  ShapeError,
  sqrt,
  sum,
  zeros,
} from './index.js';
import { getBackend, setBackend } from './kernels/backend.js';

// x = np.array([[1.5, -2, 3], [0.25, 8, -1]])
const x = array([
  [1.5, -2, 3],
  [0.25, 8, -1],
]);

describe('reductions', () => {
  it('match numpy along each axis', () => {
    // np.sum(x, axis=0) -> [1.75, 6.0, 2.0]; np.mean(x, axis=1) -> [0.8333333333333334, 2.4166666666666665]
    expect(sum(x, { axis: 0 }).toArray()).toEqual([1.75, 6, 2]);
    expect(mean(x, { axis: 1 }).data[0]).toBeCloseTo(0.8333333333333334, 14);
    expect(mean(x, { axis: -1 }).data[1]).toBeCloseTo(2.4166666666666665, 14);
    // np.max(x, axis=0) -> [1.5, 8, 3]; np.argmin(x, axis=1) -> [1, 2]; np.argmax(x) -> 4
    expect(max(x, { axis: 0 }).toArray()).toEqual([1.5, 8, 3]);
    expect(min(x, { axis: 1 }).toArray()).toEqual([-2, -1]);
    expect(argmin(x, { axis: 1 }).toArray()).toEqual([1, 2]);
    expect(argmax(x)).toBe(4);
    expect(argmin(x)).toBe(1);
    expect(sum(x)).toBeCloseTo(9.75, 14);
    expect(mean(x)).toBeCloseTo(1.625, 14);
    expect(max(x)).toBe(8);
    expect(min(x)).toBe(-2);
  });

  it('keepdims leaves a size-1 axis that broadcasts back', () => {
    expect(sum(x, { axis: 1, keepdims: true }).shape).toEqual([2, 1]);
    expect(max(x, { keepdims: true }).shape).toEqual([1, 1]);
  });

  it('sum along an axis equals a plain loop (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (shape, axisSeed) => {
          const a = map(zeros(shape), (_, i) => ((i * 7919) % 13) - 6);
          const axis = axisSeed % shape.length;
          const got = sum(a, { axis });
          const outer = shape.slice(0, axis).reduce((p, d) => p * d, 1);
          const dim = shape[axis]!;
          const inner = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
          for (let o = 0; o < outer; o++)
            for (let i = 0; i < inner; i++) {
              let s = 0;
              for (let k = 0; k < dim; k++) s += a.data[(o * dim + k) * inner + i]!;
              if (got.data[o * inner + i] !== s) return false;
            }
          return true;
        },
      ),
    );
  });

  it('argmax takes the first of ties, as numpy does', () => {
    expect(argmax(array([1, 3, 3]))).toBe(1);
  });

  it('explains an out-of-range axis and an empty max', () => {
    expect(() => sum(x, { axis: 2 })).toThrow(
      new RangeError('sum: axis out of range; expected an integer in [-2, 1], got 2'),
    );
    expect(() => max(zeros([0]))).toThrow(
      new ShapeError('max: empty array; expected at least one element, got shape [0]'),
    );
    expect(sum(zeros([0]))).toBe(0);
  });
});

describe('max and argmax along the last axis of a large array (the WebAssembly path)', () => {
  // Values from a small set so that ties are common, with NaN and ±Infinity among them.
  const value = fc.constantFrom(0, 1, -1, 2.5, -0, Number.NaN, Number.POSITIVE_INFINITY, -3);
  const table = fc
    .record({
      // About half small (the loops) and half of 4,096 elements or more (WebAssembly).
      rows: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 4096, max: 4600 })),
      size: fc.integer({ min: 1, max: 9 }),
    })
    .chain(({ rows, size }) =>
      fc.record({
        rows: fc.constant(rows),
        size: fc.constant(size),
        values: fc.array(value, { minLength: rows * size, maxLength: rows * size }),
        f32: fc.boolean(),
      }),
    );

  it('agree with the TypeScript loops, NaN, ties and −0 included (property)', () => {
    let large = 0;
    fc.assert(
      fc.property(table, ({ rows, size, values, f32 }) => {
        const dtype = f32 ? 'float32' : 'float64';
        const a = array(values, { dtype }).reshape(rows, size);
        if (a.size >= 4096) large++;
        const got = [max(a, { axis: 1 }).data, argmax(a, { axis: -1 }).data];
        const initial = getBackend();
        setBackend('js');
        try {
          const want = [max(a, { axis: 1 }).data, argmax(a, { axis: -1 }).data];
          for (const [k, g] of got.entries()) {
            for (let r = 0; r < rows; r++) {
              if (!Object.is(g[r], want[k]![r])) {
                expect.fail(
                  `${k ? 'argmax' : 'max'} of row ${r}: got ${g[r]}, want ${want[k]![r]}`,
                );
              }
            }
          }
        } finally {
          setBackend(initial);
        }
      }),
      { numRuns: 60, seed: 23 },
    );
    expect(large).toBeGreaterThan(10); // enough cases took the WebAssembly path
  });

  it('match numpy on a pooling-sized example', () => {
    // x = np.arange(8192.0).reshape(2048, 4) % 7 - 3: np.max(x, axis=1)[:3] = [0, 3, 1],
    // np.argmax(x, axis=1)[:3] = [3, 2, 3] (printed by numpy 2.4.6)
    const a = map(
      array(Array.from({ length: 8192 }, (_, i) => i)).reshape(2048, 4),
      (v) => (v % 7) - 3,
    );
    expect(Array.from(max(a, { axis: 1 }).data.subarray(0, 3))).toEqual([0, 3, 1]);
    expect(Array.from(argmax(a, { axis: 1 }).data.subarray(0, 3))).toEqual([3, 2, 3]);
  });
});

describe('sum along the first axis of a large array (the WebAssembly path)', () => {
  // Columns of odd and even count, float32 and float64; −0 among the values, and sometimes an
  // infinity in the first row (more would make most sums infinite and hide rounding).
  const value = fc.oneof(
    // thirds of integers: not exact in binary, so every partial sum rounds
    { arbitrary: fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((k) => k / 3), weight: 20 },
    { arbitrary: fc.constant(-0), weight: 1 },
  );
  const table = fc
    .record({
      rows: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 600, max: 900 })),
      m: fc.integer({ min: 1, max: 11 }),
    })
    .chain(({ rows, m }) =>
      fc.record({
        rows: fc.constant(rows),
        m: fc.constant(m),
        values: fc.array(value, { minLength: rows * m, maxLength: rows * m }),
        infinity: fc.option(fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)),
        f32: fc.boolean(),
      }),
    );

  it('agrees with the TypeScript loop bit for bit (property)', () => {
    let large = 0;
    fc.assert(
      fc.property(table, ({ rows, m, values, infinity, f32 }) => {
        if (infinity !== null) values[m - 1] = infinity;
        const a = array(values, { dtype: f32 ? 'float32' : 'float64' }).reshape(rows, m);
        if (a.size >= 4096) large++;
        const got = sum(a, { axis: 0 }).data;
        const initial = getBackend();
        setBackend('js');
        try {
          const want = sum(a, { axis: 0 }).data;
          for (let j = 0; j < m; j++) {
            if (!Object.is(got[j], want[j]))
              expect.fail(`column ${j}: got ${got[j]}, want ${want[j]}`);
          }
        } finally {
          setBackend(initial);
        }
      }),
      { numRuns: 60, seed: 29 },
    );
    expect(large).toBeGreaterThan(10); // enough cases took the WebAssembly path
  });

  it('matches numpy', () => {
    // np.sum(np.sqrt(np.arange(7007.0)).reshape(1001, 7), axis=0) (numpy 2.4.6)
    const want = [55818.62157443, 55831.2842645, 55843.33007146, 55855.25103447, 55867.09573938];
    const a = sqrt(array(Array.from({ length: 7007 }, (_, i) => i)).reshape(1001, 7));
    const got = sum(a, { axis: 0 });
    expect(got.shape).toEqual([7]);
    for (const [j, v] of want.entries()) expect(got.data[j]).toBeCloseTo(v, 7);
    // float32: each column is added in doubles and rounded once, as numpy's float64 sum rounded.
    const got32 = sum(a.astype('float32'), { axis: 0 });
    expect(got32.dtype).toBe('float32');
    for (const [j, v] of want.entries())
      expect(Math.abs(got32.data[j]! - v) / v).toBeLessThan(1e-6);
  });
});

import { describe, expect, test } from 'vitest';
import { m } from '../runner/testing.js';
import { countParameters, parameterShapes } from './count-parameters.js';

describe('countParameters', () => {
  test('[784, 50, 10] → 39,760 (the lecture: 50×784 + 10×50 + 50 + 10)', () => {
    expect(
      countParameters([784, 50, 10]),
      'weights 39,200 + 500 and biases 50 + 10; 39,700 means the biases are missing',
    ).toBe(39_760);
  });

  test('[784, 50] → 39,250 (w0 and b0 of the lecture) and [50, 10] → 510', () => {
    expect(countParameters([784, 50]), 'first layer: 784×50 weights + 50 biases').toBe(39_250);
    expect(countParameters([50, 10]), 'second layer: 50×10 weights + 10 biases').toBe(510);
  });

  test('[2, 3] → 9 and [784, 100, 50, 10] → 84,060', () => {
    expect(countParameters([2, 3]), '2×3 weights + 3 biases').toBe(9);
    // 784·100 + 100 + 100·50 + 50 + 50·10 + 10
    expect(countParameters([784, 100, 50, 10]), 'three layers: add each pair').toBe(84_060);
  });

  test.each([[[784]], [[784, 0]], [[784, 2.5]], [[784, -10, 10]]])(
    '%j → RangeError naming the sizes',
    (sizes) => {
      expect(
        () => countParameters(sizes),
        m(
          'at least two layers, each a whole number of nodes >= 1',
          '층은 둘 이상, 노드 수는 1 이상의 정수',
        ),
      ).toThrow(RangeError);
      expect(
        () => countParameters(sizes),
        m('the message should name the sizes it got', '메시지에 받은 크기들이 있어야 합니다'),
      ).toThrow(sizes.join(', '));
    },
  );
});

describe('parameterShapes', () => {
  test('[784, 50, 10] → W1 [784, 50], b1 [50], W2 [50, 10], b2 [10]', () => {
    expect(parameterShapes([784, 50, 10]), 'one W and one b per layer, in order').toEqual([
      { name: 'W1', shape: [784, 50] },
      { name: 'b1', shape: [50] },
      { name: 'W2', shape: [50, 10] },
      { name: 'b2', shape: [10] },
    ]);
  });
});

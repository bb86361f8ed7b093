import { describe, expect, test } from 'vitest';
import { m } from '../runner/testing.js';
import { countParameters, parameterShapes } from './count-parameters.js';

describe('countParameters', () => {
  test(`${m('[784, 50, 10] → 39,760 (the lecture: 50×784 + 10×50 + 50 + 10)', '[784, 50, 10] → 39,760 (강의: 50×784 + 10×50 + 50 + 10)')}`, () => {
    expect(
      countParameters([784, 50, 10]),
      m(
        'weights 39,200 + 500 and biases 50 + 10; 39,700 means the biases are missing',
        '가중치 39,200 + 500, 편향 50 + 10; 39,700이면 편향이 빠진 것',
      ),
    ).toBe(39_760);
  });

  test(`${m('[784, 50] → 39,250 (w0 and b0 of the lecture) and [50, 10] → 510', '[784, 50] → 39,250 (강의의 w0과 b0), [50, 10] → 510')}`, () => {
    expect(
      countParameters([784, 50]),
      m('first layer: 784×50 weights + 50 biases', '첫 층: 가중치 784×50 + 편향 50'),
    ).toBe(39_250);
    expect(
      countParameters([50, 10]),
      m('second layer: 50×10 weights + 10 biases', '둘째 층: 가중치 50×10 + 편향 10'),
    ).toBe(510);
  });

  test(`${m('[2, 3] → 9 and [784, 100, 50, 10] → 84,060', '[2, 3] → 9, [784, 100, 50, 10] → 84,060')}`, () => {
    expect(countParameters([2, 3]), m('2×3 weights + 3 biases', '가중치 2×3 + 편향 3')).toBe(9);
    // 784·100 + 100 + 100·50 + 50 + 50·10 + 10
    expect(
      countParameters([784, 100, 50, 10]),
      m('three layers: add each pair', '세 층: 인접한 두 층마다 더하세요'),
    ).toBe(84_060);
  });

  test.each([[[784]], [[784, 0]], [[784, 2.5]], [[784, -10, 10]]])(
    `%j → ${m('RangeError naming the sizes', '크기들을 알려 주는 RangeError')}`,
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
    expect(
      parameterShapes([784, 50, 10]),
      m('one W and one b per layer, in order', '층마다 W 하나, b 하나, 순서대로'),
    ).toEqual([
      { name: 'W1', shape: [784, 50] },
      { name: 'b1', shape: [50] },
      { name: 'W2', shape: [50, 10] },
      { name: 'b2', shape: [10] },
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { m } from '../runner/testing.js';
import { outputSize } from './output-size.js';

// Expected values by hand from OH = (H + 2·pad − FH) / stride + 1, and the book's figures (§7.2).
describe('outputSize', () => {
  test(`${m('no padding, stride 1: a 5×5 filter on a 28×28 digit leaves 24 positions', '패딩 없이 스트라이드 1: 28×28 숫자에 5×5 필터를 대면 위치 24개')}`, () => {
    expect(outputSize(28, 5), 'outputSize(28, 5): (28 − 5) / 1 + 1').toBe(24);
    expect(outputSize(4, 3), 'outputSize(4, 3): (4 − 3) / 1 + 1').toBe(2);
  });

  test(`${m('padding is added on both sides: 4×4, 3×3 filter, pad 1 → 4 (the book, fig. 7-6)', '패딩은 양쪽에 붙음: 4×4, 3×3 필터, pad 1 → 4 (책의 그림 7-6)')}`, () => {
    expect(outputSize(4, 3, 1, 1), 'outputSize(4, 3, 1, 1): (4 + 2 − 3) / 1 + 1').toBe(4);
    expect(
      outputSize(28, 3, 1, 1),
      m(
        'outputSize(28, 3, 1, 1): DeepConvNet keeps 28',
        'outputSize(28, 3, 1, 1): DeepConvNet은 28을 유지',
      ),
    ).toBe(28);
    expect(outputSize(5, 3, 1, 2), 'outputSize(5, 3, 1, 2): (5 + 4 − 3) / 1 + 1').toBe(7);
  });

  test(`${m('stride: 7×7 with stride 2 → 3 (the book, fig. 7-7); 2×2 pooling stride 2 halves 24', '스트라이드: 7×7, stride 2 → 3 (책의 그림 7-7); 2×2 풀링 stride 2는 24를 절반으로')}`, () => {
    expect(outputSize(7, 3, 2), 'outputSize(7, 3, 2): (7 − 3) / 2 + 1').toBe(3);
    expect(outputSize(24, 2, 2), 'outputSize(24, 2, 2): (24 − 2) / 2 + 1').toBe(12);
    expect(outputSize(9, 3, 3, 0), 'outputSize(9, 3, 3): (9 − 3) / 3 + 1').toBe(3);
    expect(outputSize(6, 2, 2, 1), 'outputSize(6, 2, 2, 1): (6 + 2 − 2) / 2 + 1').toBe(4);
  });

  test(`${m('a filter larger than the padded input is an error, with the sizes in the message', '패딩한 입력보다 큰 필터는 오류, 메시지에 크기들이 들어감')}`, () => {
    expect(() => outputSize(4, 7, 1, 1), 'outputSize(4, 7, 1, 1): 4 + 2 < 7').toThrow(/7/);
    expect(() => outputSize(2, 5), 'outputSize(2, 5): 2 < 5').toThrow(Error);
  });

  test(`${m('a stride that does not divide is an error, not a rounded-down size', '나누어떨어지지 않는 스트라이드는 내림한 크기가 아니라 오류')}`, () => {
    expect(() => outputSize(6, 3, 2), 'outputSize(6, 3, 2): (6 − 3) / 2 = 1.5').toThrow(Error);
    expect(() => outputSize(28, 5, 2), 'outputSize(28, 5, 2): 23 / 2').toThrow(Error);
    expect(() => outputSize(5, 2, 3, 1), 'outputSize(5, 2, 3, 1): 5 / 3').toThrow(Error);
  });
});

import { array } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { levels, quantize } from './quantize.js';

describe('levels', () => {
  // the lecture's table: 1 bit = 2, 2 bit = 4, 3 bit = 8, 4 bit = 16, 6 bit = 64, 8 bit = 256
  test.each([
    [1, 2],
    [2, 4],
    [3, 8],
    [4, 16],
    [6, 64],
    [8, 256],
    [16, 65536],
  ])('levels(%i) → %i', (bits, n) => {
    expect(
      levels(bits),
      m(
        `${bits} bits: every extra bit doubles the number of levels`,
        `${bits}비트: 비트가 하나 늘 때마다 단계 수가 두 배가 됩니다`,
      ),
    ).toBe(n);
  });

  // the README: bits is an integer from 1 to 16, anything else is a RangeError naming the value
  test.each([0, -3, 2.5, 17, 53, Number.NaN])(
    `levels(%d) → ${m('RangeError naming the value', '잘못된 값을 알려 주는 RangeError')}`,
    (bits) => {
      expect(
        () => levels(bits),
        m(
          `levels(${bits}) is outside 1…16 and must be rejected`,
          `levels(${bits})는 1…16 밖이라 거부해야 합니다`,
        ),
      ).toThrow(RangeError);
      expect(
        () => levels(bits),
        m('the message should name the bad value', '오류 메시지에 잘못된 값이 들어가야 합니다'),
      ).toThrow(String(bits));
    },
  );
});

describe('quantize', () => {
  test(`${m('quantize([0, 0.49, 0.5, 1], 1 bit) → [0, 0, 1, 1] (black or white)', 'quantize([0, 0.49, 0.5, 1], 1비트) → [0, 0, 1, 1] (검정 아니면 흰색)')}`, () => {
    expectClose(
      quantize(array([0, 0.49, 0.5, 1]), 1),
      [0, 0, 1, 1],
      m('1 bit: below 0.5 is black', '1비트: 0.5 미만은 검정'),
    );
  });

  test(`${m('quantize([0, 0.25, 0.5, 0.75, 1], 2 bits) → [0, 1, 2, 3, 3]', 'quantize([0, 0.25, 0.5, 0.75, 1], 2비트) → [0, 1, 2, 3, 3]')}`, () => {
    expectClose(
      quantize(array([0, 0.25, 0.5, 0.75, 1]), 2),
      [0, 1, 2, 3, 3],
      m(
        '2 bits give levels 0…3; 1.0 must be level 3, not 4',
        '2비트는 0…3 단계; 1.0은 4가 아니라 3',
      ),
    );
  });

  test(`${m('quantize keeps the shape: a [2, 2] image → [[0, 127], [128, 255]] with 8 bits', '모양 유지: 8비트로 [2, 2] 이미지 → [[0, 127], [128, 255]]')}`, () => {
    expectClose(
      quantize(
        array([
          [0, 0.499],
          [0.5, 1],
        ]),
        8,
      ),
      [
        [0, 127],
        [128, 255],
      ],
      m('8 bits: floor(v · 256), top level 255', '8비트: floor(v · 256), 맨 위 단계는 255'),
    );
  });

  test(`${m('the image is not changed (a new array comes back)', '원래 이미지는 그대로 (새 배열을 반환)')}`, () => {
    const image = array([0.1, 0.6, 0.9]);
    const q = expectInputsKept({ image }, () => quantize(image, 1));
    expect(
      q,
      m('return a new array, not the image', '이미지가 아니라 새 배열을 반환하세요'),
    ).not.toBe(image);
  });

  test(`${m('every value lands in its slice: q ≤ v · levels < q + 1 (property)', '모든 값이 제 구간에 들어감: q ≤ v · levels < q + 1 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (values, bits) => {
          const n = 2 ** bits;
          const q = Array.from(quantize(array(values), bits).data);
          // the slice k holds [k/n, (k+1)/n); 1.0 belongs to the top slice n − 1
          return q.every((v, i) => {
            const want = Math.min(n - 1, Math.floor((values[i] ?? 0) * n));
            return Number.isInteger(v) && v === want;
          });
        },
      ),
    );
  });
});

import { arange, ShapeError, zeros } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { subsample } from './subsample.js';

describe('subsample', () => {
  test(`${m('4×4 arange with step 2 → [[0, 2], [8, 10]]', '4×4 arange, step 2 → [[0, 2], [8, 10]]')}`, () => {
    expectClose(
      subsample(arange(16).reshape(4, 4), 2),
      [
        [0, 2],
        [8, 10],
      ],
      m('keep rows 0, 2 and columns 0, 2', '행 0, 2와 열 0, 2를 남깁니다'),
    );
  });

  test(`${m('512×512 with step 2 → 256×256 whose pixel [i, j] is the original [2i, 2j]', '512×512, step 2 → 256×256, 픽셀 [i, j]는 원본의 [2i, 2j]')}`, () => {
    const image = arange(512 * 512).reshape(512, 512);
    const small = subsample(image, 2);
    expect(
      [...small.shape],
      m('the lecture halves 512×512 to 256×256', '강의에서는 512×512를 256×256으로 줄입니다'),
    ).toEqual([256, 256]);
    expect(
      small.get(255, 255),
      m('the last kept pixel is [510, 510]', '마지막으로 남는 픽셀은 [510, 510]'),
    ).toBe(image.get(510, 510));
    expect(
      small.get(3, 7),
      m('pixel [3, 7] comes from [6, 14]', '픽셀 [3, 7]은 [6, 14]에서 옵니다'),
    ).toBe(image.get(6, 14));
  });

  test(`${m('5×5 with step 2 → 3×3 (the last partial block keeps its first pixel)', '5×5, step 2 → 3×3 (끝의 덜 찬 블록도 첫 픽셀은 남김)')}`, () => {
    expectClose(
      subsample(arange(25).reshape(5, 5), 2),
      [
        [0, 2, 4],
        [10, 12, 14],
        [20, 22, 24],
      ],
      m('ceil(5 / 2) = 3 rows and columns', 'ceil(5 / 2) = 3행, 3열'),
    );
  });

  test(`${m('step 1 returns the same pixels', 'step 1이면 픽셀이 모두 그대로')}`, () => {
    const image = arange(6).reshape(2, 3);
    expectClose(
      subsample(image, 1),
      image.toArray(),
      m('step 1 keeps everything', 'step 1은 모두 남깁니다'),
    );
  });

  test(`${m('a 1-D array → ShapeError naming its shape [4]', '1차원 배열 → 모양 [4]를 알려 주는 ShapeError')}`, () => {
    expect(
      () => subsample(zeros([4]), 2),
      m('a 1-D array is not an image', '1차원 배열은 이미지가 아닙니다'),
    ).toThrow(ShapeError);
    expect(
      () => subsample(zeros([4]), 2),
      m('the message should name the shape', '오류 메시지에 모양이 들어가야 합니다'),
    ).toThrow('[4]');
  });

  test.each([0, -2, 1.5])(
    `step %d → ${m('RangeError naming the step', '잘못된 step을 알려 주는 RangeError')}`,
    (step) => {
      expect(
        () => subsample(zeros([4, 4]), step),
        m(`step ${step} is not a whole number >= 1`, `step ${step}은(는) 1 이상의 정수가 아닙니다`),
      ).toThrow(RangeError);
      expect(
        () => subsample(zeros([4, 4]), step),
        m('name the bad step', '잘못된 step 값을 메시지에 넣으세요'),
      ).toThrow(String(step));
    },
  );

  test(`${m('a 3×7 image, step 3 → 1×3 (rows and columns each keep 0, 3, 6)', '3×7 이미지, step 3 → 1×3 (행도 열도 0, 3, 6번째를 남김)')}`, () => {
    expectClose(
      subsample(arange(21).reshape(3, 7), 3),
      [[0, 3, 6]],
      m('ceil(3 / 3) = 1 row, ceil(7 / 3) = 3 columns', 'ceil(3 / 3) = 1행, ceil(7 / 3) = 3열'),
    );
  });

  test(`${m('the image is not changed', '원래 이미지는 바뀌지 않음')}`, () => {
    const image = arange(16).reshape(4, 4);
    expectInputsKept({ image }, () => subsample(image, 2));
  });
});

import { arange, createRng, randn, im2col as reference } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { im2col } from './im2col.js';

// Expected values: the book's util.im2col re-typed in numpy (np.pad, one strided slice per filter
// position, transpose(0, 4, 5, 1, 2, 3)) on np.arange inputs, and by hand for the 3×3 image.
describe('im2col', () => {
  test(`${m('a 3×3 image 0…8 with a 2×2 filter: four windows, one per row (by hand)', '3×3 이미지 0…8, 2×2 필터: 윈도우 네 개, 한 행에 하나씩 (손으로 계산)')}`, () => {
    const col = im2col(arange(9).reshape(1, 1, 3, 3), 2, 2);
    expectClose(
      col,
      [
        [0, 1, 3, 4],
        [1, 2, 4, 5],
        [3, 4, 6, 7],
        [4, 5, 7, 8],
      ],
      m(
        'im2col(0…8 as [1, 1, 3, 3], 2, 2): rows (oy, ox), columns (ky, kx)',
        'im2col(0…8을 [1, 1, 3, 3]으로, 2, 2): 행은 (oy, ox), 열은 (ky, kx)',
      ),
      0,
    );
  });

  test(`${m('stride 2: a 5×5 image, 3×3 filter → 4 windows whose corners are 2 apart (numpy)', '스트라이드 2: 5×5 이미지, 3×3 필터 → 모서리가 2씩 떨어진 윈도우 4개 (numpy)')}`, () => {
    expectClose(
      im2col(arange(25).reshape(1, 1, 5, 5), 3, 3, 2),
      [
        [0, 1, 2, 5, 6, 7, 10, 11, 12],
        [2, 3, 4, 7, 8, 9, 12, 13, 14],
        [10, 11, 12, 15, 16, 17, 20, 21, 22],
        [12, 13, 14, 17, 18, 19, 22, 23, 24],
      ],
      m(
        'im2col(0…24 as [1, 1, 5, 5], 3, 3, stride 2)',
        'im2col(0…24를 [1, 1, 5, 5]로, 3, 3, stride 2)',
      ),
      0,
    );
  });

  test(`${m('two images of two channels, pad 1: shape [32, 8] and the padding reads 0 (numpy)', '채널 2개짜리 이미지 2장, pad 1: 모양 [32, 8], 패딩 자리는 0 (numpy)')}`, () => {
    const col = im2col(arange(36).reshape(2, 2, 3, 3), 2, 2, 1, 1);
    expect(
      [...col.shape],
      m(
        'shape: N·OH·OW = 2·4·4 rows, C·FH·FW = 2·2·2 columns',
        '모양: 행 N·OH·OW = 2·4·4개, 열 C·FH·FW = 2·2·2개',
      ),
    ).toEqual([32, 8]);
    const rows = col.toArray() as number[][];
    expectClose(
      rows.slice(0, 3),
      [
        [0, 0, 0, 0, 0, 0, 0, 9],
        [0, 0, 0, 1, 0, 0, 9, 10],
        [0, 0, 1, 2, 0, 0, 10, 11],
      ],
      m(
        'rows 0–2: the top-left windows hang over the padding; channel 0 first, then channel 1',
        '0–2행: 왼쪽 위 윈도우는 패딩에 걸침; 채널 0이 먼저, 그다음 채널 1',
      ),
      0,
    );
    expectClose(
      rows[31]!,
      [26, 0, 0, 0, 35, 0, 0, 0],
      m('row 31: the bottom-right window of image 1', '31행: 이미지 1의 오른쪽 아래 윈도우'),
      0,
    );
  });

  test(`${m("agrees with @dl/linalg's im2col on random images, filters, strides and pads", '무작위 이미지, 필터, 스트라이드, 패딩에서 @dl/linalg의 im2col과 일치')}`, () => {
    const rng = createRng(29);
    for (const [n, c, h, w, fh, fw, stride, pad] of [
      [2, 3, 6, 6, 3, 3, 1, 1],
      [1, 2, 7, 5, 3, 1, 2, 0],
      [3, 1, 5, 5, 2, 2, 1, 0],
      [1, 2, 6, 6, 2, 2, 2, 1],
    ] as const) {
      const x = randn([n, c, h, w], rng);
      const want = reference(x, fh, fw, stride, pad);
      expectClose(
        im2col(x, fh, fw, stride, pad),
        want.toArray() as number[][],
        `im2col(x [${n}, ${c}, ${h}, ${w}], ${fh}, ${fw}, stride ${stride}, pad ${pad})`,
        1e-12,
      );
    }
  });
});

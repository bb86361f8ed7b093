import { array, type NDArray } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { cosArray, expectClose, m, sinArray } from '../runner/testing.js';
import { Pooling } from './pooling.js';

const total = (a: NDArray) => Array.from(a.data).reduce((s, v) => s + v, 0);

describe(`${m('Pooling, 2×2 window, stride 2 (by hand, as in the book)', 'Pooling, 2×2 윈도우, 스트라이드 2 (책처럼 손으로 계산)')}`, () => {
  test(`${m('forward keeps each window’s maximum; backward sends dout to where it was', 'forward는 윈도우마다 최댓값을 남기고, backward는 dout을 그 자리로 보냄')}`, () => {
    const pool = new Pooling(2, 2, 2);
    const x = array([
      [
        [
          [1, 2, 0, 1],
          [3, 4, 1, 5],
          [0, 1, 2, 2],
          [1, 0, 3, 1],
        ],
      ],
    ]);
    expectClose(
      pool.forward(x),
      [
        [
          [
            [4, 5],
            [1, 3],
          ],
        ],
      ],
      m('forward: max of each 2×2 window', 'forward: 2×2 윈도우마다 최댓값'),
      0,
    );
    expectClose(
      pool.backward(
        array([
          [
            [
              [10, 20],
              [30, 40],
            ],
          ],
        ]),
      ),
      [
        [
          [
            [0, 0, 0, 0],
            [0, 10, 0, 20],
            [0, 30, 0, 0],
            [0, 0, 40, 0],
          ],
        ],
      ],
      m(
        'backward: 10 → the 4, 20 → the 5, 30 → the first 1 of its window (ties: the first), 40 → the 3',
        'backward: 10 → 4의 자리, 20 → 5의 자리, 30 → 윈도우의 첫 번째 1 (같으면 첫 번째), 40 → 3의 자리',
      ),
      0,
    );
  });
});

// Expected values: the book's Pooling (im2col, argmax, col2im) re-typed in numpy,
// x = sin(1.3·arange + 0.5) [2, 3, 4, 4], dout = cos(0.3·arange).
describe(`${m('Pooling on several images and channels (numpy)', '여러 이미지와 채널에서 Pooling (numpy)')}`, () => {
  test(`${m('2×2 stride 2: sums of the output and of dx, one nonzero gradient per window', '2×2 스트라이드 2: 출력과 dx의 합, 윈도우마다 0이 아닌 기울기 하나')}`, () => {
    const pool = new Pooling(2, 2, 2);
    const out = pool.forward(sinArray([2, 3, 4, 4], 1.3));
    expect([...out.shape], m('shape [N, C, OH, OW]', '모양 [N, C, OH, OW]')).toEqual([2, 3, 2, 2]);
    expect(total(out), 'Σ out').toBeCloseTo(14.422674505847144, 10);
    expect(
      out.get(1, 2, 1, 0),
      m('out[1, 2, 1, 0]: the channel is kept', 'out[1, 2, 1, 0]: 채널은 그대로'),
    ).toBeCloseTo(0.9732388013878134, 10);
    const dx = pool.backward(cosArray(out.shape));
    expect(
      total(dx),
      m('Σ dx = Σ dout: all of it goes somewhere', 'Σ dx = Σ dout: 기울기는 빠짐없이 어딘가로 감'),
    ).toBeCloseTo(2.8215123658358863, 10);
    expect(
      dx.data.filter((v) => v !== 0).length,
      m('one nonzero per window (24 windows)', '윈도우마다 0이 아닌 값 하나 (윈도우 24개)'),
    ).toBe(24);
  });

  test(`${m('3×3 stride 1 (overlapping windows): a maximum shared by windows receives the sum', '3×3 스트라이드 1 (겹치는 윈도우): 여러 윈도우의 최댓값인 자리는 기울기를 합쳐 받음')}`, () => {
    const pool = new Pooling(3, 3, 1);
    const out = pool.forward(sinArray([2, 3, 4, 4], 1.3));
    expect([...out.shape], m('shape', '모양')).toEqual([2, 3, 2, 2]);
    expect(total(out), 'Σ out').toBeCloseTo(22.803323114389528, 10);
    expect(out.get(1, 0, 1, 1), 'out[1, 0, 1, 1]').toBeCloseTo(0.9998996738972931, 10);
    const dx = pool.backward(cosArray(out.shape));
    expect(total(dx), 'Σ dx').toBeCloseTo(2.8215123658358854, 10);
    // numpy: dx.max() = 1.9553…, larger than any one dout (≤ 1): two windows added their gradients.
    expect(
      Math.max(...dx.data),
      m(
        'max dx: gradients of overlapping windows add up',
        'dx의 최댓값: 겹치는 윈도우의 기울기가 더해짐',
      ),
    ).toBeCloseTo(1.955336489125606, 10);
    expect(
      dx.data.filter((v) => v !== 0).length,
      m('positions that were a maximum', '최댓값이었던 자리의 수'),
    ).toBe(14);
  });
});

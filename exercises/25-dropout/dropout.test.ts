import { array, createRng, NDArray } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { Dropout } from './dropout.js';

const x = () =>
  array([
    [1, 2, 3, 4, 5],
    [6, 7, 8, 9, 10],
  ]);

/** The mask the layer must draw: the same seed, one draw per element, kept when draw > ratio. */
function expectedMask(seed: number, n: number, ratio: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => (rng.random() > ratio ? 1 : 0));
}

describe(`${m('Dropout.forward in training (trainFlg = true)', '훈련 중의 Dropout.forward (trainFlg = true)')}`, () => {
  test(`${m('keeps exactly the elements whose draw is above the ratio, in order', '뽑은 난수가 ratio보다 큰 원소만 순서대로 남김')}`, () => {
    const input = x();
    const layer = new Dropout(0.4, createRng(3));
    const out = layer.forward(input, true);
    const mask = expectedMask(3, 10, 0.4);
    expectClose(
      out,
      [mask.slice(0, 5).map((m, i) => m * (i + 1)), mask.slice(5).map((m, i) => m * (i + 6))],
      m(
        'x ⊙ mask with mask = (rng.random() > ratio), one draw per element in row-major order',
        'x ⊙ mask, mask = (rng.random() > ratio): 행 우선 순서로 원소마다 한 번씩 뽑기',
      ),
      0,
    );
  });

  test(`${m('drops about the ratio of 20,000 units (0.2 → 20 %, not 80 %)', '뉴런 20,000개 중 대략 ratio만큼 버림 (0.2 → 80 %가 아니라 20 %)')}`, () => {
    const layer = new Dropout(0.2, createRng(0));
    const out = layer.forward(new NDArray(new Float64Array(20_000).fill(1), [20_000]), true);
    const dropped = out.data.filter((v) => v === 0).length / 20_000;
    // Binomial(20000, 0.2): standard deviation ≈ 0.003, so ±0.02 is far beyond chance.
    expect(
      Math.abs(dropped - 0.2),
      m(`dropped fraction ${dropped}, expected ≈ 0.2`, `버린 비율 ${dropped}, 기댓값 ≈ 0.2`),
    ).toBeLessThan(0.02);
  });

  test(`${m('leaves its input unchanged and draws a new mask each call', '입력은 그대로 두고, 부를 때마다 마스크를 새로 뽑음')}`, () => {
    const input = x();
    const layer = new Dropout(0.5, createRng(1));
    const a = layer.forward(input, true);
    const b = layer.forward(input, true);
    expectClose(
      input,
      x().toArray() as number[][],
      m('x itself is not modified by forward', 'forward는 x 자체를 바꾸지 않습니다'),
      0,
    );
    expect(
      Array.from(a.data),
      m(
        'two training passes use two different masks',
        '훈련 때 두 번 부르면 마스크도 서로 달라야 합니다',
      ),
    ).not.toEqual(Array.from(b.data));
  });
});

describe(`${m('Dropout at test time (trainFlg = false)', '테스트 때의 Dropout (trainFlg = false)')}`, () => {
  test(`${m('keeps every unit and scales by 1 − ratio: 0.75 · [2, −4, 8] = [1.5, −3, 6]', '뉴런을 모두 남기고 1 − ratio를 곱함: 0.75 · [2, −4, 8] = [1.5, −3, 6]')}`, () => {
    const layer = new Dropout(0.25, createRng(0));
    expectClose(
      layer.forward(array([[2, -4, 8]]), false),
      [[1.5, -3, 6]],
      m(
        'x · (1 − ratio), so the next layer sees on average what it saw in training',
        'x · (1 − ratio): 다음 계층이 훈련 때와 평균적으로 같은 값을 보도록',
      ),
      1e-12,
    );
  });
});

describe('Dropout.backward', () => {
  test(`${m('passes dout where the unit was kept and 0 where it was dropped', '남은 뉴런에는 dout을, 버린 뉴런에는 0을 보냄')}`, () => {
    const layer = new Dropout(0.4, createRng(3));
    layer.forward(x(), true);
    const dx = layer.backward(
      array([
        [1, 1, 1, 1, 1],
        [2, 2, 2, 2, 2],
      ]),
    );
    const mask = expectedMask(3, 10, 0.4);
    expectClose(
      dx,
      [mask.slice(0, 5), mask.slice(5).map((m) => 2 * m)],
      m(
        'dx = dout ⊙ mask (a dropped unit had no effect on the loss)',
        'dx = dout ⊙ mask (버린 뉴런은 손실에 영향을 주지 않았음)',
      ),
      0,
    );
  });
});

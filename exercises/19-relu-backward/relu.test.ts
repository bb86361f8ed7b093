import { array, createRng, randn } from '@dl/linalg';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { Relu } from './relu.js';

describe('Relu.backward', () => {
  test('x = [[1, −0.5], [−2, 3]], dout = [[5, 6], [7, 8]] → [[5, 0], [0, 8]]', () => {
    const relu = new Relu();
    relu.forward(
      array([
        [1, -0.5],
        [-2, 3],
      ]),
    );
    expectClose(
      relu.backward(
        array([
          [5, 6],
          [7, 8],
        ]),
      ),
      [
        [5, 0],
        [0, 8],
      ],
      m(
        'the gradient passes where x > 0 and is blocked (0) where x <= 0',
        'x > 0인 곳은 기울기가 통과하고 x <= 0인 곳은 막힙니다(0)',
      ),
    );
  });

  test(`${m('x = [0, 0.001], dout = [1, 1] → [0, 1] (slope 0 at exactly 0)', 'x = [0, 0.001], dout = [1, 1] → [0, 1] (정확히 0에서는 기울기 0)')}`, () => {
    const relu = new Relu();
    relu.forward(array([0, 0.001]));
    expectClose(
      relu.backward(array([1, 1])),
      [0, 1],
      m('x = 0 counts as off, like the book', '책처럼 x = 0은 꺼진 것으로 셉니다'),
    );
  });

  test(`${m('dout is not modified, and a second backward gives the same dx', 'dout은 그대로, backward를 다시 불러도 같은 dx')}`, () => {
    const relu = new Relu();
    relu.forward(array([-1, 1]));
    const dout = array([3, 4]);
    expectInputsKept({ dout }, () => relu.backward(dout));
    expectClose(
      relu.backward(array([3, 4])),
      [0, 4],
      m('the second backward, same dout', '두 번째 backward, 같은 dout'),
    );
  });

  test(`${m('forward leaves x as it was', 'forward는 x를 그대로 둠')}`, () => {
    const x = array([-1, 0, 2]);
    expectInputsKept({ x }, () => new Relu().forward(x));
  });

  test(`${m('a large dout where x < 0 is blocked completely: dout = [1e9, 1e9] at x = [−3, 5] → [0, 1e9]', 'x < 0인 곳은 큰 dout도 완전히 막힘: x = [−3, 5], dout = [1e9, 1e9] → [0, 1e9]')}`, () => {
    // a slope of 1e-7 hides when dout is about 1, not at 1e9
    const relu = new Relu();
    relu.forward(array([-3, 5]));
    expectClose(
      relu.backward(array([1e9, 1e9])),
      [0, 1e9],
      m(
        'exactly 0 where the input was <= 0: the local slope of max(0, x) there is 0',
        '입력이 0 이하인 곳은 정확히 0: 그곳에서 max(0, x)의 기울기는 0',
      ),
    );
  });

  test(`${m('the mask comes from x, not from dout: x = [2, −2], dout = [−5, −5] → [−5, 0]', '마스크는 dout이 아니라 x로 만듦: x = [2, −2], dout = [−5, −5] → [−5, 0]')}`, () => {
    const relu = new Relu();
    relu.forward(array([2, -2]));
    expectClose(
      relu.backward(array([-5, -5])),
      [-5, 0],
      m('a negative dout still passes where x > 0', 'x > 0인 곳은 음수 dout도 통과합니다'),
    );
  });

  test(`${m('matches the numerical gradient of Σ dout · relu(x) on random inputs (property)', '무작위 입력에서 Σ dout · relu(x)의 수치 기울기와 일치 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = createRng(seed);
        const x = randn([3, 4], rng);
        const dout = randn([3, 4], rng);
        const relu = new Relu();
        relu.forward(x);
        const dx = relu.backward(dout);
        // d/dx_i Σ dout_j max(0, x_j) = dout_i where x_i > 0, else 0
        const want = Array.from(x.data, (v, i) => (v > 0 ? dout.data[i]! : 0));
        expectClose(
          dx,
          array(want, [3, 4]).toArray(),
          m('dx for random x and dout', '무작위 x와 dout에 대한 dx'),
        );
      }),
      { numRuns: 25 },
    );
  });
});

import { array, ShapeError, zeros } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { Affine, Relu, Sigmoid } from './forward-layers.js';

describe('Relu.forward', () => {
  test('[[1, −0.5], [−2, 3]] → [[1, 0], [0, 3]]', () => {
    expectClose(
      new Relu().forward(
        array([
          [1, -0.5],
          [-2, 3],
        ]),
      ),
      [
        [1, 0],
        [0, 3],
      ],
      m('negative values become 0, positive ones pass', '음수는 0, 양수는 그대로'),
    );
  });

  test(`${m('large inputs: [−1e9, −3e5, 2e5] → [0, 0, 2e5] (a negative input gives exactly 0)', '큰 입력: [−1e9, −3e5, 2e5] → [0, 0, 2e5] (음수 입력은 정확히 0)')}`, () => {
    // a tiny slope for negative inputs hides in small examples but not at −1e9
    expectClose(
      new Relu().forward(array([-1e9, -3e5, 2e5])),
      [0, 0, 2e5],
      m('max(0, x): no slope at all below 0', 'max(0, x): 0 아래에는 기울기가 전혀 없습니다'),
    );
  });
});

test(`${m('forward leaves x as it was (Relu, Sigmoid, Affine)', 'forward는 x를 그대로 둠 (Relu, Sigmoid, Affine)')}`, () => {
  const x = array([
    [1, -0.5],
    [-2, 3],
  ]);
  expectInputsKept({ x }, () => new Relu().forward(x));
  expectInputsKept({ x }, () => new Sigmoid().forward(x));
  const W = array([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = array([0.1, 0.2, 0.3]);
  expectInputsKept({ x, W, b }, () => new Affine(W, b).forward(x));
});

describe('Sigmoid.forward', () => {
  test('[−1, 0, 1] → [0.2689, 0.5, 0.7311]', () => {
    // numpy: 1 / (1 + np.exp(-x)) = [0.26894142, 0.5, 0.73105858]
    expectClose(
      new Sigmoid().forward(array([-1, 0, 1])),
      [0.2689414213699951, 0.5, 0.7310585786300049],
      m('1 / (1 + exp(−x)); sigmoid(0) = 0.5', '1 / (1 + exp(−x)); sigmoid(0) = 0.5'),
      1e-12,
    );
  });

  test(`${m('[−1000, 1000] → [0, 1] (no NaN at the extremes)', '[−1000, 1000] → [0, 1] (양 끝에서도 NaN 없음)')}`, () => {
    expectClose(
      new Sigmoid().forward(array([-1000, 1000])),
      [0, 1],
      m(
        'saturates at 0 and 1 (no Infinity / Infinity)',
        '0과 1에 가까워집니다 (Infinity / Infinity 없이)',
      ),
      1e-12,
    );
  });
});

describe('Affine.forward', () => {
  const W = array([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = array([0.1, 0.2, 0.3]);

  test(`${m('one sample (1, 2) · (2, 3) + (3,) → (1, 3) [[9.1, 12.2, 15.3]]', '샘플 하나 (1, 2) · (2, 3) + (3,) → (1, 3) [[9.1, 12.2, 15.3]]')}`, () => {
    // [1, 2] · W = [1 + 8, 2 + 10, 3 + 12] = [9, 12, 15]; plus b
    expectClose(
      new Affine(W, b).forward(array([[1, 2]])),
      [[9.1, 12.2, 15.3]],
      m('X · W + b: the bias is added after the product', 'X · W + b: 곱한 뒤에 편향을 더합니다'),
      1e-12,
    );
  });

  test(`${m('a 1-D sample (2,) → (3,) [9.1, 12.2, 15.3], as in the lecture', '1차원 샘플 (2,) → (3,) [9.1, 12.2, 15.3], 강의와 같이')}`, () => {
    expectClose(
      new Affine(W, b).forward(array([1, 2])),
      [9.1, 12.2, 15.3],
      m(
        'X (2,) · W (2,3) + B (3,): a 1-D input gives a 1-D output',
        'X (2,) · W (2,3) + B (3,): 1차원 입력이면 출력도 1차원',
      ),
      1e-12,
    );
  });

  test(`${m('a batch (3, 2) → (3, 3), the bias added to every row', '배치 (3, 2) → (3, 3), 편향은 모든 행에 더함')}`, () => {
    expectClose(
      new Affine(W, b).forward(
        array([
          [1, 2],
          [0, 0],
          [-1, 1],
        ]),
      ),
      [
        [9.1, 12.2, 15.3],
        [0.1, 0.2, 0.3],
        [3.1, 3.2, 3.3],
      ],
      m(
        'b is added to every row; a zero input row gives exactly b',
        'b는 모든 행에 더해집니다; 0인 입력 행은 정확히 b',
      ),
      1e-12,
    );
  });

  test(`${m('x (1, 3) with W (2, 3) → ShapeError', 'x (1, 3), W (2, 3) → ShapeError')}`, () => {
    expect(
      () => new Affine(W, b).forward(zeros([1, 3])),
      m('x.shape[1] must equal W.shape[0]', 'x.shape[1]은 W.shape[0]과 같아야 합니다'),
    ).toThrow(ShapeError);
  });
});

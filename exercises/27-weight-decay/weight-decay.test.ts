import { array, type NDArray } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { addWeightDecay, weightDecayLoss } from './weight-decay.js';

const params = (): Record<string, NDArray> => ({
  W1: array([
    [1, -2],
    [0.5, 3],
  ]),
  b1: array([4, -4]),
  W2: array([[2], [-1]]),
  b2: array([10]),
});

describe('weightDecayLoss', () => {
  test(`${m('½ · λ · ΣW² over W1 and W2 only: ½ · 0.1 · (1 + 4 + 0.25 + 9 + 4 + 1) = 0.9625', 'W1과 W2에만 ½ · λ · ΣW²: ½ · 0.1 · (1 + 4 + 0.25 + 9 + 4 + 1) = 0.9625')}`, () => {
    // by hand: ΣW1² = 14.25, ΣW2² = 5; the biases (16 + 16 + 100) are not decayed
    expect(weightDecayLoss(params(), 0.1)).toBeCloseTo(0.9625, 12);
  });

  test(`${m('is 0 for λ = 0 and grows linearly with λ', 'λ = 0이면 0, λ에 비례해 커짐')}`, () => {
    expect(weightDecayLoss(params(), 0)).toBe(0);
    expect(weightDecayLoss(params(), 0.2)).toBeCloseTo(2 * weightDecayLoss(params(), 0.1), 12);
  });
});

describe('addWeightDecay', () => {
  test(`${m('adds λ · W to each weight gradient, in place, and leaves the biases alone', '가중치의 기울기마다 λ · W를 제자리에서 더하고 편향은 그대로 둠')}`, () => {
    const p = params();
    const grads = {
      W1: array([
        [0.1, 0.2],
        [0.3, 0.4],
      ]),
      b1: array([1, 1]),
      W2: array([[0], [0.5]]),
      b2: array([-1]),
    };
    const W1grad = grads.W1;
    addWeightDecay(grads, p, 0.1);
    expect(
      grads.W1,
      m('the same gradient array, changed in place', '같은 기울기 배열을 제자리에서 바꿔야 합니다'),
    ).toBe(W1grad);
    expectClose(
      grads.W1,
      [
        [0.2, 0.0],
        [0.35, 0.7],
      ],
      m(
        'dW1 + λ·W1 = [[0.1 + 0.1, 0.2 − 0.2], [0.3 + 0.05, 0.4 + 0.3]] (the decay added)',
        'dW1 + λ·W1 = [[0.1 + 0.1, 0.2 − 0.2], [0.3 + 0.05, 0.4 + 0.3]] (감소 항을 더함)',
      ),
      1e-12,
    );
    expectClose(
      grads.W2,
      [[0.2], [0.4]],
      m('dW2 + λ·W2 (the data gradient is kept)', 'dW2 + λ·W2 (데이터에서 온 기울기는 남겨 둠)'),
      1e-12,
    );
    expectClose(grads.b1, [1, 1], m('b1 is not decayed', 'b1에는 가중치 감소를 적용하지 않음'), 0);
    expectClose(grads.b2, [-1], m('b2 is not decayed', 'b2에는 가중치 감소를 적용하지 않음'), 0);
  });

  test(`${m('is the gradient of weightDecayLoss (central differences on every weight)', 'weightDecayLoss의 기울기와 같음 (가중치마다 중앙 차분)')}`, () => {
    const p = params();
    const lambda = 0.3;
    const grads = Object.fromEntries(
      Object.entries(p).map(([k, v]) => [k, array(new Array(v.size).fill(0)).reshape(...v.shape)]),
    );
    addWeightDecay(grads, p, lambda);
    const h = 1e-5;
    for (const key of ['W1', 'W2', 'b1']) {
      const d = p[key]!.data;
      for (let i = 0; i < d.length; i++) {
        const tmp = d[i]!;
        d[i] = tmp + h;
        const a = weightDecayLoss(p, lambda);
        d[i] = tmp - h;
        const c = weightDecayLoss(p, lambda);
        d[i] = tmp;
        expect(
          grads[key]!.data[i],
          m(`∂(decay term)/∂${key}[${i}]`, `∂(감소 항)/∂${key}[${i}]`),
        ).toBeCloseTo((a - c) / (2 * h), 6);
      }
    }
  });
});

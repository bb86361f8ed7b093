import { describe, expect, test } from 'vitest';
import { m } from '../runner/testing.js';
import { AddLayer, cafe, MulLayer } from './layers.js';

describe('AddLayer', () => {
  test('forward(200, 25) → 225; backward(1.3) → [1.3, 1.3]', () => {
    const add = new AddLayer();
    expect(add.forward(200, 25), m("the lecture's add node", '강의의 덧셈 노드')).toBe(225);
    expect(
      add.backward(1.3),
      m(
        'an add node passes dout unchanged to both inputs',
        '덧셈 노드는 dout을 그대로 두 입력에 전달합니다',
      ),
    ).toEqual([1.3, 1.3]);
  });
});

describe('MulLayer', () => {
  test('forward(100, 2) → 200; backward(1) → [2, 100] (the inputs swap)', () => {
    const mul = new MulLayer();
    expect(mul.forward(100, 2), 'x · y').toBe(200);
    expect(
      mul.backward(1),
      m(
        '∂(xy)/∂x = y = 2 and ∂(xy)/∂y = x = 100 (the inputs swap)',
        '∂(xy)/∂x = y = 2, ∂(xy)/∂y = x = 100 (입력이 서로 바뀝니다)',
      ),
    ).toEqual([2, 100]);
  });

  test('forward(3, −4); backward(0.5) → [−2, 1.5]', () => {
    const mul = new MulLayer();
    mul.forward(3, -4);
    expect(mul.backward(0.5), m('dout · y and dout · x', 'dout · y와 dout · x')).toEqual([-2, 1.5]);
  });
});

describe('the café (2 machines, 5 tables, 15 chairs, 20 cups, 10% tax)', () => {
  test('total → 3,190,000 won (2,900,000 × 1.1)', () => {
    expect(cafe().total, '(2,000,000 + 250,000 + 450,000 + 200,000) × 1.1').toBeCloseTo(
      3_190_000,
      6,
    );
  });

  test('one more coffee machine → +1,100,000 won; 1 won on its price → +2.2 won', () => {
    const { grads } = cafe();
    expect(
      grads.machineCount,
      m(
        '∂total/∂count = price × 1.1 (got 2.2? the multiply node must swap; each item needs its own MulLayer)',
        '∂total/∂count = 가격 × 1.1 (2.2가 나왔나요? 곱셈 노드는 입력을 바꿔야 하고, 품목마다 MulLayer가 따로 필요합니다)',
      ),
    ).toBeCloseTo(1_100_000, 6);
    expect(
      grads.machinePrice,
      m('∂total/∂price = count × 1.1', '∂total/∂price = 개수 × 1.1'),
    ).toBeCloseTo(2.2, 9);
  });

  test('the other items: cups +11,000 per cup, chairs 16.5 per won of price', () => {
    const { grads } = cafe();
    expect(grads.cupCount, '10,000 × 1.1').toBeCloseTo(11_000, 6);
    expect(grads.chairPrice, m('15 chairs × 1.1', '의자 15개 × 1.1')).toBeCloseTo(16.5, 9);
    expect(grads.tableCount, '50,000 × 1.1').toBeCloseTo(55_000, 6);
  });

  test('∂total/∂tax → 2,900,000 (the pre-tax sum)', () => {
    expect(
      cafe().grads.tax,
      m(
        'the tax node multiplies the sum by 1.1: its gradient is the sum',
        '세금 노드는 합에 1.1을 곱합니다: 그 기울기는 합',
      ),
    ).toBeCloseTo(2_900_000, 6);
  });
});

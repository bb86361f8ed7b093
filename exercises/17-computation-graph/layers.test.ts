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
  test(`${m('forward(100, 2) → 200; backward(1) → [2, 100] (the inputs swap)', 'forward(100, 2) → 200; backward(1) → [2, 100] (입력이 서로 바뀜)')}`, () => {
    const mul = new MulLayer();
    expect(
      mul.forward(100, 2),
      m(
        'x · y: a multiply node multiplies its two inputs',
        'x · y: 곱셈 노드는 두 입력을 곱합니다',
      ),
    ).toBe(200);
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

describe(`${m('the café (2 machines, 5 tables, 15 chairs, 20 cups, 10% tax)', '카페 (커피 머신 2대, 테이블 5개, 의자 15개, 컵 20개, 세금 10%)')}`, () => {
  test(`${m('total → 3,190,000 won (2,900,000 × 1.1)', '총액 → 3,190,000원 (2,900,000 × 1.1)')}`, () => {
    expect(
      cafe().total,
      m(
        '(2,000,000 + 250,000 + 450,000 + 200,000) × 1.1: the items added up, then the tax',
        '(2,000,000 + 250,000 + 450,000 + 200,000) × 1.1: 품목을 모두 더한 뒤 세금',
      ),
    ).toBeCloseTo(3_190_000, 6);
  });

  test(`${m('one more coffee machine → +1,100,000 won; 1 won on its price → +2.2 won', '커피 머신 한 대 더 → +1,100,000원; 그 가격이 1원 오르면 → +2.2원')}`, () => {
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

  test(`${m('the other items: cups +11,000 per cup, chairs 16.5 per won of price', '다른 품목: 컵은 한 개에 +11,000원, 의자는 가격 1원당 +16.5원')}`, () => {
    const { grads } = cafe();
    expect(
      grads.cupCount,
      m("10,000 × 1.1: one cup's price with the tax", '10,000 × 1.1: 세금을 더한 컵 한 개의 가격'),
    ).toBeCloseTo(11_000, 6);
    expect(grads.chairPrice, m('15 chairs × 1.1', '의자 15개 × 1.1')).toBeCloseTo(16.5, 9);
    expect(
      grads.tableCount,
      m(
        "50,000 × 1.1: one table's price with the tax",
        '50,000 × 1.1: 세금을 더한 테이블 한 개의 가격',
      ),
    ).toBeCloseTo(55_000, 6);
  });

  test(`${m('∂total/∂tax → 2,900,000 (the pre-tax sum)', '∂total/∂tax → 2,900,000 (세전 합계)')}`, () => {
    expect(
      cafe().grads.tax,
      m(
        'the tax node multiplies the sum by 1.1: its gradient is the sum',
        '세금 노드는 합에 1.1을 곱합니다: 그 기울기는 합',
      ),
    ).toBeCloseTo(2_900_000, 6);
  });
});

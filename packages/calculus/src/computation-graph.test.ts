import { describe, expect, it } from 'vitest';
import { AddLayer } from './add-layer.js';
import { MulLayer } from './mul-layer.js';

describe("the lecture's café example (카페창업, 계산 그래프)", () => {
  // 2 coffee machines × 1,000,000 won, 5 tables × 50,000, 15 chairs × 30,000, 20 cups × 10,000,
  // then 10% tax: the graph multiplies the sum by 1.1. Expected values computed by hand (and in
  // Python float64): subtotal 2,900,000; total 3,190,000.
  const price = { machine: 1_000_000, table: 50_000, chair: 30_000, cup: 10_000 };
  const count = { machine: 2, table: 5, chair: 15, cup: 20 };
  const tax = 1.1;

  it('computes the total forwards and every derivative backwards', () => {
    const mulMachine = new MulLayer();
    const mulTable = new MulLayer();
    const mulChair = new MulLayer();
    const mulCup = new MulLayer();
    const add1 = new AddLayer();
    const add2 = new AddLayer();
    const add3 = new AddLayer();
    const mulTax = new MulLayer();

    const machine = mulMachine.forward(price.machine, count.machine);
    const table = mulTable.forward(price.table, count.table);
    const chair = mulChair.forward(price.chair, count.chair);
    const cup = mulCup.forward(price.cup, count.cup);
    const subtotal = add3.forward(add2.forward(add1.forward(machine, table), chair), cup);
    const total = mulTax.forward(subtotal, tax);
    expect([machine, table, chair, cup]).toEqual([2_000_000, 250_000, 450_000, 200_000]);
    expect(subtotal).toBe(2_900_000);
    expect(total).toBeCloseTo(3_190_000, 6); // 3190000.0000000005 in float64

    // Backward from dtotal = 1. The multiply node swaps its inputs, the add node passes dout on.
    const [dSubtotal, dTax] = mulTax.backward(1);
    expect(dTax).toBe(2_900_000); // ∂total/∂tax = subtotal (also ∂total/∂(tax rate 0.1))
    expect(dSubtotal).toBeCloseTo(1.1, 15);
    const [dSum2, dCup] = add3.backward(dSubtotal);
    const [dSum1, dChair] = add2.backward(dSum2);
    const [dMachine, dTable] = add1.backward(dSum1);
    expect([dMachine, dTable, dChair, dCup]).toEqual([1.1, 1.1, 1.1, 1.1]);

    const grads = {
      machine: mulMachine.backward(dMachine),
      table: mulTable.backward(dTable),
      chair: mulChair.backward(dChair),
      cup: mulCup.backward(dCup),
    };
    // [∂total/∂price, ∂total/∂count] = [1.1·count, 1.1·price]
    const expected = {
      machine: [2.2, 1_100_000],
      table: [5.5, 55_000],
      chair: [16.5, 33_000],
      cup: [22, 11_000],
    };
    for (const item of ['machine', 'table', 'chair', 'cup'] as const) {
      expect(grads[item][0]).toBeCloseTo(expected[item][0]!, 9);
      expect(grads[item][1]).toBeCloseTo(expected[item][1]!, 6);
    }
  });

  it('agrees with the numerical derivative of the total with respect to the chair price', () => {
    const totalFor = (chairPrice: number) =>
      (price.machine * count.machine +
        price.table * count.table +
        chairPrice * count.chair +
        price.cup * count.cup) *
      tax;
    const h = 1;
    const numeric = (totalFor(price.chair + h) - totalFor(price.chair - h)) / (2 * h);
    expect(numeric).toBeCloseTo(16.5, 6);
  });
});

describe('AddLayer and MulLayer', () => {
  it('forward and backward on the lecture numbers (200 + 25 = 225)', () => {
    const add = new AddLayer();
    expect(add.forward(200, 25)).toBe(225);
    expect(add.backward(1.1)).toEqual([1.1, 1.1]);
    const mul = new MulLayer();
    expect(mul.forward(100, 2)).toBe(200);
    expect(mul.backward(1)).toEqual([2, 100]);
  });

  it('reports misuse clearly', () => {
    expect(() => new MulLayer().backward(1)).toThrow(
      'MulLayer.backward: called before forward; expected forward(x, y) first, got no stored inputs',
    );
    expect(() => new AddLayer().forward(1, '2' as unknown as number)).toThrow(
      new TypeError('AddLayer.forward: y is not a number; expected a number, got string'),
    );
    expect(() => new AddLayer().backward(undefined as unknown as number)).toThrow(
      'AddLayer.backward: dout is not a number; expected a number, got undefined',
    );
  });
});

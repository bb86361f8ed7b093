// Known-wrong answer (CI: the tests must catch it): MulLayer.backward gives dout · x to x and dout · y to y (the inputs not swapped)
/** A multiply node `z = x · y` of a computation graph. */
export class MulLayer {
  private x = 0;
  private y = 0;

  /**
   * @param x - first input
   * @param y - second input
   * @returns `x · y` (the inputs are kept for backward)
   */
  forward(x: number, y: number): number {
    this.x = x;
    this.y = y;
    return x * y;
  }

  /**
   * @param dout - ∂L/∂z coming from the next node
   * @returns `[∂L/∂x, ∂L/∂y]`
   */
  backward(dout: number): [number, number] {
    // ∂(xy)/∂x = y and ∂(xy)/∂y = x: the inputs swap
    return [dout * this.x, dout * this.y];
  }
}

/** An add node `z = x + y` of a computation graph. */
export class AddLayer {
  /**
   * @param x - first input
   * @param y - second input
   * @returns `x + y`
   */
  forward(x: number, y: number): number {
    return x + y;
  }

  /**
   * @param dout - ∂L/∂z coming from the next node
   * @returns `[∂L/∂x, ∂L/∂y]`
   */
  backward(dout: number): [number, number] {
    // ∂(x + y)/∂x = ∂(x + y)/∂y = 1: dout passes through unchanged
    return [dout, dout];
  }
}

/** The café's costs and how the total changes with each input. */
export interface CafeResult {
  total: number;
  grads: Record<
    | 'machinePrice'
    | 'machineCount'
    | 'tablePrice'
    | 'tableCount'
    | 'chairPrice'
    | 'chairCount'
    | 'cupPrice'
    | 'cupCount'
    | 'tax',
    number
  >;
}

/**
 * The lecture's café as a graph (given): 2 machines × 1,000,000, 5 tables × 50,000, 15 chairs × 30,000,
 * 20 cups × 10,000, summed, × 1.1 tax; then one backward sweep from `dout = 1`.
 *
 * @returns the total and the gradient of the total with respect to every price, count and the tax
 */
export function cafe(): CafeResult {
  const [machine, table, chair, cup, taxNode] = [
    new MulLayer(),
    new MulLayer(),
    new MulLayer(),
    new MulLayer(),
    new MulLayer(),
  ];
  const [add1, add2, add3] = [new AddLayer(), new AddLayer(), new AddLayer()];
  // forward
  const m = machine.forward(1_000_000, 2);
  const t = table.forward(50_000, 5);
  const c = chair.forward(30_000, 15);
  const u = cup.forward(10_000, 20);
  const s = add3.forward(add2.forward(add1.forward(m, t), c), u);
  const total = taxNode.forward(s, 1.1);
  // backward, from the end
  const [ds, dTax] = taxNode.backward(1);
  const [ds2, du] = add3.backward(ds);
  const [ds1, dc] = add2.backward(ds2);
  const [dm, dt] = add1.backward(ds1);
  const [machinePrice, machineCount] = machine.backward(dm);
  const [tablePrice, tableCount] = table.backward(dt);
  const [chairPrice, chairCount] = chair.backward(dc);
  const [cupPrice, cupCount] = cup.backward(du);
  return {
    total,
    grads: {
      machinePrice,
      machineCount,
      tablePrice,
      tableCount,
      chairPrice,
      chairCount,
      cupPrice,
      cupCount,
      tax: dTax,
    },
  };
}

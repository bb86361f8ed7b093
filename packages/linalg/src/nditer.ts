import type { NDArray } from './ndarray.js';

/**
 * numpy's `nditer` with `flags=['multi_index']` and `op_flags=['readwrite']`: visits every element
 * of an array in C order (last index fastest), giving its index tuple and read-write access.
 *
 * The lecture's numerical gradient walks the weights this way:
 * ```ts
 * const it = new NDIter(x);
 * while (!it.finished) {
 *   const idx = it.multiIndex; // e.g. [0, 1]
 *   const tmp = it.value;
 *   it.value = tmp + h;        // x[idx] = tmp + h
 *   // …
 *   it.value = tmp;            // restore
 *   it.iternext();
 * }
 * ```
 *
 * @example
 * ```ts
 * import { NDIter, zeros } from '@dl/linalg';
 * const it = new NDIter(zeros([2, 3]));
 * const seen: number[][] = [];
 * while (!it.finished) { seen.push([...it.multiIndex]); it.iternext(); }
 * seen.length; // 6; seen[1] is [0, 1]
 * ```
 */
export class NDIter {
  /** The array being visited. */
  readonly array: NDArray;
  private readonly idx: number[];
  private flat = 0;

  /** @param array - the array to visit; writes through `value` change it */
  constructor(array: NDArray) {
    this.array = array;
    this.idx = new Array<number>(array.ndim).fill(0);
  }

  /** True once every element has been visited (`it.finished`). */
  get finished(): boolean {
    return this.flat >= this.array.size;
  }

  /** The index tuple of the current element (`it.multi_index`). A copy: changing it moves nothing. */
  get multiIndex(): number[] {
    return [...this.idx];
  }

  /** The flat row-major position of the current element in `array.data`. */
  get index(): number {
    return this.flat;
  }

  /** The current element (`x[it.multi_index]`); assigning writes into the array. */
  get value(): number {
    this.check();
    return this.array.data[this.flat]!;
  }

  set value(v: number) {
    this.check();
    this.array.data[this.flat] = v;
  }

  /** Moves to the next element in C order (`it.iternext()`). */
  iternext(): void {
    if (this.finished) return;
    this.flat++;
    const shape = this.array.shape;
    for (let d = shape.length - 1; d >= 0; d--) {
      this.idx[d]!++;
      if (this.idx[d]! < shape[d]!) return;
      this.idx[d] = 0;
    }
  }

  private check(): void {
    if (this.finished) {
      throw new RangeError('NDIter.value: iterator is finished; expected an element, got the end');
    }
  }
}

/**
 * Every index tuple of a shape in C order, like `np.ndindex`.
 *
 * @param shape - the dimensions
 * @example
 * ```ts
 * import { ndindex } from '@dl/linalg';
 * [...ndindex([2, 2])]; // [[0, 0], [0, 1], [1, 0], [1, 1]]
 * ```
 */
export function* ndindex(shape: readonly number[]): Generator<number[]> {
  const size = shape.reduce((p, d) => p * d, 1);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < size; k++) {
    yield [...idx];
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d]!++;
      if (idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
}

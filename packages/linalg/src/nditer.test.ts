import { describe, expect, it } from 'vitest';
import { arange, NDIter, ndindex, zeros } from './index.js';

describe('NDIter (numpy nditer with multi_index, readwrite)', () => {
  it('visits every index in C order, last index fastest', () => {
    const it = new NDIter(zeros([2, 3]));
    const seen: number[][] = [];
    while (!it.finished) {
      seen.push(it.multiIndex);
      it.iternext();
    }
    expect(seen).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('reads and writes the current element, like x[it.multi_index] = tmp + h', () => {
    const x = arange(6).reshape(2, 3);
    const it = new NDIter(x);
    while (!it.finished) {
      it.value = it.value * 10 + it.multiIndex[0]!;
      it.iternext();
    }
    expect(x.toArray()).toEqual([
      [0, 10, 20],
      [31, 41, 51],
    ]);
  });

  it('refuses to read past the end', () => {
    const it = new NDIter(zeros([1]));
    it.iternext();
    expect(it.finished).toBe(true);
    expect(() => it.value).toThrow(
      'NDIter.value: iterator is finished; expected an element, got the end',
    );
  });

  it('ndindex lists the index tuples of a shape', () => {
    expect([...ndindex([2, 2])]).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect([...ndindex([0, 3])]).toEqual([]);
  });
});

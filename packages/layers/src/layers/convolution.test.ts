import { array, ones, zeros } from '@dl/linalg';
import { describe, expect, it } from 'vitest';
import { cosArray, sinArray, total } from '../../test/known-inputs.js';
import { Convolution } from './convolution.js';

describe('Convolution', () => {
  it("matches the book's numpy Convolution (im2col, dot, transpose) forward and backward", () => {
    // Expected values: the book's Convolution.forward/backward and util.im2col/col2im re-typed
    // in numpy, x = sin(arange·1 + 0.5) [2, 2, 4, 4], W = 0.5·sin(arange·0.7 + 0.5) [3, 2, 3, 3],
    // b = [0.1, -0.2, 0.3], stride 1, pad 1, dout = cos(0.3·arange).
    const x = sinArray([2, 2, 4, 4]);
    const W = sinArray([3, 2, 3, 3], 0.7);
    for (let i = 0; i < W.size; i++) W.data[i]! *= 0.5;
    const conv = new Convolution(W, array([0.1, -0.2, 0.3]), { pad: 1 });
    const out = conv.forward(x);
    expect(out.shape).toEqual([2, 3, 4, 4]);
    expect(total(out)).toBeCloseTo(6.893869044332355, 12);
    expect(out.get(1, 2, 3, 0)).toBeCloseTo(0.5520406356277954, 12);
    expect(out.get(0, 0, 0, 0)).toBeCloseTo(0.14438685199763726, 12);
    const dx = conv.backward(cosArray(out.shape));
    expect(dx.shape).toEqual([2, 2, 4, 4]);
    expect(total(dx)).toBeCloseTo(-18.883235492834157, 12);
    expect(dx.get(1, 1, 2, 3)).toBeCloseTo(0.9900479219756775, 12);
    expect(dx.get(0, 0, 0, 0)).toBeCloseTo(0.9864898071630412, 12);
    expect(conv.dW.shape).toEqual([3, 2, 3, 3]);
    expect(total(conv.dW)).toBeCloseTo(-1.8210863420598127, 12);
    expect(conv.dW.get(2, 1, 0, 2)).toBeCloseTo(-0.773353899747639, 12);
    const db = conv.db.toArray() as number[];
    const expected = [-5.49776968759676, -0.6192116858609122, 5.389408901503451];
    for (const [i, v] of expected.entries()) expect(db[i]).toBeCloseTo(v, 12);
  });

  it('backwardParams fills the same dW and db as backward', () => {
    const x = sinArray([2, 1, 5, 5]);
    const W = sinArray([2, 1, 3, 3], 0.3);
    const dout = cosArray([2, 2, 2, 2]);
    const a = new Convolution(W, zeros([2]), { stride: 2 });
    a.forward(x);
    a.backward(dout);
    const b = new Convolution(W, zeros([2]), { stride: 2 });
    b.forward(x);
    b.backwardParams(dout);
    expect(b.dW.toArray()).toEqual(a.dW.toArray());
    expect(b.db.toArray()).toEqual(a.db.toArray());
  });

  it('keeps float32 as float32', () => {
    const conv = new Convolution(
      ones([2, 1, 2, 2], { dtype: 'float32' }),
      zeros([2], { dtype: 'float32' }),
    );
    const out = conv.forward(ones([1, 1, 3, 3], { dtype: 'float32' }));
    expect(out.dtype).toBe('float32');
    expect(conv.backward(ones([1, 2, 2, 2], { dtype: 'float32' })).dtype).toBe('float32');
  });

  it('names what is wrong, with the shapes', () => {
    expect(() => new Convolution(ones([3, 3]), zeros([3]))).toThrow(
      'Convolution: W is not a bank of filters; expected W of shape [FN, C, FH, FW], got W=[3, 3]',
    );
    expect(() => new Convolution(ones([3, 1, 2, 2]), zeros([2]))).toThrow(
      'Convolution: b does not match W; expected b of shape [3] for W=[3, 1, 2, 2], got b=[2]',
    );
    expect(() => new Convolution(ones([3, 1, 2, 2]), zeros([3]), { stride: 0 })).toThrow(
      'Convolution: invalid stride; expected an integer ≥ 1, got 0',
    );
    const conv = new Convolution(ones([3, 1, 5, 5]), zeros([3]));
    expect(() => conv.forward(ones([2, 3, 8, 8]))).toThrow(
      'Convolution.forward: x does not match W; expected x of shape [N, 1, H, W] for W=[3, 1, 5, 5], got x=[2, 3, 8, 8]',
    );
    expect(() => conv.forward(ones([2, 1, 4, 4]))).toThrow(
      'Convolution.forward: im2col: filter larger than the padded input; expected FH ≤ H + 2·pad = 4, got FH=5 (input [2, 1, 4, 4], filter 5×5, stride 1, pad 0)',
    );
    expect(() => conv.backward(ones([1, 3, 1, 1]))).toThrow(
      'Convolution.backward: called before forward',
    );
    conv.forward(ones([2, 1, 6, 6]));
    expect(() => conv.backward(ones([2, 3, 3, 3]))).toThrow(
      'Convolution.backward: dout shape differs from the forward output; expected [2, 3, 2, 2], got [2, 3, 3, 3]',
    );
    expect(() =>
      new Convolution(ones([1, 1, 2, 2]), zeros([1]), { stride: 2 }).forward(ones([1, 1, 5, 5])),
    ).toThrow('Convolution.forward: im2col: the stride does not divide');
  });
});

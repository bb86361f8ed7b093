import { array, createRng, type NDArray, randn } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { cosArray, expectClose, m, numericGradientOf, sinArray } from '../runner/testing.js';
import { Convolution } from './conv.js';

const total = (a: NDArray | undefined) => Array.from(a?.data ?? []).reduce((s, v) => s + v, 0);

// Expected values: the book's Convolution.forward/backward (common/layers.py, with util.im2col and
// col2im) re-typed in numpy; x = sin(arange + 0.5) [2, 3, 5, 5], W = 0.5·sin(0.7·arange + 0.5)
// [2, 3, 3, 3], b = [0.1, −0.2], stride 2, pad 0, dout = cos(0.3·arange) [2, 2, 2, 2].
describe(`${m('Convolution.backward: shapes and values (numpy)', 'Convolution.backward: 모양과 값 (numpy)')}`, () => {
  test(`${m('db [FN], dW [FN, C, FH, FW] and dx [N, C, H, W] match the book', 'db [FN], dW [FN, C, FH, FW], dx [N, C, H, W]가 책과 일치')}`, () => {
    const W = sinArray([2, 3, 3, 3], 0.7);
    for (let i = 0; i < W.size; i++) W.data[i]! *= 0.5;
    const conv = new Convolution(W, array([0.1, -0.2]), 2, 0);
    const out = conv.forward(sinArray([2, 3, 5, 5], 1));
    expect(total(out), m('forward (given): Σ out', 'forward (주어짐): Σ out')).toBeCloseTo(
      6.345126361928369,
      10,
    );
    const dx = conv.backward(cosArray(out.shape));
    expectClose(
      conv.db ?? [],
      [-0.2166560517616678, -2.6227005844543347],
      m(
        'db: dout summed over every image and position, one value per filter',
        'db: 모든 이미지와 위치에 걸친 dout의 합, 필터마다 값 하나',
      ),
      1e-10,
    );
    expect([...(conv.dW?.shape ?? [])], m('dW has the shape of W', 'dW는 W와 같은 모양')).toEqual([
      2, 3, 3, 3,
    ]);
    expect(conv.dW?.get(1, 2, 0, 1), 'dW[1, 2, 0, 1]').toBeCloseTo(-0.21242040457226502, 10);
    expect(conv.dW?.get(0, 0, 2, 2), 'dW[0, 0, 2, 2]').toBeCloseTo(0.4403848811262837, 10);
    expect([...dx.shape], m('dx has the shape of x', 'dx는 x와 같은 모양')).toEqual([2, 3, 5, 5]);
    expect(total(dx), 'Σ dx').toBeCloseTo(-0.022969443065535944, 10);
    expect(dx.get(1, 2, 4, 4), 'dx[1, 2, 4, 4]').toBeCloseTo(0.08399584794718334, 10);
    expect(
      dx.get(0, 1, 2, 2),
      m('dx[0, 1, 2, 2]: in four windows', 'dx[0, 1, 2, 2]: 윈도우 네 개에 걸침'),
    ).toBeCloseTo(-0.3153771842032422, 10);
  });
});

describe(`${m('Convolution.backward agrees with the numerical gradient', 'Convolution.backward와 수치 기울기가 일치')}`, () => {
  test(`${m('dx, dW and db on a random layer with pad 1 (relative error < 1e-6)', 'pad 1인 무작위 계층에서 dx, dW, db (상대 오차 < 1e-6)')}`, () => {
    const rng = createRng(31);
    const x = randn([2, 2, 4, 4], rng);
    const conv = new Convolution(randn([3, 2, 3, 3], rng), randn([3], rng), 1, 1);
    const dout = randn([2, 3, 4, 4], rng);
    conv.forward(x);
    const dx = conv.backward(dout);
    const dW = conv.dW;
    const db = conv.db;
    const want = (p: NDArray) =>
      numericGradientOf(() => conv.forward(x), dout, p)
        .reshape(-1)
        .toArray() as number[];
    expectClose(
      dx.reshape(-1),
      want(x),
      m('dx against central differences', 'dx와 중앙 차분 비교'),
      1e-6,
    );
    expectClose(
      dW?.reshape(-1) ?? [],
      want(conv.W),
      m('dW against central differences', 'dW와 중앙 차분 비교'),
      1e-6,
    );
    expectClose(
      db ?? [],
      want(conv.b),
      m('db against central differences', 'db와 중앙 차분 비교'),
      1e-6,
    );
  });
});

import { array } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { RMSprop } from './rmsprop.js';

// Expected numbers: the book's RMSprop (common/optimizer.py, lr 0.01, decay_rate 0.99) run in
// numpy on the same parameters and gradients.
const g1 = () => ({ W: array([[0.5, -1, 2]]), b: array([0.3]) });
const g2 = () => ({ W: array([[0.4, 1, -1]]), b: array([0.3]) });

describe('RMSprop.update', () => {
  test(`${m('one step: h = 0.01·g², W moves by lr·g/√h = 0.1 against the sign of g', '한 걸음: h = 0.01·g², W는 g의 부호 반대로 lr·g/√h = 0.1만큼 움직임')}`, () => {
    const W = array([[1, -2, 0.5]]);
    const b = array([0.1]);
    const opt = new RMSprop();
    opt.update({ W, b }, g1());
    expectClose(
      Array.from(opt.h['W'] ?? []),
      [0.0025, 0.01, 0.04],
      m(
        'h = ρ·0 + (1 − ρ)·g² = 0.01·[0.25, 1, 4]: h starts at 0',
        'h = ρ·0 + (1 − ρ)·g² = 0.01·[0.25, 1, 4]: h는 0에서 시작',
      ),
      1e-12,
    );
    expectClose(
      W,
      [[0.9000001999996, -1.9000000999999, 0.40000004999997507]],
      m(
        'W − lr·g / (√h + 1e-7): the first step is lr·g/(0.1·|g|) = 0.1 whatever the size of g',
        'W − lr·g / (√h + 1e-7): 첫 걸음은 g의 크기와 상관없이 lr·g/(0.1·|g|) = 0.1',
      ),
      1e-12,
    );
    expectClose(b, [3.3333222226872294e-7], m('b after one step', '한 걸음 뒤의 b'), 1e-12);
  });

  test(`${m('two steps: the mean of the squares decays (numpy values)', '두 걸음: 제곱 평균에서 옛 값이 줄어듦 (numpy 값)')}`, () => {
    const W = array([[1, -2, 0.5]]);
    const b = array([0.1]);
    const opt = new RMSprop(0.01, 0.99);
    opt.update({ W, b }, g1());
    opt.update({ W, b }, g2());
    expectClose(
      Array.from(opt.h['W'] ?? []),
      [0.004075, 0.0199, 0.0496],
      m(
        'h = 0.99·h + 0.01·g², e.g. 0.99·0.0025 + 0.01·0.16 = 0.004075',
        'h = 0.99·h + 0.01·g², 예: 0.99·0.0025 + 0.01·0.16 = 0.004075',
      ),
      1e-12,
    );
    expectClose(
      W,
      [[0.837339462159919, -1.970888170249513, 0.4449013553453875]],
      m('W after two steps', '두 걸음 뒤의 W'),
      1e-12,
    );
    expectClose(b, [-0.07088761966481949], m('b after two steps', '두 걸음 뒤의 b'), 1e-12);
  });

  test(`${m('changes the parameter arrays in place (the layers hold these very arrays)', '파라미터 배열을 제자리에서 바꿈 (계층이 바로 그 배열을 쥐고 있음)')}`, () => {
    const W = array([[1, -2, 0.5]]);
    const params = { W };
    new RMSprop().update(params, { W: array([[1, 1, 1]]) });
    expect(
      params.W,
      m('params.W is still the same NDArray object', 'params.W는 여전히 같은 NDArray 객체'),
    ).toBe(W);
    expect(
      W.get(0, 0),
      m('and that object holds the new value', '그 객체에 새 값이 들어 있음'),
    ).toBeLessThan(1);
  });

  test(`${m('a small gradient moves as far as a large one at the first step (adaptive scale)', '첫 걸음에서는 작은 기울기도 큰 기울기만큼 움직임 (적응적 크기 조절)')}`, () => {
    const a = array([0]);
    const c = array([0]);
    new RMSprop(0.01).update({ a, c }, { a: array([1e-2]), c: array([1e3]) });
    expect(
      a.get(0),
      m(
        'a small gradient moves by ≈ lr/√(1 − ρ) = 0.1',
        '작은 기울기도 ≈ lr/√(1 − ρ) = 0.1만큼 움직임',
      ),
    ).toBeCloseTo(-0.1, 4);
    expect(c.get(0), m('a large one too', '큰 기울기도 마찬가지')).toBeCloseTo(-0.1, 4);
  });
});

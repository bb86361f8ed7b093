import { array, ones } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m } from '../runner/testing.js';
import { Sigmoid, sigmoidBackwardByNodes } from './sigmoid.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('sigmoidBackwardByNodes', () => {
  test('x = 0, dout = 1 → 0.25', () => {
    expect(
      sigmoidBackwardByNodes(0, 1),
      m(
        'y = 0.5, y(1 − y) = 0.25; −0.25 means the last node (× −1) is missing',
        'y = 0.5, y(1 − y) = 0.25; −0.25이면 마지막 노드(× −1)가 빠진 것',
      ),
    ).toBeCloseTo(0.25, 12);
  });

  test(`${m('equals y(1 − y) · dout for any x and dout (property)', '어떤 x, dout에서도 y(1 − y) · dout과 같음 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (x, dout) => {
          const y = sigmoid(x);
          expect(
            sigmoidBackwardByNodes(x, dout),
            m(
              `x = ${x}: the four nodes together give dout·y(1 − y)`,
              `x = ${x}: 네 노드를 합치면 dout·y(1 − y)`,
            ),
          ).toBeCloseTo(dout * y * (1 - y), 10);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Sigmoid.backward', () => {
  test('x = [−1, 0, 2], dout = 1 → [0.1966, 0.25, 0.1050]', () => {
    // numpy: y = 1/(1+np.exp(-x)); y*(1-y) = [0.19661193, 0.25, 0.10499359]
    const layer = new Sigmoid();
    layer.forward(array([-1, 0, 2]));
    expectClose(
      layer.backward(ones([3])),
      [0.19661193324148185, 0.25, 0.10499358540350662],
      m(
        'dx = dout · y · (1 − y), with y kept from forward',
        'dx = dout · y · (1 − y), y는 forward에서 저장한 출력',
      ),
      1e-12,
    );
  });

  test(`${m('matches the numerical derivative of the sigmoid (property)', '시그모이드의 수치 미분과 일치 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        const layer = new Sigmoid();
        layer.forward(array([x]));
        const h = 1e-5;
        const numeric = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h);
        expect(
          layer.backward(ones([1])).get(0),
          m(`slope at x = ${x}`, `x = ${x}에서의 기울기`),
        ).toBeCloseTo(numeric, 8);
      }),
      { numRuns: 50 },
    );
  });

  test(`${m('dout is not changed, and a second backward gives the same dx', 'dout은 그대로, backward를 다시 불러도 같은 dx')}`, () => {
    const layer = new Sigmoid();
    layer.forward(array([-1, 0, 2]));
    const dout = array([1, 2, 3]);
    const first = expectInputsKept({ dout }, () => layer.backward(dout));
    expectClose(
      layer.backward(array([1, 2, 3])),
      Array.from(first.data),
      m(
        'backward must not change what forward kept (y)',
        'backward는 forward가 저장한 값(y)을 바꾸면 안 됩니다',
      ),
      1e-12,
    );
    // numpy: y*(1-y)*[1, 2, 3] = [0.19661193, 0.5, 0.31498076]
    expectClose(
      first,
      [0.19661193324148185, 0.5, 0.31498075621051985],
      m(
        'dout · y(1 − y): the local slope times dout',
        'dout · y(1 − y): 국소 기울기에 dout을 곱합니다',
      ),
      1e-12,
    );
  });

  test(`${m('chain rule: z = sigmoid(x)², dz/dx = 2y · y(1 − y); at x = 1 → 0.2875', '연쇄 법칙: z = sigmoid(x)², dz/dx = 2y · y(1 − y); x = 1에서 → 0.2875')}`, () => {
    // dz/dy = 2y flows in as dout; Python: y = 1/(1+exp(-1)); 2*y*y*(1-y) = 0.28746968091443026
    const layer = new Sigmoid();
    const y = layer.forward(array([1])).get(0);
    expect(
      layer.backward(array([2 * y])).get(0),
      m('dout = dz/dy, times the local slope', 'dout = dz/dy에 국소 기울기를 곱합니다'),
    ).toBeCloseTo(0.28746968091443026, 12);
  });
});

test(`${m('forward leaves x as it was', 'forward는 x를 그대로 둠')}`, () => {
  const x = array([-1, 0, 2]);
  expectInputsKept({ x }, () => new Sigmoid().forward(x));
});

import { array, createRng, randn, sum } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { expectClose, expectInputsKept, m, numbers } from '../runner/testing.js';
import { softmax } from './softmax.js';

describe(`${m('softmax without overflow', '오버플로 없는 소프트맥스')}`, () => {
  test(`${m('softmax([1010, 1000, 990]) → [0.99995, 4.54e-5, 2.06e-9], all finite', 'softmax([1010, 1000, 990]) → [0.99995, 4.54e-5, 2.06e-9], 모두 유한')}`, () => {
    const y = softmax(array([1010, 1000, 990]));
    expect(
      numbers(y).every(Number.isFinite),
      m(
        `softmax([1010, 1000, 990]) must be finite, got ${numbers(y)}: did you subtract the max before exp?`,
        `softmax([1010, 1000, 990])는 유한해야 하는데 ${numbers(y)}이(가) 나왔습니다: exp 전에 최댓값을 뺐나요?`,
      ),
    ).toBe(true);
    // numpy: a = a - a.max(); np.exp(a) / np.exp(a).sum()
    expectClose(
      y,
      [0.999954600070331, 4.539786860886666e-5, 2.061060046209062e-9],
      m('the lecture example', '강의의 예'),
      1e-12,
    );
  });

  test(`${m('softmax([−1000, −1000]) → [0.5, 0.5] (no 0 / 0 for very negative scores)', 'softmax([−1000, −1000]) → [0.5, 0.5] (아주 작은 음수 점수에도 0 / 0 없음)')}`, () => {
    expectClose(
      softmax(array([-1000, -1000])),
      [0.5, 0.5],
      m(
        'exp(−1000) underflows to 0; after subtracting the max the terms are exp(0) = 1',
        'exp(−1000)은 0으로 언더플로; 최댓값을 빼면 항이 exp(0) = 1',
      ),
    );
  });

  test(`${m('softmax([1, 2, 3]) is unchanged: [0.0900, 0.2447, 0.6652]', 'softmax([1, 2, 3])은 그대로: [0.0900, 0.2447, 0.6652]')}`, () => {
    // numpy, as in exercise 07
    expectClose(
      softmax(array([1, 2, 3])),
      [0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
      m('the shift must not change the result', '값을 옮겨도 결과는 같아야 합니다'),
      1e-12,
    );
  });

  test(`${m('softmax(a + c) = softmax(a) for any shift c (property)', '어떤 c만큼 옮겨도 softmax(a + c) = softmax(a) (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: -1e4, max: 1e4, noNaN: true }), (seed, c) => {
        const a = randn([5], createRng(seed));
        const shifted = array(Array.from(a.data, (v) => v + c));
        expectClose(
          softmax(shifted),
          softmax(a).toArray(),
          m(`shifting every score by ${c}`, `모든 점수를 ${c}만큼 옮김`),
          1e-6,
        );
      }),
      { numRuns: 50 },
    );
  });
});

test(`${m('the scores are not changed (the max is subtracted from a copy), 1-D and batch', '점수는 바뀌지 않음 (최댓값은 복사본에서 뺌), 1차원과 배치 모두')}`, () => {
  const a = array([1010, 1000, 990]);
  expectInputsKept({ a }, () => softmax(a));
  const batch = array([
    [1, 2, 3],
    [1010, 1000, 990],
  ]);
  expectInputsKept({ a: batch }, () => softmax(batch));
});

test(`${m('scores spread wider than exp can reach: [800, 0, −800] → [1, e^−800 ≈ 0, 0], finite', 'exp가 감당 못 할 만큼 퍼진 점수: [800, 0, −800] → [1, e^−800 ≈ 0, 0], 유한')}`, () => {
  // exp(800) overflows and so does exp(800 − (−800)); only the max shift keeps every term <= 1
  expectClose(
    softmax(array([800, 0, -800])),
    [1, 0, 0],
    m(
      'subtract the LARGEST score: then the largest term is exp(0) = 1',
      '가장 큰 점수를 빼세요: 그러면 가장 큰 항이 exp(0) = 1',
    ),
    1e-12,
  );
});

describe(`${m('softmax of a batch (one sample per row)', '배치의 소프트맥스 (한 행에 샘플 하나)')}`, () => {
  test(`${m('[[1, 2, 3], [1010, 1000, 990]] → each row its own softmax', '[[1, 2, 3], [1010, 1000, 990]] → 행마다 따로 소프트맥스')}`, () => {
    const y = softmax(
      array([
        [1, 2, 3],
        [1010, 1000, 990],
      ]),
    );
    expectClose(
      y,
      [
        [0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
        [0.999954600070331, 4.539786860886666e-5, 2.061060046209062e-9],
      ],
      m(
        'subtract each row its own max (max(a, { axis: 1, keepdims: true }))',
        '행마다 그 행의 최댓값을 빼세요 (max(a, { axis: 1, keepdims: true }))',
      ),
      1e-12,
    );
  });

  test(`${m('every row sums to 1 for random batches with large scores (property)', '점수가 큰 무작위 배치에서도 모든 행의 합이 1 (속성 테스트)')}`, () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = createRng(seed);
        const a = randn([4, 6], rng);
        for (let i = 0; i < a.data.length; i++) a.data[i] = a.data[i]! * 500;
        const y = softmax(a);
        expect([...y.shape], m('same shape as the scores', '점수와 같은 모양')).toEqual([4, 6]);
        const rows = sum(y, { axis: 1 });
        expectClose(
          rows,
          [1, 1, 1, 1],
          m('each row of probabilities sums to 1', '확률의 각 행의 합은 1'),
          1e-9,
        );
      }),
      { numRuns: 30 },
    );
  });
});

import { array, ShapeError, zeros } from '@dl/linalg';
import { describe, expect, test } from 'vitest';
import { expectInputsKept, m } from '../runner/testing.js';
import { crossEntropyError, entropy, informationContent, meanSquaredError } from './loss.js';

const oneHot = (k: number) => array(Array.from({ length: 10 }, (_, i) => (i === k ? 1 : 0)));
// the book's two predictions for the answer 2: confident and right, confident and wrong (class 7)
const right = array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]);
const wrong = array([0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]);

describe('meanSquaredError', () => {
  test(`${m("the lecture's y (0.5 at index 4), t = index 4 → 0.02507", '강의의 y (인덱스 4가 0.5), t = 인덱스 4 → 0.02507')}`, () => {
    // (0.01² + 0.02² + 0.01² + 0.01² + (0.5 − 1)²) / 10; numpy np.mean((y - t)**2) = 0.02507
    const y = array([0.01, 0.02, 0.01, 0.01, 0.5, 0, 0, 0, 0, 0]);
    expect(
      meanSquaredError(y, oneHot(4)),
      m(
        'MSE is the MEAN of the squares: divide by N = 10 (0.2507 is the plain sum)',
        'MSE는 제곱의 평균입니다: N = 10으로 나누세요 (0.2507은 그냥 합)',
      ),
    ).toBeCloseTo(0.02507, 10);
  });

  test(`${m('right answer → 0.0195, wrong answer → 0.1195 (numpy)', '맞힌 경우 → 0.0195, 틀린 경우 → 0.1195 (numpy)')}`, () => {
    expect(
      meanSquaredError(right, oneHot(2)),
      m('y[2] = 0.6 is the right class', 'y[2] = 0.6이 정답 클래스'),
    ).toBeCloseTo(0.0195, 10);
    expect(
      meanSquaredError(wrong, oneHot(2)),
      m('y[2] = 0.1: a larger loss', 'y[2] = 0.1: 더 큰 손실'),
    ).toBeCloseTo(0.1195, 10);
  });

  test(`${m('a 2-D batch averages over every element: [right; wrong] → 0.0695', '2차원 배치는 모든 원소의 평균: [맞힘; 틀림] → 0.0695')}`, () => {
    // numpy: np.mean((Y - T)**2) = 0.0695
    const Y = array([Array.from(right.data), Array.from(wrong.data)]);
    const T = array([Array.from(oneHot(2).data), Array.from(oneHot(2).data)]);
    expect(
      meanSquaredError(Y, T),
      m('mean over all 20 numbers', '20개 숫자 모두의 평균'),
    ).toBeCloseTo(0.0695, 10);
  });

  test(`${m('y [10] vs t [9] → ShapeError naming both shapes', 'y [10], t [9] → 두 모양을 알려 주는 ShapeError')}`, () => {
    const go = () => meanSquaredError(zeros([10]), zeros([9]));
    expect(go, m('shapes must match', '모양이 같아야 합니다')).toThrow(ShapeError);
    expect(go, m("the message should name y's shape", '메시지에 y의 모양이 있어야 합니다')).toThrow(
      '[10]',
    );
    expect(go, m("the message should name t's shape", '메시지에 t의 모양이 있어야 합니다')).toThrow(
      '[9]',
    );
  });

  test(`${m('y and t are not changed', 'y와 t는 바뀌지 않음')}`, () => {
    const y = array([0.1, 0.9]);
    const t = array([0, 1]);
    expectInputsKept({ y, t }, () => meanSquaredError(y, t));
    expectInputsKept({ y, t }, () => crossEntropyError(y, t));
  });
});

describe('crossEntropyError', () => {
  test(`${m('right answer (p = 0.6) → 0.5108, wrong answer (p = 0.1) → 2.3026', '맞힌 경우 (p = 0.6) → 0.5108, 틀린 경우 (p = 0.1) → 2.3026')}`, () => {
    // numpy: -np.sum(t * np.log(y + 1e-7))
    expect(
      crossEntropyError(right, oneHot(2)),
      m('−log(0.6 + 1e-7): the right class got 0.6', '−log(0.6 + 1e-7): 정답 클래스의 확률이 0.6'),
    ).toBeCloseTo(0.510825457099338, 9);
    expect(
      crossEntropyError(wrong, oneHot(2)),
      m(
        '−log(0.1 + 1e-7): the right class got only 0.1',
        '−log(0.1 + 1e-7): 정답 클래스의 확률이 0.1뿐',
      ),
    ).toBeCloseTo(2.302584092994546, 9);
  });

  test(`${m('probability 0 for the right class → 16.118, finite (the 1e-7 inside the log)', '정답 클래스의 확률이 0 → 16.118, 유한 (log 안의 1e-7 덕분)')}`, () => {
    // −log(1e-7) = 16.11809565095832
    const y = crossEntropyError(right, oneHot(3));
    expect(
      Number.isFinite(y),
      m(
        `got ${y}: add 1e-7 inside the log so log(0) does not give Infinity`,
        `${y}이(가) 나왔습니다: log 안에 1e-7을 더해 log(0)이 Infinity가 되지 않게 하세요`,
      ),
    ).toBe(true);
    expect(y).toBeCloseTo(16.11809565095832, 6);
  });

  test(`${m('a batch [right; wrong] → the mean per sample, 1.4067', '배치 [맞힘; 틀림] → 샘플당 평균 1.4067')}`, () => {
    // numpy: -np.sum(T * np.log(Y + 1e-7)) / 2 = 1.406704775046942
    const Y = array([Array.from(right.data), Array.from(wrong.data)]);
    const T = array([Array.from(oneHot(2).data), Array.from(oneHot(2).data)]);
    expect(
      crossEntropyError(Y, T),
      m('divide the total by the batch size 2', '합을 배치 크기 2로 나누세요'),
    ).toBeCloseTo(1.406704775046942, 9);
  });

  test(`${m('y [2, 10] vs t [10] → ShapeError naming both shapes', 'y [2, 10], t [10] → 두 모양을 알려 주는 ShapeError')}`, () => {
    const go = () => crossEntropyError(zeros([2, 10]), zeros([10]));
    expect(go, m('shapes must match', '모양이 같아야 합니다')).toThrow(ShapeError);
    expect(go, m("the message should name y's shape", '메시지에 y의 모양이 있어야 합니다')).toThrow(
      '[2, 10]',
    );
    expect(go, m("the message should name t's shape", '메시지에 t의 모양이 있어야 합니다')).toThrow(
      '[10]',
    );
  });
});

describe(`${m('information content and entropy', '정보량과 엔트로피')}`, () => {
  test(`${m('−log 0.9 = 0.1054 and −log 0.1 = 2.3026: 21.85 times the surprise, not 9', '−log 0.9 = 0.1054, −log 0.1 = 2.3026: 놀라움은 9배가 아니라 21.85배')}`, () => {
    expect(
      informationContent(0.9),
      m('the favourite wins: little surprise', '우승 후보가 이김: 놀라움이 적음'),
    ).toBeCloseTo(0.10536051565782628, 10);
    // −log(0.1) = log 10 = 2.302585…
    expect(
      informationContent(0.1),
      m('the underdog wins: −log(0.1)', '약체가 이김: −log(0.1)'),
    ).toBeCloseTo(Math.LN10, 10);
    expect(
      informationContent(0.1) / informationContent(0.9),
      m('the ratio of surprises', '놀라움의 비율'),
    ).toBeCloseTo(21.854345326782834, 8);
  });

  test('entropy([0.5, 0.5]) → 0.6931, entropy([0.9, 0.1]) → 0.3251, entropy([1, 0]) → 0', () => {
    // numpy: -(p * np.log(p)).sum()
    expect(entropy(array([0.5, 0.5])), m('a fair match: log 2', '팽팽한 경기: log 2')).toBeCloseTo(
      Math.LN2,
      10,
    );
    expect(
      entropy(array([0.9, 0.1])),
      m('a lopsided match is less uncertain', '한쪽으로 기운 경기는 덜 불확실합니다'),
    ).toBeCloseTo(0.3250829733914482, 10);
    expect(
      entropy(array([1, 0])),
      m(
        'a certain outcome: 0 (and 0 · log 0 counts as 0, not NaN)',
        '확실한 결과: 0 (0 · log 0은 NaN이 아니라 0으로 셉니다)',
      ),
    ).toBe(0);
  });
});

test(`${m('entropy leaves p as it was', 'entropy는 p를 그대로 둠')}`, () => {
  const p = array([0.5, 0.25, 0.25, 0]);
  expectInputsKept({ p }, () => entropy(p));
});

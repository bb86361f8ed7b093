import { loadMnistSync } from '@dl/data';
import { array, createRng, mean, type NDArray } from '@dl/linalg';
import { SimpleNetwork } from '@dl/network';
import { describe, expect, test } from 'vitest';
import { expectClose, m } from '../runner/testing.js';
import { train } from './train.js';

// one sample, so every mini-batch is that sample and the step can be checked exactly
const single = { length: 1, batch: () => ({ x: array([[0.6, 0.9]]), t: array([[0, 1]]) }) };

/** A data set of `length` copies of one sample that records the indices of every batch asked for. */
function recording(length: number) {
  const batches: number[][] = [];
  return {
    batches,
    source: {
      length,
      batch(indices: ArrayLike<number>): { x: NDArray; t: NDArray } {
        const rows = Array.from(indices);
        batches.push(rows);
        return {
          x: array(rows.map(() => [0.6, 0.9])),
          t: array(rows.map(() => [0, 1])),
        };
      },
    },
  };
}

const tiny = () =>
  new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng: createRng(3) });

describe(`${m('train, one step on a 2-3-2 network', 'train, 2-3-2 신경망에서 한 걸음')}`, () => {
  test(`${m('W ← W − lr · dW for every parameter (lr = 0.5)', '모든 파라미터에 W ← W − lr · dW (lr = 0.5)')}`, () => {
    const net = new SimpleNetwork({
      inputSize: 2,
      hiddenSize: 3,
      outputSize: 2,
      weightInitStd: 1,
      rng: createRng(3),
    });
    const before = Object.fromEntries(Object.entries(net.params).map(([k, p]) => [k, p.clone()]));
    const { x, t } = single.batch();
    const grads = Object.fromEntries(
      Object.entries(net.gradient(x, t)).map(([k, g]) => [k, g.clone()]),
    );
    train(net, single, { iters: 1, batchSize: 1, lr: 0.5, rng: createRng(0) });
    for (const key of ['W1', 'b1', 'W2', 'b2']) {
      const want = Array.from(before[key]!.data, (v, i) => v - 0.5 * grads[key]!.data[i]!);
      expectClose(
        net.params[key]!,
        array(want, [...before[key]!.shape]).toArray(),
        m(
          `${key} after one step: unchanged means no update; update net.params in place`,
          `한 걸음 뒤의 ${key}: 그대로면 갱신이 없는 것; net.params를 제자리에서 갱신하세요`,
        ),
        1e-12,
      );
    }
  });

  test(`${m('iters = 5 → 5 losses, the loss of each iteration', 'iters = 5 → 손실 5개, 반복마다 하나씩')}`, () => {
    const net = new SimpleNetwork({
      inputSize: 2,
      hiddenSize: 3,
      outputSize: 2,
      rng: createRng(3),
    });
    const { x, t } = single.batch();
    const start = net.loss(x, t);
    const losses = train(net, single, { iters: 5, batchSize: 1, lr: 0.1, rng: createRng(0) });
    expect(
      losses.length,
      m('one loss per iteration, exactly iters of them', '반복마다 손실 하나, 정확히 iters개'),
    ).toBe(5);
    expect(
      losses[0],
      m(
        'the first loss is the loss BEFORE the first update (the one its gradients came from)',
        '첫 손실은 첫 갱신 전의 손실입니다 (그 기울기를 구한 손실)',
      ),
    ).toBeCloseTo(start, 12);
    expect(
      train(tiny(), single, { iters: 0, batchSize: 1, lr: 0.1, rng: createRng(0) }),
      m('iters = 0: no step, no loss', 'iters = 0: 한 걸음도, 손실도 없음'),
    ).toEqual([]);
  });

  test(`${m('every mini-batch holds batchSize indices from [0, length), and every sample gets drawn', '미니배치마다 [0, length)의 인덱스 batchSize개, 모든 샘플이 한 번은 뽑힘')}`, () => {
    const { batches, source } = recording(5);
    train(tiny(), source, { iters: 200, batchSize: 3, lr: 0.1, rng: createRng(1) });
    expect(batches.length, m('one batch per iteration', '반복마다 배치 하나')).toBe(200);
    for (const b of batches) {
      expect(
        b.length,
        m('a batch of batchSize = 3 indices', '배치 하나에 batchSize = 3개의 인덱스'),
      ).toBe(3);
      expect(
        b.every((i) => Number.isInteger(i) && i >= 0 && i < 5),
        m(
          `indices from 0 to length − 1, got [${b}]`,
          `인덱스는 0부터 length − 1까지, 받은 값 [${b}]`,
        ),
      ).toBe(true);
    }
    const seen = new Set(batches.flat());
    expect(
      [...seen].sort(),
      m(
        'in 600 draws every one of the 5 samples comes up (is the last one ever drawn?)',
        '600번 뽑으면 5개 샘플이 모두 나와야 합니다 (마지막 샘플도 뽑히나요?)',
      ),
    ).toEqual([0, 1, 2, 3, 4]);
  });

  test(`${m('batches are drawn from the whole set: 1,000 samples, indices spread beyond the first 100', '배치는 전체에서 뽑음: 샘플 1,000개, 인덱스가 처음 100개 너머까지 퍼짐')}`, () => {
    const { batches, source } = recording(1000);
    train(tiny(), source, { iters: 50, batchSize: 10, lr: 0.1, rng: createRng(2) });
    const drawn = batches.flat();
    expect(
      Math.max(...drawn),
      m(
        'rng.choice(data.length, batchSize): the whole training set',
        'rng.choice(data.length, batchSize): 훈련 세트 전체에서',
      ),
    ).toBeGreaterThan(900);
  });

  test.each([
    ['lr = 0 never moves', { iters: 1, batchSize: 1, lr: 0 }, '0'],
    ['lr = −0.1 climbs uphill', { iters: 1, batchSize: 1, lr: -0.1 }, '-0.1'],
    ['batchSize = 0 is an empty batch', { iters: 1, batchSize: 0, lr: 0.1 }, '0'],
    ['iters = −5 is not a number of steps', { iters: -5, batchSize: 1, lr: 0.1 }, '-5'],
    ['iters = 2.5 is not a whole number', { iters: 2.5, batchSize: 1, lr: 0.1 }, '2.5'],
  ])(
    `%s → ${m('RangeError naming the value', '잘못된 값을 알려 주는 RangeError')}`,
    (_what, options, value) => {
      const go = () => train(tiny(), single, { ...options, rng: createRng(0) });
      expect(
        go,
        m(
          'the README: iters >= 0, batchSize >= 1, lr > 0',
          'README: iters >= 0, batchSize >= 1, lr > 0',
        ),
      ).toThrow(RangeError);
      expect(
        go,
        m('the message should name the bad value', '메시지에 잘못된 값이 있어야 합니다'),
      ).toThrow(value);
    },
  );
});

describe(`${m('train on MNIST (lite: 7,996 training digits)', 'MNIST로 train (lite: 훈련용 숫자 7,996개)')}`, () => {
  test(`${m('600 iterations, batch 100, lr 0.1 → test accuracy > 0.85 on 1,000 unseen digits', '600번 반복, 배치 100, lr 0.1 → 처음 보는 숫자 1,000개에서 테스트 정확도 > 0.85')}`, () => {
    const { train: trainSet, test: testSet } = loadMnistSync({ source: 'lite' });
    const rng = createRng(42);
    const net = new SimpleNetwork({ rng });
    const losses = train(net, trainSet, { iters: 600, batchSize: 100, lr: 0.1, rng });
    const first = mean(array(losses.slice(0, 10)));
    const last = mean(array(losses.slice(-50)));
    // log(10) = 2.303: tiny random weights give every digit 10%
    expect(
      first,
      m('the loss starts near log 10 = 2.30', '손실은 log 10 = 2.30 근처에서 시작합니다'),
    ).toBeGreaterThan(2);
    expect(
      last,
      m(
        `the loss must fall: first 10 average ${first.toFixed(3)}, last 50 average ${last.toFixed(3)}`,
        `손실이 줄어야 합니다: 처음 10번 평균 ${first.toFixed(3)}, 마지막 50번 평균 ${last.toFixed(3)}`,
      ),
    ).toBeLessThan(first / 2);
    const { x, t } = testSet.batch(Array.from({ length: 1000 }, (_, i) => i));
    const acc = net.accuracy(x, t);
    // what to say depends on what came out: guessing, or learning that stopped short
    const why =
      acc < 0.2
        ? m(
            `test accuracy ${acc}: about 0.1 is guessing; did the parameters change (in place)?`,
            `테스트 정확도 ${acc}: 0.1 정도는 찍기 수준입니다; 파라미터가 (제자리에서) 바뀌었나요?`,
          )
        : m(
            `test accuracy ${acc}: it learned something, but not enough; are the batches drawn at random from the whole training set, every iteration, with every parameter updated?`,
            `테스트 정확도 ${acc}: 뭔가 배웠지만 부족합니다; 배치를 매번 훈련 세트 전체에서 무작위로 뽑고, 모든 파라미터를 갱신하나요?`,
          );
    expect(acc, why).toBeGreaterThan(0.85);
  });
});

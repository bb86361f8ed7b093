// Book ch. 6.4 (overfit_weight_decay.py, overfit_dropout.py, figs. 6-20, 6-21, 6-23): the 7-layer
// network (6 hidden layers of 100) on only 300 training images. Unregularised, it learns the
// training set by heart (train accuracy 1.0) and the test accuracy stays far below; weight decay
// and dropout narrow that gap.
import { SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import { type EpochRecord, MultiLayerNetExtend, Trainer } from '@dl/network';
import { type Experiment, meanOfLast } from './context.js';
import { firstN } from './side-by-side.js';

/** The book's settings: 300 images, batch 100, SGD lr 0.01, 201 epochs; λ = 0.1; dropout 0.2. */
const TRAIN_SIZE = 300;
const BATCH_SIZE = 100;
const LR = 0.01;
const EPOCHS = 201; // the weight-decay script's; the dropout script runs 301, we use 201 for both
const HIDDEN = [100, 100, 100, 100, 100, 100];
const WEIGHT_DECAY = 0.1;
const DROPOUT_RATIO = 0.2;

export const overfit: Experiment = {
  name: 'overfit',
  description: 'train vs test accuracy on 300 images: no regularisation, weight decay, dropout',
  async run(ctx) {
    const quick = ctx.settings.quick;
    const epochs = quick ? 101 : EPOCHS;
    const testSize = quick ? 1000 : undefined;
    const lambda = ctx.settings.weightDecay ?? WEIGHT_DECAY;
    const ratio = ctx.settings.dropoutRatio ?? DROPOUT_RATIO;
    const activation = ctx.settings.activation ?? 'relu';
    const weightInit = ctx.settings.init ?? 'he';
    const { train: all, test } = await ctx.mnist();
    const train = firstN(all, TRAIN_SIZE);
    const iterPerEpoch = TRAIN_SIZE / BATCH_SIZE;
    const runs = {
      'no regularisation': {},
      [`weight decay λ=${lambda}`]: { weightDecayLambda: lambda },
      [`dropout ${ratio}`]: { useDropout: true, dropoutRatio: ratio },
    };
    const curves: Record<string, EpochRecord[]> = {};
    for (const [name, options] of Object.entries(runs)) {
      const bar = ctx.progress(epochs * iterPerEpoch, name);
      const trainer = new Trainer({
        network: new MultiLayerNetExtend({
          hiddenSizeList: HIDDEN,
          activation,
          weightInit,
          rng: createRng(ctx.settings.seed),
          ...options,
        }),
        train,
        test,
        rng: createRng(ctx.settings.seed + 1),
        optimizer: new SGD({ lr: LR }),
        iterations: epochs * iterPerEpoch,
        batchSize: BATCH_SIZE,
        iterationsPerEpoch: iterPerEpoch,
        evaluateAtEnd: false,
        ...(testSize === undefined ? {} : { testEvalSize: testSize }),
        onIteration: () => bar.tick(),
      });
      curves[name] = (await trainer.run()).epochs;
      bar.stop();
    }
    const values = Object.entries(curves).flatMap(([name, records]) =>
      records.flatMap((r) => [
        { run: name, set: 'train', epoch: r.epoch - 1, accuracy: r.trainAcc },
        { run: name, set: 'test', epoch: r.epoch - 1, accuracy: r.testAcc },
      ]),
    );
    await ctx.chart('overfit', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `${TRAIN_SIZE} training images, 784-${HIDDEN.join('-')}-10: train and test accuracy`,
      background: 'white',
      config: { font: 'DejaVu Sans' },
      data: { values },
      facet: { column: { field: 'run', type: 'nominal', title: null, sort: Object.keys(runs) } },
      spec: {
        width: 260,
        height: 200,
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative' },
          y: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] } },
          color: { field: 'set', type: 'nominal', title: null, sort: ['train', 'test'] },
        },
      },
    });
    // The end of each curve: the mean of the last 10 epochs (one epoch of 3 batches is noisy).
    const table = Object.entries(curves).map(([name, records]) => {
      const trainAcc = meanOfLast(
        records.map((r) => r.trainAcc),
        10,
      );
      const testAcc = meanOfLast(
        records.map((r) => r.testAcc),
        10,
      );
      return { run: name, train: trainAcc, test: testAcc, gap: trainAcc - testAcc };
    });
    const [none, decay, dropout] = table as [
      (typeof table)[0],
      (typeof table)[0],
      (typeof table)[0],
    ];
    const numbers = Object.fromEntries(
      Object.entries(curves).map(([name, records]) => [
        name,
        {
          trainAcc: records.map((r) => r.trainAcc),
          testAcc: records.map((r) => r.testAcc),
          loss: records.map((r) => r.loss),
        },
      ]),
    );
    return {
      config: {
        trainSize: TRAIN_SIZE,
        testSize: testSize ?? test.length,
        batchSize: BATCH_SIZE,
        lr: LR,
        epochs,
        hidden: HIDDEN,
        activation,
        weightInit,
        weightDecay: lambda,
        dropoutRatio: ratio,
      },
      numbers,
      table,
      checks: {
        'without regularisation the training accuracy reaches 1.0':
          Math.max(...curves['no regularisation']!.map((r) => r.trainAcc)) === 1,
        'without regularisation the train-test gap is above 0.2': none.gap > 0.2,
        'weight decay narrows the gap': decay.gap < none.gap,
        'dropout narrows the gap': dropout.gap < none.gap,
      },
    };
  },
};

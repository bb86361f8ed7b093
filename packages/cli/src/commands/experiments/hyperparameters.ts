// Book ch. 6.5 (hyperparameter_optimization.py, fig. 6-24): random search of the learning rate
// and the weight decay, judged on a validation split of the training images; the test set is
// touched once, by the best setting only, at the end.
import { SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import { evaluate, MultiLayerNetExtend, type Network, Trainer } from '@dl/network';
import { type Experiment, round } from './context.js';
import { subset } from './side-by-side.js';

/** The book's settings: 500 images, 20 % for validation, 100 trials of 50 epochs, batch 100. */
const IMAGES = 500;
const VALIDATION_RATE = 0.2;
const TRIALS = 100;
const EPOCHS = 50;
const BATCH_SIZE = 100;
const HIDDEN = [100, 100, 100, 100, 100, 100];
/** Search ranges, as exponents of 10: lr 10^U(−6, −2), weight decay 10^U(−8, −4). */
const LR_RANGE = [-6, -2] as const;
const DECAY_RANGE = [-8, -4] as const;
/** How many of the best trials are drawn, and how many listed. */
const DRAWN = 20;
const LISTED = 5;

export const hyperparameters: Experiment = {
  name: 'hyperparameters',
  description:
    'random search of lr and weight decay on a validation split (500 images, 100 trials)',
  async run(ctx) {
    const quick = ctx.settings.quick;
    const trials = quick ? 20 : TRIALS;
    const epochs = quick ? 20 : EPOCHS;
    const activation = ctx.settings.activation ?? 'relu';
    const weightInit = ctx.settings.init ?? 'he';
    const { train: all, test } = await ctx.mnist();
    // Shuffle the first 500 images, then the first 20 % of them are the validation set.
    const search = createRng(ctx.settings.seed);
    const order = search.permutation(IMAGES);
    const validationSize = Math.round(IMAGES * VALIDATION_RATE);
    const validation = subset(all, order.subarray(0, validationSize));
    const train = subset(all, order.subarray(validationSize));
    const iterPerEpoch = Math.max(train.length / BATCH_SIZE, 1);
    const bar = ctx.progress(trials * epochs * iterPerEpoch, 'search');
    const results: { lr: number; weightDecay: number; valAcc: number[]; trainAcc: number[] }[] = [];
    let best: { valAcc: number; network: Network } | undefined;
    for (let trial = 0; trial < trials; trial++) {
      const weightDecay =
        10 ** (DECAY_RANGE[0] + (DECAY_RANGE[1] - DECAY_RANGE[0]) * search.random());
      const lr = 10 ** (LR_RANGE[0] + (LR_RANGE[1] - LR_RANGE[0]) * search.random());
      const network = new MultiLayerNetExtend({
        hiddenSizeList: HIDDEN,
        activation,
        weightInit,
        weightDecayLambda: weightDecay,
        rng: createRng(ctx.settings.seed + 1 + trial),
      });
      const trainer = new Trainer({
        network,
        train,
        test: validation,
        rng: createRng(ctx.settings.seed + 1000 + trial),
        optimizer: new SGD({ lr }),
        iterations: epochs * iterPerEpoch,
        batchSize: BATCH_SIZE,
        iterationsPerEpoch: iterPerEpoch,
        evaluateAtEnd: false,
        onIteration: () => bar.tick(),
      });
      const { epochs: records } = await trainer.run();
      const valAcc = records.map((r) => r.testAcc);
      results.push({
        lr: round(lr),
        weightDecay: round(weightDecay),
        valAcc,
        trainAcc: records.map((r) => r.trainAcc),
      });
      if (!best || valAcc.at(-1)! > best.valAcc) best = { valAcc: valAcc.at(-1)!, network };
    }
    bar.stop();
    const ranked = results
      .map((r, trial) => ({ trial, ...r }))
      .sort((a, b) => b.valAcc.at(-1)! - a.valAcc.at(-1)! || a.trial - b.trial);
    const values = ranked.slice(0, DRAWN).flatMap((r, rank) =>
      (['valAcc', 'trainAcc'] as const).flatMap((set) =>
        r[set].map((accuracy, epoch) => ({
          panel: `Best-${rank + 1} (val ${r.valAcc.at(-1)!.toFixed(2)})`,
          rank,
          set: set === 'valAcc' ? 'validation' : 'train',
          epoch,
          accuracy,
        })),
      ),
    );
    await ctx.chart('hyperparameters', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `random search: the best ${DRAWN} of ${trials} trials (validation solid, train dashed)`,
      background: 'white',
      config: { font: 'DejaVu Sans' },
      data: { values },
      facet: { field: 'panel', type: 'nominal', title: null, sort: { field: 'rank', op: 'min' } },
      columns: 5,
      spec: {
        width: 120,
        height: 80,
        mark: { type: 'line', strokeWidth: 1.2 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: null },
          y: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] }, title: null },
          strokeDash: { field: 'set', type: 'nominal', title: null, sort: ['validation', 'train'] },
        },
      },
    });
    // The held-apart test set, used once: the best setting's network on all test images.
    const testAcc = best ? evaluate(best.network, test).accuracy : 0;
    const table = ranked.slice(0, LISTED).map((r, rank) => ({
      best: rank + 1,
      trial: r.trial + 1,
      lr: r.lr.toExponential(2),
      'weight decay': r.weightDecay.toExponential(2),
      'val acc': r.valAcc.at(-1)!,
    }));
    return {
      config: {
        images: IMAGES,
        validationSize,
        trainSize: train.length,
        trials,
        epochs,
        batchSize: BATCH_SIZE,
        hidden: HIDDEN,
        activation,
        weightInit,
        lrRange: LR_RANGE,
        weightDecayRange: DECAY_RANGE,
      },
      numbers: {
        trials: results,
        best: ranked.slice(0, LISTED).map((r) => r.trial + 1),
        bestTestAccuracy: testAcc,
        testSize: test.length,
      },
      table,
    };
  },
};

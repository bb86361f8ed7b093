// Book ch. 6.3.2 (batch_norm_test.py, fig. 6-18): the 6-layer network (5 hidden layers of 100)
// with and without batch normalisation, trained on 1,000 images, at 16 initial weight scales
// from 1 down to 1e-4. Batch norm learns fast at almost every scale; without it most scales stall.
import { SGD } from '@dl/layers';
import { createRng } from '@dl/linalg';
import { MultiLayerNetExtend } from '@dl/network';
import { type Experiment, round } from './context.js';
import { firstN, trainSideBySide } from './side-by-side.js';

/** The book's settings: 1,000 training images, batch 100, SGD lr 0.01, 20 epochs, 16 scales. */
const TRAIN_SIZE = 1000;
const BATCH_SIZE = 100;
const LR = 0.01;
const EPOCHS = 20;
const HIDDEN = [100, 100, 100, 100, 100];
/** np.logspace(0, -4, num=16): 10^(−4k/15), k = 0 … 15. */
const SCALES = Array.from({ length: 16 }, (_, k) => 10 ** ((-4 * k) / 15));

export const batchNorm: Experiment = {
  name: 'batch-norm',
  description: 'train accuracy with and without batch norm at 16 weight scales (1,000 images)',
  async run(ctx) {
    const quick = ctx.settings.quick;
    const epochs = quick ? 10 : EPOCHS;
    const scales = quick ? SCALES.filter((_, k) => k % 2 === 0) : SCALES;
    const activation = ctx.settings.activation ?? 'relu';
    const { train: all } = await ctx.mnist();
    const train = firstN(all, TRAIN_SIZE);
    const every = Array.from({ length: TRAIN_SIZE }, (_, i) => i);
    const { x: xAll, t: tAll } = train.batch(every);
    const iterPerEpoch = Math.max(TRAIN_SIZE / BATCH_SIZE, 1);
    // The book's loop: evaluate after steps 0, 10, 20, … and stop at the 20th evaluation.
    const iterations = (epochs - 1) * iterPerEpoch + 1;
    const bar = ctx.progress(scales.length * iterations, 'batch-norm');
    const results = scales.map((scale) => {
      const make = (useBatchnorm: boolean) => ({
        network: new MultiLayerNetExtend({
          hiddenSizeList: HIDDEN,
          activation,
          weightInit: scale,
          useBatchnorm,
          rng: createRng(ctx.settings.seed),
        }),
        optimizer: new SGD({ lr: LR }),
      });
      const contenders = { 'batch norm': make(true), normal: make(false) };
      const acc: Record<string, number[]> = { 'batch norm': [], normal: [] };
      trainSideBySide(contenders, train, {
        iterations,
        batchSize: BATCH_SIZE,
        rng: createRng(ctx.settings.seed + 1),
        onStep: (i) => {
          bar.tick();
          if (i % iterPerEpoch !== 0) return;
          for (const [name, c] of Object.entries(contenders)) {
            acc[name]!.push(round(c.network.accuracy(xAll, tAll)));
          }
        },
      });
      return { scale: round(scale), trainAcc: acc };
    });
    bar.stop();
    const values = results.flatMap((r, k) =>
      Object.entries(r.trainAcc).flatMap(([name, list]) =>
        list.map((a, epoch) => ({
          panel: `${k + 1}: W std ${r.scale.toPrecision(3)}`,
          k,
          name,
          epoch,
          accuracy: a,
        })),
      ),
    );
    await ctx.chart('batch-norm', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `train accuracy on ${TRAIN_SIZE} images, with and without batch norm, by initial weight std`,
      background: 'white',
      config: { font: 'DejaVu Sans' },
      data: { values },
      facet: {
        field: 'panel',
        type: 'nominal',
        title: null,
        sort: { field: 'k', op: 'min' },
      },
      columns: 4,
      spec: {
        width: 150,
        height: 100,
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
          y: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] } },
          color: { field: 'name', type: 'nominal', title: null },
          strokeDash: { field: 'name', type: 'nominal', title: null },
        },
      },
    });
    const table = results.map((r) => ({
      'W std': r.scale.toPrecision(3),
      'batch norm': r.trainAcc['batch norm']!.at(-1)!,
      normal: r.trainAcc['normal']!.at(-1)!,
    }));
    const wins = results.filter(
      (r) => r.trainAcc['batch norm']!.at(-1)! > r.trainAcc['normal']!.at(-1)!,
    ).length;
    return {
      config: {
        trainSize: TRAIN_SIZE,
        batchSize: BATCH_SIZE,
        lr: LR,
        epochs,
        hidden: HIDDEN,
        activation,
        scales: scales.map(round),
      },
      numbers: { results },
      table,
      checks: {
        [`batch norm ends more accurate at most scales (${wins} of ${results.length})`]:
          wins > results.length / 2,
      },
    };
  },
};

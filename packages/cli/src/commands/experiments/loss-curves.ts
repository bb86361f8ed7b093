// Shared by `optimizers` and `weight-init`: train networks side by side on MNIST and draw their
// smoothed training-loss curves in one chart.
import { createRng } from '@dl/linalg';
import { MultiLayerNetExtend, type WeightInit } from '@dl/network';
import { type ExperimentContext, meanOfLast, round, smooth } from './context.js';
import { type Contender, trainSideBySide } from './side-by-side.js';

/**
 * Trains the contenders `iterations` steps on MNIST's training set (batches of `batchSize`
 * shared by all), draws `<chart>.png` and returns each one's loss per iteration and a table of
 * the loss (mean of 100 iterations) at a few points.
 */
export async function lossCurves(
  ctx: ExperimentContext,
  contenders: Record<string, Contender>,
  options: { iterations: number; batchSize: number; chart: string; title: string },
): Promise<{
  losses: Record<string, number[]>;
  table: Record<string, string | number>[];
  final: Record<string, number>;
}> {
  const { train } = await ctx.mnist();
  const { iterations, batchSize } = options;
  const bar = ctx.progress(iterations, options.chart);
  const losses = trainSideBySide(contenders, train, {
    iterations,
    batchSize,
    rng: createRng(ctx.settings.seed + 1),
    onStep: () => bar.tick(),
  });
  bar.stop();
  const window = Math.max(1, Math.round(iterations / 100));
  const points = Object.entries(losses).flatMap(([name, l]) =>
    smooth(l, window)
      .map((loss, i) => ({ name, iteration: i + 1, loss: round(loss) }))
      .filter((_, i) => i % Math.max(1, Math.floor(iterations / 400)) === 0),
  );
  await ctx.chart(options.chart, {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    background: 'white',
    config: { font: 'DejaVu Sans' },
    width: 520,
    height: 320,
    data: { values: points },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'iteration', type: 'quantitative' },
      y: {
        field: 'loss',
        type: 'quantitative',
        title: `loss (moving mean of ${window})`,
        scale: { domain: [0, 2.5], clamp: true },
      },
      color: { field: 'name', type: 'nominal', title: null, sort: Object.keys(contenders) },
    },
  });
  const marks = [0.25, 0.5, 0.75, 1].map((q) => Math.round(q * iterations));
  const table = Object.entries(losses).map(([name, l]) => {
    const row: Record<string, string | number> = { name };
    for (const m of marks) row[`loss@${m}`] = meanOfLast(l.slice(0, m), 100);
    return row;
  });
  const final = Object.fromEntries(
    Object.entries(losses).map(([name, l]) => [name, meanOfLast(l, 100)]),
  );
  return { losses, table, final };
}

/** A fresh network of the given hidden sizes; the same seed gives every contender the same weights. */
export function freshNet(
  hiddenSizeList: number[],
  activation: 'relu' | 'sigmoid',
  weightInit: WeightInit,
  seed: number,
): MultiLayerNetExtend {
  return new MultiLayerNetExtend({ hiddenSizeList, activation, weightInit, rng: createRng(seed) });
}

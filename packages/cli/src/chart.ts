import type { EpochRecord } from '@dl/network';
import type { TopLevelSpec } from 'vega-lite';
import { renderSpec } from './render-spec.js';

/** A rendered training chart. */
export interface Chart {
  /** The chart as an SVG document. */
  svg: string;
  /** The same chart as PNG bytes (rendered from the SVG). */
  png: Uint8Array;
  /** The Vega-Lite specification it was made from (with its data). */
  spec: TopLevelSpec;
}

/** The most loss points drawn; longer runs are averaged over equal windows. */
const MAX_POINTS = 1000;

/**
 * Draws the training curves, loss per iteration and train/test accuracy per epoch, side by side,
 * with Vega-Lite (rendered headlessly to SVG by Vega) and resvg (SVG to PNG).
 *
 * @param losses - the mini-batch loss of every iteration
 * @param epochs - the epoch records
 * @param title - a title above the charts
 * @returns the SVG, the PNG and the specification
 * @throws Error when Vega or resvg fails to render
 * @example
 * ```ts
 * import { renderChart } from '@dl/cli';
 * const { svg, png } = await renderChart([2.3, 2.1, 1.9], [{ epoch: 1, iteration: 1, loss: 2.3, time: 0.1, trainAcc: 0.1, testAcc: 0.1 }]);
 * ```
 */
export async function renderChart(
  losses: readonly number[],
  epochs: readonly EpochRecord[],
  title = 'training',
): Promise<Chart> {
  const window = Math.max(1, Math.ceil(losses.length / MAX_POINTS));
  const lossPoints: { iteration: number; loss: number }[] = [];
  for (let start = 0; start < losses.length; start += window) {
    const part = losses.slice(start, start + window);
    const mean = part.reduce((a, b) => a + b, 0) / part.length;
    lossPoints.push({ iteration: start + part.length, loss: mean });
  }
  const accPoints = epochs.flatMap((e) => [
    { epoch: e.epoch, accuracy: e.trainAcc, set: 'train' },
    { epoch: e.epoch, accuracy: e.testAcc, set: 'test' },
  ]);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    background: 'white',
    config: { font: 'DejaVu Sans' },
    hconcat: [
      {
        title: window > 1 ? `loss (mean of ${window} iterations)` : 'loss',
        width: 360,
        height: 240,
        data: { values: lossPoints },
        mark: { type: 'line', color: '#4c78a8' },
        encoding: {
          x: { field: 'iteration', type: 'quantitative', title: 'iteration' },
          y: { field: 'loss', type: 'quantitative', title: 'loss', scale: { zero: true } },
        },
      },
      {
        title: 'accuracy',
        width: 360,
        height: 240,
        data: { values: accPoints },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
          y: {
            field: 'accuracy',
            type: 'quantitative',
            title: 'accuracy',
            scale: { domain: [0, 1] },
          },
          color: { field: 'set', type: 'nominal', title: null, sort: ['train', 'test'] },
        },
      },
    ],
  };
  const { svg, png } = await renderSpec(spec);
  return { svg, png, spec };
}

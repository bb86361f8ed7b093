// Book ch. 6.2.2–6.2.3 (weight_init_activation_histogram.py, figs. 6-10 to 6-14): 1,000 random
// inputs through 5 layers of 100 units, no training; the histograms of each layer's activations
// show whether the signal survives (spread) or dies (all near 0, or stuck at 0 and 1).
import { relu, sigmoid } from '@dl/layers';
import { createRng, dot, type NDArray, randn } from '@dl/linalg';
import type { Experiment } from './context.js';
import { round } from './context.js';

/** The book's settings: 1,000 inputs of 100 features, 5 layers of 100 nodes, 30 bins on [0, 1]. */
const INPUTS = 1000;
const NODES = 100;
const LAYERS = 5;
const BINS = 30;
/** The six cases of the book's figures: activation and the std of the weights. */
const CASES: { name: string; activation: 'sigmoid' | 'relu'; std: number }[] = [
  { name: 'sigmoid, std 1', activation: 'sigmoid', std: 1 },
  { name: 'sigmoid, std 0.01', activation: 'sigmoid', std: 0.01 },
  { name: 'sigmoid, Xavier', activation: 'sigmoid', std: Math.sqrt(1 / NODES) },
  { name: 'ReLU, std 0.01', activation: 'relu', std: 0.01 },
  { name: 'ReLU, Xavier', activation: 'relu', std: Math.sqrt(1 / NODES) },
  { name: 'ReLU, He', activation: 'relu', std: Math.sqrt(2 / NODES) },
];

/**
 * Counts of the values in BINS equal bins of [0, 1] (values outside are left out, as with
 * np.histogram's range). With `skipZeros`, exact zeros (ReLU's dead half) are left out too, so
 * that the shape of the living half shows; their share is reported apart.
 */
function histogram(a: NDArray, skipZeros: boolean): number[] {
  const counts = new Array<number>(BINS).fill(0);
  for (const v of a.data) {
    if (v < 0 || v > 1 || (skipZeros && v === 0)) continue;
    const bin = Math.min(BINS - 1, Math.floor(v * BINS));
    counts[bin] = counts[bin]! + 1;
  }
  return counts;
}

function meanAndStd(a: NDArray): { mean: number; std: number } {
  let m = 0;
  for (const v of a.data) m += v / a.size;
  let s = 0;
  for (const v of a.data) s += (v - m) ** 2 / a.size;
  return { mean: m, std: Math.sqrt(s) };
}

export const activations: Experiment = {
  name: 'activations',
  description:
    'histograms of the activations of 5 layers: sigmoid and ReLU with std 1, 0.01, Xavier, He',
  async run(ctx) {
    const results = CASES.map((c, ci) => {
      // The same inputs for every case; the weights of each case from its own seeded generator.
      const x = randn([INPUTS, NODES], createRng(ctx.settings.seed));
      const rng = createRng(ctx.settings.seed + 1 + ci);
      let a = x;
      const layers: { histogram: number[]; mean: number; std: number; zeros: number }[] = [];
      for (let l = 0; l < LAYERS; l++) {
        const w = randn([NODES, NODES], rng);
        for (let i = 0; i < w.size; i++) w.data[i] = w.data[i]! * c.std;
        const z = dot(a, w);
        a = c.activation === 'sigmoid' ? sigmoid(z) : relu(z);
        const { mean, std } = meanAndStd(a);
        const zeros = a.data.filter((v) => v === 0).length / a.size;
        layers.push({
          histogram: histogram(a, c.activation === 'relu'),
          mean: round(mean),
          std: round(std),
          zeros: round(zeros),
        });
      }
      return { ...c, std: round(c.std), layers };
    });
    const values = results.flatMap((r) =>
      r.layers.flatMap((layer, l) =>
        layer.histogram.map((count, b) => ({
          case: r.name,
          layer: `${l + 1}-layer`,
          bin: round((b + 0.5) / BINS),
          count,
        })),
      ),
    );
    await ctx.chart('activations', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `activations of 5 layers of ${NODES} units for ${INPUTS} random inputs (30 bins on [0, 1]; ReLU: exact zeros left out)`,
      background: 'white',
      config: { font: 'DejaVu Sans' },
      data: { values },
      facet: {
        row: { field: 'case', type: 'nominal', sort: CASES.map((c) => c.name), title: null },
        column: { field: 'layer', type: 'nominal', title: null },
      },
      spec: {
        width: 130,
        height: 80,
        mark: { type: 'bar', color: '#4c78a8', width: 3 },
        encoding: {
          x: { field: 'bin', type: 'quantitative', scale: { domain: [0, 1] }, title: null },
          y: { field: 'count', type: 'quantitative', title: 'count' },
        },
      },
      resolve: { scale: { y: 'independent' } },
    });
    const table = results.map((r) => {
      const row: Record<string, string | number> = { case: r.name };
      r.layers.forEach((layer, l) => {
        row[`std L${l + 1}`] = layer.std;
        if (r.activation === 'relu')
          row[`std L${l + 1}`] = `${layer.std.toFixed(4)} (${Math.round(layer.zeros * 100)}% 0)`;
      });
      return row;
    });
    return {
      config: { inputs: INPUTS, nodes: NODES, layers: LAYERS, bins: BINS, cases: CASES },
      numbers: { results },
      table,
    };
  },
};

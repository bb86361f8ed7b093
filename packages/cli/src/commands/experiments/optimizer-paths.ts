// Book ch. 6.1.7 (optimizer_compare_naive.py, fig. 6-8): the paths of the optimisers on
// f(x, y) = x²/20 + y², a valley 20 times longer in x than in y, from (−7, 2).
import { array } from '@dl/linalg';
import type { Experiment } from './context.js';
import { makeOptimizer, OPTIMIZER_NAMES, type OptimizerName } from './make-optimizer.js';

/** The book's settings: 30 steps from (−7, 2), its learning rates (Nesterov and RMSprop: ours). */
const START = [-7, 2] as const;
const STEPS = 30;
const LR: Record<OptimizerName, number> = {
  SGD: 0.95,
  Momentum: 0.1,
  Nesterov: 0.1, // not in the book's script: Momentum's rate, to compare the two directly
  AdaGrad: 1.5,
  RMSprop: 0.3, // not in the book's script: Adam's rate
  Adam: 0.3,
};
/** The contour levels drawn, values of f. */
const LEVELS = [0.25, 1, 2.25, 4, 6.25, 9];

const f = (x: number, y: number): number => (x * x) / 20 + y * y;

export const optimizerPaths: Experiment = {
  name: 'optimizer-paths',
  description: 'paths of SGD, Momentum, Nesterov, AdaGrad, RMSprop and Adam on x²/20 + y²',
  async run(ctx) {
    const paths: Record<string, { x: number; y: number }[]> = {};
    for (const name of OPTIMIZER_NAMES) {
      const optimizer = makeOptimizer(name, LR[name]);
      const params = { x: array([START[0]]), y: array([START[1]]) };
      const path: { x: number; y: number }[] = [{ x: START[0], y: START[1] }];
      for (let i = 0; i < STEPS; i++) {
        // ∂f/∂x = x/10, ∂f/∂y = 2y
        const grads = { x: array([params.x.get(0) / 10]), y: array([2 * params.y.get(0)]) };
        optimizer.update(params, grads);
        path.push({ x: params.x.get(0), y: params.y.get(0) });
      }
      paths[name] = path;
    }
    // Contours: x²/20 + y² = c is the ellipse x = √(20c)·cos θ, y = √c·sin θ.
    const contour = LEVELS.flatMap((c) =>
      Array.from({ length: 73 }, (_, k) => {
        const th = (2 * Math.PI * k) / 72;
        return { level: c, k, x: Math.sqrt(20 * c) * Math.cos(th), y: Math.sqrt(c) * Math.sin(th) };
      }),
    );
    const panels = OPTIMIZER_NAMES.map((name) => ({
      title: `${name} (lr ${LR[name]})`,
      width: 260,
      height: 200,
      layer: [
        {
          data: { values: contour },
          mark: { type: 'line' as const, color: '#bbbbbb', strokeWidth: 1 },
          encoding: {
            x: { field: 'x', type: 'quantitative' as const, scale: { domain: [-10, 10] } },
            y: { field: 'y', type: 'quantitative' as const, scale: { domain: [-5, 5] } },
            detail: { field: 'level', type: 'nominal' as const },
            order: { field: 'k', type: 'quantitative' as const },
          },
        },
        {
          data: { values: paths[name]!.map((p, i) => ({ ...p, step: i })) },
          mark: { type: 'line' as const, color: '#d62728', point: { color: '#d62728', size: 12 } },
          encoding: {
            x: { field: 'x', type: 'quantitative' as const },
            y: { field: 'y', type: 'quantitative' as const },
            order: { field: 'step', type: 'quantitative' as const },
          },
        },
      ],
    }));
    await ctx.chart('optimizer-paths', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: 'optimiser paths on f(x, y) = x²/20 + y² from (−7, 2), 30 steps',
      background: 'white',
      config: { font: 'DejaVu Sans' },
      columns: 3,
      concat: panels,
    });
    const table = OPTIMIZER_NAMES.map((name) => {
      const end = paths[name]!.at(-1)!;
      return { optimizer: name, lr: LR[name], x: end.x, y: end.y, 'f(x, y)': f(end.x, end.y) };
    });
    return {
      config: { start: START, steps: STEPS, lr: LR },
      numbers: { paths },
      table,
    };
  },
};

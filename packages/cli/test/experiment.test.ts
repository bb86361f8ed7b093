import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDl } from './run-dl.js';

// Every test runs the real binary; only the experiments that need no MNIST training run here
// (the MNIST ones take minutes at the book's sizes: see the guide, chapter 12, for their numbers).
const LONG = 120_000;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'dl-experiment-'));
const PNG = [137, 80, 78, 71, 13, 10, 26, 10];

describe('dl experiment', () => {
  it(
    'optimizer-paths: a table, a PNG and a JSON that is byte-identical for the same seed',
    async () => {
      const a = join(tmp(), 'a');
      const b = join(tmp(), 'b');
      const r = await runDl(['experiment', 'optimizer-paths', '--out', a]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^optimizer\s+lr\s+x\s+y\s+f\(x, y\)$/m);
      for (const name of ['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSprop', 'Adam']) {
        expect(r.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
      }
      expect([...readFileSync(join(a, 'optimizer-paths.png')).subarray(0, 8)]).toEqual(PNG);
      await runDl(['experiment', 'optimizer-paths', '--out', b]);
      const json = readFileSync(join(a, 'optimizer-paths.json'), 'utf8');
      expect(readFileSync(join(b, 'optimizer-paths.json'), 'utf8')).toBe(json);
      const numbers = JSON.parse(json);
      // 30 steps from (−7, 2): 31 points per path, each optimiser ends nearer the minimum at 0.
      expect(numbers.numbers.paths.SGD).toHaveLength(31);
      expect(numbers.numbers.paths.SGD[0]).toEqual({ x: -7, y: 2 });
      for (const path of Object.values(numbers.numbers.paths) as { x: number; y: number }[][]) {
        const end = path.at(-1)!;
        expect(end.x ** 2 / 20 + end.y ** 2).toBeLessThan(49 / 20 + 4);
      }
    },
    LONG,
  );

  it(
    'activations: deterministic histograms; ReLU with std 0.01 dies out, He keeps its spread',
    async () => {
      const a = join(tmp(), 'a');
      const b = join(tmp(), 'b');
      expect((await runDl(['experiment', 'activations', '--out', a, '--seed', '7'])).code).toBe(0);
      expect((await runDl(['experiment', 'activations', '--out', b, '--seed', '7'])).code).toBe(0);
      const json = readFileSync(join(a, 'activations.json'), 'utf8');
      expect(readFileSync(join(b, 'activations.json'), 'utf8')).toBe(json);
      const results = JSON.parse(json).numbers.results as {
        name: string;
        layers: { std: number; histogram: number[] }[];
      }[];
      const byName = Object.fromEntries(results.map((r) => [r.name, r.layers]));
      expect(byName['ReLU, std 0.01']!.at(-1)!.std).toBeLessThan(1e-3);
      expect(byName['ReLU, He']!.at(-1)!.std).toBeGreaterThan(0.3);
      // sigmoid with std 1: most activations at the ends (first and last bins) in every layer
      for (const layer of byName['sigmoid, std 1']!) {
        const h = layer.histogram;
        const total = h.reduce((s, v) => s + v, 0);
        expect((h[0]! + h.at(-1)!) / total).toBeGreaterThan(0.5);
      }
      expect([...readFileSync(join(a, 'activations.png')).subarray(0, 8)]).toEqual(PNG);
    },
    LONG,
  );

  it(
    'rejects an unknown experiment and bad flags with one clear line and exit code 2',
    async () => {
      const cases: [string[], string][] = [
        [
          ['experiment', 'dropout'],
          'error: unknown experiment "dropout"; expected one of optimizer-paths, optimizers, activations, weight-init, batch-norm, overfit, hyperparameters',
        ],
        [
          ['experiment', 'overfit', '--dropout-ratio', '1'],
          `error: option '--dropout-ratio <r>' argument '1' is invalid. expected a number in [0, 1), got "1"`,
        ],
        [
          ['experiment', 'overfit', '--weight-decay', '-0.5'],
          `error: option '--weight-decay <lambda>' argument '-0.5' is invalid. expected a number >= 0, got "-0.5"`,
        ],
        [
          ['experiment', 'overfit', '--activation', 'tanh'],
          `error: option '--activation <name>' argument 'tanh' is invalid. expected relu or sigmoid, got "tanh"`,
        ],
        [
          ['experiment', 'overfit', '--init', 'lecun'],
          `error: option '--init <std|xavier|he>' argument 'lecun' is invalid. expected a number > 0, 'he' or 'xavier', got "lecun"`,
        ],
      ];
      for (const [args, line] of cases) {
        const r = await runDl(args);
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n')[0]).toBe(line);
      }
    },
    LONG,
  );
});

// Faults a careful user (or a hostile file) meets: a closed stdout, a diverging run, two runs in
// one folder, models that do not fit, sizes that cannot be made. Each runs the real binary.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimpleNetwork, saveModel } from '@dl/network';
import { describe, expect, it } from 'vitest';
import { type DlResult, runDl } from './run-dl.js';

const LONG = 120_000;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'dl-faults-'));
const TINY = ['--data', 'lite', '--train-size', '500', '--test-size', '200', '--batch', '50'];
const lines = (path: string): string[] => readFileSync(path, 'utf8').trim().split('\n');

describe('dl train under faults', () => {
  it(
    'keeps training and saves everything when stdout is closed (| head -3), exit 0',
    async () => {
      const out = join(tmp(), 'run');
      const r = await runDl(['train', ...TINY, '--iters', '200', '--out', out], (text) =>
        text.split('\n').length > 3 ? 'close' : false,
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('dl: stdout was closed; the command goes on without printing\n');
      // 200 iterations, all of them saved after the reader went away.
      expect(lines(join(out, 'loss.csv')).length).toBe(201);
      expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).iterations).toBe(200);
      for (const f of ['model.dlnet', 'checkpoint.dlckpt', 'chart.png', 'chart.svg']) {
        expect(existsSync(join(out, f))).toBe(true);
      }
    },
    LONG,
  );

  it(
    'stops a diverging run (--lr 1e300) with exit 1, the iteration, the last loss and no model',
    async () => {
      const out = join(tmp(), 'run');
      const r = await runDl(['train', ...TINY, '--iters', '50', '--lr', '1e300', '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^dl train: Trainer: training diverged at iteration 2; expected a finite loss, got (NaN|-?Infinity) \(last finite loss 2\.\d{4} at iteration 1\); the weights blew up: try a smaller learning rate than 1e\+300\n {2}no model saved; /,
      );
      expect(existsSync(join(out, 'model.dlnet'))).toBe(false);
      expect(existsSync(join(out, 'summary.json'))).toBe(false);
      // loss.csv holds the one finite loss, for a look at what happened.
      expect(lines(join(out, 'loss.csv')).length).toBe(2);
    },
    LONG,
  );

  it(
    'refuses a new run into a folder holding one unless --force, which starts it over',
    async () => {
      const out = join(tmp(), 'run');
      expect((await runDl(['train', ...TINY, '--iters', '5', '--out', out])).code).toBe(0);
      const again = await runDl(['train', ...TINY, '--iters', '5', '--seed', '7', '--out', out]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(
        `dl: train: ${out} already holds a run (config.json, checkpoint.dlckpt, model.dlnet, metrics.jsonl, loss.csv, summary.json, chart.svg, chart.png); expected an empty or new folder: continue it with --resume ${out}, start over with --force, or choose another --out`,
      );
      expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).seed).toBe(42);
      const forced = await runDl([
        'train',
        ...TINY,
        '--iters',
        '5',
        '--seed',
        '7',
        '--out',
        out,
        '--force',
      ]);
      expect(forced.code).toBe(0);
      // config, model and checkpoint are all the new run's.
      expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')).seed).toBe(7);
      expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).config.seed).toBe(7);
      expect(existsSync(join(out, '.dl-train.lock'))).toBe(false);
    },
    LONG,
  );

  it(
    'keeps a second live run out of a folder in use (the lock), exit 1',
    async () => {
      const out = join(tmp(), 'run');
      let second: Promise<DlResult> | undefined;
      let secondDone = false;
      const first = await runDl(['train', ...TINY, '--iters', '1000000', '--out', out], (text) => {
        if (!second && /n = 000001/.test(text)) {
          second = runDl(['train', '--resume', out]).finally(() => {
            secondDone = true;
          });
        }
        return secondDone; // then Ctrl-C the first run
      });
      const r = await second!;
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `dl: train: ${out.replace(/[.]/g, '\\.')} is in use by another dl train \\(pid \\d+ on `,
        ),
      );
      expect(first.code).toBe(130);
      expect(existsSync(join(out, '.dl-train.lock'))).toBe(false);
    },
    LONG,
  );
});

describe('clear messages', () => {
  it(
    'dl evaluate and predict with a model of another input size',
    async () => {
      const model = join(tmp(), 'four.dlnet');
      saveModel(new SimpleNetwork({ inputSize: 4, hiddenSize: 3, outputSize: 2 }), model);
      const message = `does not fit MNIST; expected a model of 784 inputs (28×28 pixels, [1, 28, 28] for a convnet) and 10 classes, got a SimpleNetwork of 4 inputs and 2 classes\n`;
      const ev = await runDl(['evaluate', '--model', model, '--data', 'lite']);
      expect([ev.code, ev.stderr]).toEqual([1, `dl: evaluate: ${model} ${message}`]);
      const pr = await runDl(['predict', '--model', model, 'seven.png']);
      expect([pr.code, pr.stderr]).toEqual([1, `dl: predict: ${model} ${message}`]);
    },
    LONG,
  );

  it(
    'sizes that cannot be made: --hidden 100000000, show --scale 100000',
    async () => {
      const big = await runDl(['train', '--data', 'lite', '--hidden', '100000000', '--out', tmp()]);
      expect(big.code).toBe(1);
      expect(big.stderr).toMatch(
        /^dl: train: the run does not fit in memory; expected at most \d+\.\d GiB \(this machine's memory\), got about 1926\.0 GiB for 784-100000000-10 \(79500000010 parameters/,
      );
      const png = join(tmp(), 'x.png');
      const show = await runDl(['show', '--data', 'lite', '--scale', '100000', '--png', png]);
      expect(show.code).toBe(1);
      expect(show.stderr).toMatch(/^dl: toPng: image too large; expected at most 16777216 pixels/);
      expect(existsSync(png)).toBe(false);
    },
    LONG,
  );

  it(
    'says which file it cannot read or write, and what --train-size came to',
    async () => {
      const dir = tmp();
      const ev = await runDl(['evaluate', '--model', dir, '--data', 'lite']);
      expect(ev.stderr).toBe(
        `dl: loadModel: cannot read ${dir}; EISDIR: illegal operation on a directory, read\n`,
      );
      const show = await runDl(['show', '--data', 'lite', '--count', '1', '--png', dir]);
      expect(show.code).toBe(1);
      expect(show.stderr).toMatch(new RegExp(`^dl: writeFileAtomic: cannot write ${dir}; EISDIR`));
      const r = await runDl([
        'train',
        '--data',
        'lite',
        '--train-size',
        '100000',
        '--test-size',
        '100',
        '--iters',
        '2',
        '--out',
        join(dir, 'run'),
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(
        'dl train: note: --train-size 100000 is more than the 7996 training images of --data lite; using all 7996\n',
      );
      expect(r.stdout).toContain('7996 train / 100 test images');
    },
    LONG,
  );
});

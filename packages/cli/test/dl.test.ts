import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimpleNetwork, saveCheckpoint } from '@dl/network';
import { describe, expect, it } from 'vitest';
import { runDl } from './run-dl.js';

// Every test runs the real binary in its own process on the small 'lite' data set.
const LONG = 120_000;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'dl-cli-'));
const LOG_LINE = /^loss = \d+\.\d{4} time = \d+\.\d{4} n = \d{6} \| [01]\.\d{4} [01]\.\d{4}$/;
const TINY = ['--data', 'lite', '--train-size', '500', '--test-size', '200', '--batch', '50'];

describe('dl train', () => {
  it(
    "prints the lecture's log line each epoch and writes the run folder",
    async () => {
      const out = join(tmp(), 'run');
      const r = await runDl(['train', ...TINY, '--iters', '25', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines).toContain('loss = ____ time = ___ n = ___ | [TrainAcc] [TestAcc]');
      const logLines = lines.filter((l) => l.startsWith('loss = ') && !l.includes('____'));
      // 500 images / batch 50 = 10 iterations per epoch, evaluated after iterations 1, 11, 21,
      // then after the last one, 25.
      expect(logLines.length).toBe(4);
      for (const line of logLines) expect(line).toMatch(LOG_LINE);
      expect(logLines.map((l) => l.slice(l.indexOf('n = '), l.indexOf('n = ') + 10))).toEqual([
        'n = 000001',
        'n = 000002',
        'n = 000003',
        'n = 000004',
      ]);
      expect(r.stdout).toMatch(/test accuracy = 0\.\d{4} \(\d+\/200\) after 25 iterations/);

      const metrics = readFileSync(join(out, 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(metrics.map((m) => m.iteration)).toEqual([1, 11, 21, 25]);
      expect(Object.keys(metrics[0]).sort()).toEqual([
        'epoch',
        'iteration',
        'loss',
        'testAcc',
        'time',
        'trainAcc',
      ]);
      const loss = readFileSync(join(out, 'loss.csv'), 'utf8').trim().split('\n');
      expect(loss[0]).toBe('iteration,loss');
      expect(loss.length).toBe(26);
      expect(readFileSync(join(out, 'chart.svg'), 'utf8')).toMatch(/^<svg/);
      expect([...readFileSync(join(out, 'chart.png')).subarray(0, 8)]).toEqual([
        137, 80, 78, 71, 13, 10, 26, 10,
      ]);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary).toMatchObject({ iterations: 25, testCount: 200, parameters: 39_760 });
      expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({
        hidden: [50],
        lr: 0.1,
        optimizer: 'sgd',
        method: 'backprop',
        seed: 42,
      });
      for (const f of ['model.dlnet', 'checkpoint.dlckpt'])
        expect(existsSync(join(out, f))).toBe(true);

      // The saved model evaluates to the accuracy the run reported.
      const ev = await runDl(['evaluate', '--model', join(out, 'model.dlnet'), '--data', 'lite']);
      expect(ev.code).toBe(0);
      expect(ev.stdout).toMatch(/^test accuracy = 0\.\d{4} \(\d+\/2004\)\n {2}0: /);
    },
    LONG,
  );

  it(
    'resumes from a checkpoint to the same model, byte for byte, as a run straight through',
    async () => {
      const dir = tmp();
      const straight = await runDl(['train', ...TINY, '--iters', '30', '--out', join(dir, 'a')]);
      expect(straight.code).toBe(0);
      const half = await runDl(['train', ...TINY, '--iters', '15', '--out', join(dir, 'b')]);
      expect(half.code).toBe(0);
      const resumed = await runDl([
        'train',
        '--resume',
        join(dir, 'b', 'checkpoint.dlckpt'),
        '--iters',
        '30',
      ]);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain('at iteration 15 of 30');
      // Only the epochs after iteration 15 are printed again.
      expect(resumed.stdout).toMatch(/n = 000003 \|/);
      expect(resumed.stdout).not.toMatch(/n = 000001 \|/);
      expect(readFileSync(join(dir, 'b', 'model.dlnet'))).toEqual(
        readFileSync(join(dir, 'a', 'model.dlnet')),
      );
      expect(readFileSync(join(dir, 'b', 'loss.csv'), 'utf8')).toBe(
        readFileSync(join(dir, 'a', 'loss.csv'), 'utf8'),
      );
    },
    LONG,
  );

  it(
    'saves a checkpoint on Ctrl-C and says how to resume',
    async () => {
      const out = join(tmp(), 'run');
      // Far more iterations than the test waits for: the interrupt comes after the first epoch line.
      const r = await runDl(['train', ...TINY, '--iters', '1000000', '--out', out], (text) =>
        /n = 000001/.test(text),
      );
      expect(r.code).toBe(130);
      expect(r.stdout).toMatch(
        /interrupted at iteration \d+ of 1000000; checkpoint saved to .*checkpoint\.dlckpt/,
      );
      expect(r.stdout).toContain('resume with: dl train --resume');
      expect(existsSync(join(out, 'checkpoint.dlckpt'))).toBe(true);
      expect(existsSync(join(out, 'model.dlnet'))).toBe(false);
    },
    LONG,
  );

  it(
    'trains with the numerical gradient on a small subset, printing the same log line',
    async () => {
      const r = await runDl([
        'train',
        '--method',
        'numerical',
        '--data',
        'lite',
        '--hidden',
        '3',
        '--iters',
        '2',
        '--batch',
        '2',
        '--train-size',
        '4',
        '--test-size',
        '10',
        '--out',
        join(tmp(), 'n'),
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('784-3-10 (2395 parameters, float64)');
      expect(r.stdout).toContain(
        '  numerical, sgd lr 0.1, batch 2, 2 iterations, 4 train / 10 test images',
      );
      expect(r.stdout).toMatch(
        /one gradient of 2395 parameters on 2 images: numerical \d+\.\d{3} s, backprop \d+\.\d{3} ms \(\d+× faster\)/,
      );
      // Evaluated after iteration 1 and after the last, 2.
      expect(r.stdout.split('\n').filter((l) => LOG_LINE.test(l)).length).toBe(2);
    },
    LONG,
  );
});

describe('dl usage errors', () => {
  for (const args of [
    ['train', '--bogus'],
    ['train', '--iters', 'abc'],
    ['train', '--lr', '-1'],
    ['train', '--optimizer', 'rmsprop'],
    ['evaluate'],
    ['frobnicate'],
    [],
  ]) {
    it(
      `dl ${args.join(' ')} prints usage and exits with 2`,
      async () => {
        const r = await runDl(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/error: |Usage: dl/);
        expect(r.stderr).toContain('Usage: dl');
      },
      LONG,
    );
  }

  it(
    'dl --help exits with 0',
    async () => {
      const r = await runDl(['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: dl [options] [command]');
    },
    LONG,
  );
});

describe('dl gradcheck, predict, show, evaluate', () => {
  it(
    'gradcheck passes on a small network',
    async () => {
      const r = await runDl(['gradcheck', '--data', 'lite', '--hidden', '5', '--samples', '2']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^W1 {2}max relative difference \d\.\d\de-\d+/m);
      expect(r.stdout).toMatch(/^ok: largest relative difference/m);
    },
    LONG,
  );

  it(
    'show writes quantised and subsampled digits; predict reads a PNG back',
    async () => {
      const dir = tmp();
      const shown = await runDl([
        'show',
        '--data',
        'lite',
        '--count',
        '2',
        '--bits',
        '1',
        '--png',
        join(dir, 'q.png'),
      ]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('#0: label 0 (1 bit = 2 levels)');
      expect(shown.stdout).toMatch(/[▀▄█]/);
      const sub = await runDl([
        'show',
        '--data',
        'lite',
        '--subsample',
        '2',
        '--count',
        '1',
        '--png',
        join(dir, 's.png'),
      ]);
      expect(sub.stdout).toContain('subsampled by 2 to 14×14');

      const out = join(dir, 'run');
      expect((await runDl(['train', ...TINY, '--iters', '5', '--out', out])).code).toBe(0);
      await runDl([
        'show',
        '--data',
        'lite',
        '--split',
        'test',
        '--count',
        '1',
        '--index',
        '7',
        '--png',
        join(dir, 'seven.png'),
      ]);
      const r = await runDl([
        'predict',
        '--model',
        join(out, 'model.dlnet'),
        join(dir, 'seven.png'),
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /seven\.png: \d \(p = [01]\.\d{4}; next \d [01]\.\d{4}, \d [01]\.\d{4}\)/,
      );
    },
    LONG,
  );

  it(
    'refuses a corrupt model file with exit code 1 and the reason',
    async () => {
      const bad = join(tmp(), 'bad.dlnet');
      writeFileSync(
        bad,
        'DLMODEL\n and then nonsense that is long enough to pass the length check',
      );
      const r = await runDl(['evaluate', '--model', bad, '--data', 'lite']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^dl: loadModel: (unsupported format version|checksum mismatch)/);
    },
    LONG,
  );

  it(
    'refuses to resume from a checkpoint that dl train did not write',
    async () => {
      const path = join(tmp(), 'other.dlckpt');
      const state = {
        iteration: 0,
        elapsed: 0,
        losses: [],
        epochs: [],
        rng: [1, 2, 3, 4, Number.NaN],
      };
      const optimizer = { kind: 'SGD', hyperparameters: { lr: 0.1 }, iteration: 0, slots: {} };
      saveCheckpoint(path, new SimpleNetwork({ hiddenSize: 3 }), { ...state, optimizer });
      const r = await runDl(['train', '--resume', path]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'has no dl train settings; expected a checkpoint written by dl train',
      );
    },
    LONG,
  );

  it(
    'says which files are missing for a data folder without them',
    async () => {
      const r = await runDl(['show', '--data', tmp()]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/IDX file missing in .*; expected one of train-images-idx3-ubyte/);
    },
    LONG,
  );
});

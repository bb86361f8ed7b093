import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimpleConvNet, SimpleNetwork, saveModel } from '@dl/network';
import { describe, expect, it } from 'vitest';
import { runDl } from './run-dl.js';

// The convolutional networks through the real binary, on a few 'lite' digits: what matters here is
// the plumbing (flags, run folder, model files, resume, errors), not the accuracy.
const LONG = 240_000;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'dl-conv-'));
const FEW = ['--data', 'lite', '--train-size', '200', '--test-size', '100', '--batch', '20'];
const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** A file's SHA-256: comparing two megabyte files byte by byte in expect() would print a megabyte diff. */
const sha256 = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');
const isPng = (file: string): boolean => PNG_SIGNATURE.every((b, i) => readFileSync(file)[i] === b);

describe('dl with --model simple-convnet', () => {
  it(
    'trains, evaluates at float16, shows its filters and its mistakes, and predicts',
    async () => {
      const dir = tmp();
      const out = join(dir, 'run');
      const train = await runDl([
        'train',
        '--model',
        'simple-convnet',
        ...FEW,
        '--iters',
        '10',
        '--out',
        out,
      ]);
      expect(train.stderr).toBe('');
      expect(train.code).toBe(0);
      // 750 + 30 + 432,000 + 100 + 1,000 + 10 parameters (the book's §7.5 net), Adam 0.001 by default.
      expect(train.stdout).toContain('conv30×5×5-relu-pool2×2-100-10 (433890 parameters, float64)');
      expect(train.stdout).toContain('adam lr 0.001, batch 20, 10 iterations');
      const model = join(out, 'model.dlnet');
      expect(existsSync(model)).toBe(true);

      const ev = await runDl([
        'evaluate',
        '--model',
        model,
        '--data',
        'lite',
        '--weights',
        'float16',
      ]);
      expect(ev.code).toBe(0);
      expect(ev.stdout).toMatch(
        /^test accuracy by weight precision:\n {2}float64 {2}0\.\d{4} \(\d+\/\d+\)\n {2}float16 {2}0\.\d{4}/,
      );
      expect(ev.stdout).toMatch(/largest change of a weight \d\.\d\de-\d+/);

      const filters = join(dir, 'filters.png');
      const shown = await runDl(['show', 'filters', model, '--png', filters]);
      expect([shown.code, shown.stdout]).toEqual([0, `wrote ${filters}: 30 filters 5×5\n`]);
      expect(isPng(filters)).toBe(true);

      const wrong = join(dir, 'wrong.png');
      const mis = await runDl([
        'show',
        'misclassified',
        model,
        '--data',
        'lite',
        '--count',
        '5',
        '--png',
        wrong,
      ]);
      expect(mis.code).toBe(0);
      // Ten iterations leave plenty of mistakes: five are shown, each as #index true→predicted.
      expect(mis.stdout).toMatch(/^wrote .*wrong\.png: 5 misclassified test digits/);
      expect(mis.stdout.match(/#\d+ (\d)→(?!\1)\d/g)?.length).toBe(5);
      expect(isPng(wrong)).toBe(true);

      const digit = join(dir, 'digit.png');
      await runDl(['show', '--data', 'lite', '--split', 'test', '--count', '1', '--png', digit]);
      const pr = await runDl(['predict', '--model', model, digit]);
      expect(pr.code).toBe(0);
      expect(pr.stdout).toMatch(/digit\.png: \d \(p = [01]\.\d{4}/);
    },
    LONG,
  );

  it(
    'refuses models of another architecture, naming what it expected and what it got',
    async () => {
      const dir = tmp();
      const mlp = join(dir, 'mlp.dlnet');
      saveModel(new SimpleNetwork(), mlp);
      const filters = join(dir, 'f.png');
      const r = await runDl(['show', 'filters', mlp, '--png', filters]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `dl: show filters: ${mlp} is not a convolutional network; expected W1 of shape [FN, C, FH, FW], got a SimpleNetwork with W1 [784, 50]\n`,
      );
      expect(existsSync(filters)).toBe(false);

      const small = join(dir, 'small.dlnet');
      saveModel(new SimpleConvNet({ inputDim: [1, 16, 16], filterNum: 2, hiddenSize: 4 }), small);
      const ev = await runDl(['evaluate', '--model', small, '--data', 'lite']);
      expect(ev.code).toBe(1);
      expect(ev.stderr).toBe(
        `dl: evaluate: ${small} does not fit MNIST; expected a model of 784 inputs (28×28 pixels, [1, 28, 28] for a convnet) and 10 classes, got a SimpleConvNet of [1, 16, 16] images and 10 classes\n`,
      );
    },
    LONG,
  );
});

describe('dl with --model deep-convnet', () => {
  it(
    'trains, and a run stopped half-way resumes to the same model, byte for byte',
    async () => {
      const dir = tmp();
      const args = ['train', '--model', 'deep-convnet', ...FEW];
      const straight = await runDl([...args, '--iters', '6', '--out', join(dir, 'a')]);
      expect(straight.stderr).toBe('');
      expect(straight.code).toBe(0);
      // By hand: 123,268 weights + 284 biases (the book's §8.1 net).
      expect(straight.stdout).toContain('(123552 parameters, float64)');
      const half = await runDl([...args, '--iters', '3', '--out', join(dir, 'b')]);
      expect(half.code).toBe(0);
      const resumed = await runDl([
        'train',
        '--resume',
        join(dir, 'b', 'checkpoint.dlckpt'),
        '--iters',
        '6',
      ]);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain('at iteration 3 of 6');
      // Dropout masks too must continue where they stopped, or the weights would differ.
      expect(sha256(join(dir, 'b', 'model.dlnet'))).toBe(sha256(join(dir, 'a', 'model.dlnet')));
      expect(readdirSync(join(dir, 'b')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    LONG,
  );
});

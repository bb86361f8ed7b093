// What every experiment gets from `dl experiment`: its settings, a run folder to write to, the
// data, a progress bar and the chart renderer. One experiment, one file; this is their toolbox.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Mnist } from '@dl/data';
import { writeFileAtomic } from '@dl/network';
import { SingleBar } from 'cli-progress';
import type { TopLevelSpec } from 'vega-lite';
import { renderSpec } from '../../render-spec.js';

/** The flags every experiment shares. */
export interface ExperimentSettings {
  /** The seed of every random generator of the run. */
  seed: number;
  /** Smaller runs for a quick look (each experiment says what it scales down). */
  quick: boolean;
  /** The MNIST source: 'standard', 'lite' or a folder of IDX files. */
  data: string;
  /** Show a progress bar on a terminal. */
  progress: boolean;
  /** λ of the weight decay, for the experiments that use one (book: 0.1 in `overfit`). */
  weightDecay?: number;
  /** The dropout ratio, for the experiments that use one (book: 0.2 in `overfit`). */
  dropoutRatio?: number;
  /** The activation of the hidden layers, for the experiments on MNIST (default ReLU). */
  activation?: 'relu' | 'sigmoid';
  /** The weight initialisation, for the experiments that do not compare them (default He). */
  init?: number | 'xavier' | 'he';
}

/** One row of the table an experiment prints. */
export type Row = Record<string, string | number>;

/** The context an experiment runs in. */
export interface ExperimentContext {
  readonly settings: ExperimentSettings;
  /** The run folder (created). */
  readonly outDir: string;
  /** MNIST, loaded on first use. */
  mnist(): Promise<Mnist>;
  /** A progress bar of `total` steps (nothing when not on a terminal or with --no-progress). */
  progress(total: number, label: string): { tick(n?: number): void; stop(): void };
  /** Renders a Vega-Lite chart to `<name>.svg` and `<name>.png` in the run folder. */
  chart(name: string, spec: TopLevelSpec): Promise<void>;
  /** Prints a line (above a running progress bar). */
  log(line: string): void;
}

/** What an experiment hands back: the numbers for the JSON file and the table to print. */
export interface ExperimentResult {
  /** The settings actually used (the book's numbers, or the --quick ones). */
  config: Record<string, unknown>;
  /** The measured numbers; deterministic for a seed (no times in here). */
  numbers: Record<string, unknown>;
  /** The short table printed at the end. */
  table: Row[];
  /** One-line verdicts on what the figure should show (the checks), true when met. */
  checks?: Record<string, boolean>;
}

/** An experiment of the book's chapter 6. */
export interface Experiment {
  /** Its name on the command line. */
  name: string;
  /** One line for `dl experiment --help`. */
  description: string;
  /** Runs it. */
  run(ctx: ExperimentContext): Promise<ExperimentResult>;
}

/** Builds the context for a run folder. */
export function createContext(
  settings: ExperimentSettings,
  outDir: string,
  loadMnist: () => Promise<Mnist>,
): ExperimentContext {
  mkdirSync(outDir, { recursive: true });
  let data: Promise<Mnist> | undefined;
  let bar: SingleBar | undefined;
  const tty = settings.progress && process.stderr.isTTY === true;
  return {
    settings,
    outDir,
    mnist: () => {
      data ??= loadMnist();
      return data;
    },
    progress(total, label) {
      if (!tty) return { tick: () => {}, stop: () => {} };
      bar = new SingleBar({
        format: ` ${label} {bar} {value}/{total} | {duration_formatted} | eta {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
      });
      bar.start(total, 0);
      const own = bar;
      return {
        tick: (n = 1) => own.increment(n),
        stop: () => {
          own.stop();
          if (bar === own) bar = undefined;
        },
      };
    },
    async chart(name, spec) {
      const { svg, png } = await renderSpec(spec);
      writeFileAtomic(join(outDir, `${name}.svg`), svg);
      writeFileAtomic(join(outDir, `${name}.png`), png);
    },
    log(line) {
      if (bar) process.stderr.write('\n');
      process.stdout.write(`${line}\n`);
    },
  };
}

/** Formats a table of rows as aligned text columns. */
export function formatTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]!);
  const cell = (v: string | number | undefined): string =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : (v ?? '');
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (values: string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(keys),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(keys.map((k) => cell(r[k])))),
  ].join('\n');
}

/** A moving mean over `window` points, for loss curves (the book smooths them too). */
export function smooth(values: readonly number[], window: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= window) sum -= values[i - window]!;
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}

/** The mean of the last `n` values (a loss "after k iterations", less noisy than one batch). */
export function meanOfLast(values: readonly number[], n: number): number {
  const part = values.slice(Math.max(0, values.length - n));
  return part.reduce((a, b) => a + b, 0) / part.length;
}

/** Rounds for JSON: 8 significant digits keep the files readable and still exact run to run. */
export function round(v: number): number {
  return Number(v.toPrecision(8));
}

import { decodeModel, type Network } from '@dl/network';
import { el, panel, select } from './dom.js';
import { drawLines } from './line-chart.js';
import type { Text } from './text.js';
import {
  DTYPES,
  type FromWorker,
  METHODS,
  OPTIMIZERS,
  type ToWorker,
  type TrainSettings,
} from './train-settings.js';
import { readChoice, readNumber, write } from './url-state.js';

/**
 * Panel 2, train in the page: the settings (in the URL), start / pause / resume, a live chart of
 * the mini-batch loss and the test accuracy, and the trained model for the drawing panel or as a
 * file that `dl evaluate` and `dl predict` read.
 */
export function trainPanel(
  t: Text,
  workerUrl: URL,
  dataUrl: URL,
  useModel: (network: Network) => void,
): HTMLElement {
  const s: TrainSettings = {
    lr: readNumber('train.lr', 0.1, 1e-6, 10),
    batch: readNumber('train.batch', 100, 1, 1000),
    hidden: readNumber('train.hidden', 50, 1, 500),
    optimizer: readChoice('train.optimizer', OPTIMIZERS, 'SGD'),
    dtype: readChoice('train.dtype', DTYPES, 'float64'),
    method: readChoice('train.method', METHODS, 'backprop'),
    seed: readNumber('train.seed', 42, 0, 2 ** 31),
    iterations: readNumber('train.iterations', 300, 1, 100_000),
  };
  const save = () =>
    write(Object.fromEntries(Object.entries(s).map(([k, v]) => [`train.${k}`, v])));
  const number = (label: string, key: 'lr' | 'batch' | 'hidden' | 'seed' | 'iterations') => {
    const input = el('input', { type: 'number', name: key, value: String(s[key]), min: '0' });
    if (key === 'lr') input.step = 'any';
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (Number.isFinite(v) && v > 0) s[key] = v;
      save();
    });
    return el('label', {}, `${label} `, input);
  };

  const startButton = el('button', { type: 'button', name: 'start' }, t.start);
  const pauseButton = el('button', { type: 'button', name: 'pause', disabled: '' }, t.pause);
  const useButton = el('button', { type: 'button', name: 'use', disabled: '' }, t.useTrained);
  const downloadButton = el(
    'button',
    { type: 'button', name: 'download', disabled: '' },
    t.download,
  );
  const status = el('p', { class: 'status', 'data-state': 'idle' });
  const message = el('p', { class: 'message', role: 'alert' });
  const chart = el('canvas', { width: '600', height: '220', class: 'chart' });

  let worker: Worker | null = null;
  let running = false;
  let losses: Array<[number, number]> = [];
  let accuracies: Array<[number, number]> = [];
  let wantModel: ((bytes: Uint8Array) => void) | null = null;

  const redraw = () =>
    drawLines(chart, s.iterations, [
      { label: t.loss, color: '#c0392b', points: losses },
      { label: t.testAcc, color: '#2471a3', points: accuracies, max: 1 },
    ]);

  function setState(state: 'idle' | 'loading' | 'running' | 'paused' | 'done', text: string) {
    status.dataset['state'] = state;
    status.textContent = text;
    running = state === 'running' || state === 'loading';
    pauseButton.disabled = state === 'idle' || state === 'done';
    pauseButton.textContent = state === 'paused' ? t.resume : t.pause;
    useButton.disabled = downloadButton.disabled = !(state === 'paused' || state === 'done');
  }

  function onMessage(m: FromWorker): void {
    if (m.type === 'iteration') {
      losses.push([m.iteration, m.loss]);
      setState(
        'running',
        `${m.iteration} / ${s.iterations} · ${m.msPerIteration.toFixed(2)} ms/it`,
      );
    } else if (m.type === 'evaluation') {
      accuracies.push([m.iteration, m.testAcc]);
      status.dataset['testAcc'] = String(m.testAcc);
      status.dataset['loss'] = String(m.loss);
      status.dataset['firstLoss'] ??= String(m.loss);
    } else if (m.type === 'paused')
      setState('paused', `${t.pause}: ${m.iteration} / ${s.iterations}`);
    else if (m.type === 'done') {
      const acc = accuracies.at(-1)?.[1] ?? Number.NaN;
      setState('done', `${m.iteration} / ${s.iterations} · ${t.testAcc} ${acc.toFixed(4)}`);
    } else if (m.type === 'model') wantModel?.(m.bytes);
    else if (m.type === 'error') {
      message.textContent = m.message;
      setState('idle', '');
    }
    redraw();
  }

  startButton.addEventListener('click', () => {
    worker?.terminate();
    losses = [];
    accuracies = [];
    delete status.dataset['firstLoss'];
    message.textContent = '';
    worker = new Worker(workerUrl, { type: 'module' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => {
      message.textContent = e.message;
    };
    const start: ToWorker = { type: 'start', settings: { ...s }, data: dataUrl.href };
    worker.postMessage(start);
    setState('loading', '…');
  });
  pauseButton.addEventListener('click', () => {
    const m: ToWorker = running ? { type: 'pause' } : { type: 'resume' };
    worker?.postMessage(m);
    if (!running) setState('running', '…');
  });

  /** The trained network's model file, from the worker. */
  const modelBytes = () =>
    new Promise<Uint8Array>((resolve) => {
      wantModel = resolve;
      worker?.postMessage({ type: 'model' } satisfies ToWorker);
    });
  useButton.addEventListener('click', async () => {
    useModel(decodeModel(await modelBytes()).network);
  });
  downloadButton.addEventListener('click', async () => {
    const bytes = await modelBytes();
    const a = el('a', {
      href: URL.createObjectURL(new Blob([bytes as BlobPart])),
      download: 'model.dlnet',
    });
    a.click();
    URL.revokeObjectURL(a.href);
  });

  const controls = el(
    'div',
    { class: 'controls' },
    number(t.lr, 'lr'),
    number(t.batch, 'batch'),
    number(t.hidden, 'hidden'),
    select(t.optimizer, 'optimizer', OPTIMIZERS, s.optimizer, (v) => {
      s.optimizer = v as TrainSettings['optimizer'];
      save();
    }),
    select(t.dtype, 'dtype', DTYPES, s.dtype, (v) => {
      s.dtype = v as TrainSettings['dtype'];
      save();
    }),
    select(t.method, 'method', METHODS, s.method, (v) => {
      s.method = v as TrainSettings['method'];
      save();
    }),
    number(t.seed, 'seed'),
    number(t.iterations, 'iterations'),
  );
  redraw();
  return panel(
    'train',
    t.trainTitle,
    t.trainHelp,
    controls,
    el('p', {}, startButton, ' ', pauseButton, ' ', useButton, ' ', downloadButton),
    status,
    chart,
    message,
  );
}

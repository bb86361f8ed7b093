import { prepareDigit } from '@dl/data';
import { softmax } from '@dl/layers';
import { decodeModel, type Network } from '@dl/network';
import { el, paintGray, panel } from './dom.js';
import type { Text } from './text.js';

/**
 * Panel 1, draw a digit: a canvas to draw on (mouse, pen and touch, as pointer events), the 28×28
 * input as the network sees it, and the ten probabilities as bars, updated while drawing.
 *
 * The picture goes through `prepareDigit` of @dl/data, the very function `dl predict` calls, then
 * `softmax(network.predict(x))` as `dl predict` does.
 */
export interface DrawPanel {
  element: HTMLElement;
  /** Uses `network` from now on; `label` says where it came from. */
  setModel(network: Network, label: string): void;
}

/** The canvas is drawn at this size; the pen's width is about a MNIST stroke's at that scale. */
const SIZE = 280;
const PEN = 20;

export function drawPanel(t: Text, modelUrl: URL): DrawPanel {
  let network: Network | null = null;
  const canvas = el('canvas', { width: String(SIZE), height: String(SIZE), class: 'draw' });
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const seen = el('canvas', { class: 'seen', 'aria-label': t.asNetworkSees });
  const bars = el('div', { class: 'bars', 'data-probabilities': '' });
  const guess = el('output', { class: 'guess', 'data-guess': '' }, '–');
  const modelName = el('p', { class: 'model-name' }, '…');
  const message = el('p', { class: 'message', role: 'alert' });
  const picker = el('input', { type: 'file', accept: '.dlnet', name: 'model-file' });
  const clear = el('button', { type: 'button' }, t.clear);

  const rows = Array.from({ length: 10 }, (_, d) => {
    const fill = el('span', { class: 'fill' });
    const value = el('span', { class: 'value' }, '0.00');
    bars.append(
      el('div', { class: 'bar' }, el('span', { class: 'digit' }, String(d)), fill, value),
    );
    return { fill, value };
  });

  function blank(): void {
    ctx.fillStyle = 'black';
    ctx.fillRect(0, 0, SIZE, SIZE);
  }

  /** The canvas as a grayscale image, 0…255 (white ink on black, as MNIST). */
  function picture(): { data: Float64Array; shape: [number, number] } {
    const rgba = ctx.getImageData(0, 0, SIZE, SIZE).data;
    const gray = new Float64Array(SIZE * SIZE);
    for (let i = 0; i < gray.length; i++) gray[i] = rgba[4 * i]!; // the ink is gray: R = G = B
    return { data: gray, shape: [SIZE, SIZE] };
  }

  function update(): void {
    const x = prepareDigit(picture(), { range: 255 });
    paintGray(seen, x.data, 28, 28);
    if (!network) return;
    const p = Array.from(softmax(network.predict(x.reshape(1, 784))).data);
    let best = 0;
    p.forEach((v, d) => {
      rows[d]!.fill.style.width = `${(100 * v).toFixed(1)}%`;
      rows[d]!.value.textContent = v.toFixed(2);
      if (v > p[best]!) best = d;
    });
    bars.dataset['probabilities'] = JSON.stringify(p);
    guess.textContent = String(best);
    guess.dataset['guess'] = String(best);
  }

  // Drawing: a pointer pressed on the canvas draws round strokes until it is lifted.
  let last: { x: number; y: number } | null = null;
  let pending = false;
  const at = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) * SIZE) / r.width,
      y: ((e.clientY - r.top) * SIZE) / r.height,
    };
  };
  const stroke = (to: { x: number; y: number }) => {
    ctx.strokeStyle = 'white';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(last!.x, last!.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last = to;
    // one prediction per frame, however many pointer events arrive
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        update();
      });
    }
  };
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    stroke(at(e));
  });
  canvas.addEventListener('pointermove', (e) => {
    if (last) stroke(at(e));
  });
  const lift = () => {
    last = null;
  };
  canvas.addEventListener('pointerup', lift);
  canvas.addEventListener('pointercancel', lift);
  clear.addEventListener('click', () => {
    blank();
    update();
  });

  function setModel(net: Network, label: string): void {
    network = net;
    modelName.textContent = label;
    message.textContent = '';
    update();
  }

  /** A learner's model file: decoded here, or a message saying what is wrong with it. */
  async function useFile(file: File): Promise<void> {
    try {
      const { network: net } = decodeModel(new Uint8Array(await file.arrayBuffer()));
      const a = net.architecture;
      const inputSize = 'inputSize' in a ? String(a.inputSize) : a.inputDim.join('×');
      if (inputSize !== '784') {
        throw new Error(
          `use my model: wrong input; expected a network of 784 inputs (28×28 flattened), got ${a.type} with ${inputSize}`,
        );
      }
      setModel(net, `${t.modelLoaded}: ${file.name}`);
    } catch (error) {
      message.textContent = `${file.name}: ${(error as Error).message}`;
    }
  }
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    if (file) void useFile(file);
  });
  const drop = el(
    'div',
    { class: 'drop' },
    el('label', {}, `${t.myModel} `, picker),
    ` ${t.dropHere}`,
  );
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void useFile(file);
  });

  blank();
  fetch(modelUrl)
    .then((r) => r.arrayBuffer())
    .then((bytes) => setModel(decodeModel(new Uint8Array(bytes)).network, t.shippedModel))
    .catch((error: Error) => {
      message.textContent = `${modelUrl}: ${error.message}`;
    });

  const element = panel(
    'draw',
    t.drawTitle,
    t.drawHelp,
    el(
      'div',
      { class: 'row' },
      el('div', {}, canvas, el('p', {}, clear)),
      el(
        'div',
        {},
        el('p', {}, t.asNetworkSees),
        seen,
        el('p', {}, `${t.guess}: `, guess),
        el('p', {}, t.probabilities),
        bars,
      ),
    ),
    modelName,
    drop,
    message,
  );
  return { element, setModel };
}

import { type Dataset, quantize, subsample } from '@dl/data';
import { NDArray } from '@dl/linalg';
import { el, paintGray, panel, slider } from './dom.js';
import type { Text } from './text.js';
import { readNumber, write } from './url-state.js';

/**
 * Panel 3, images are numbers (the lecture's first chapter): one MNIST test digit, quantised to
 * `bits` bits per pixel (`quantize` of @dl/data) and sampled every `step` pixels (`subsample`),
 * drawn as a picture and written out as the grid of numbers (0…255) it is.
 */
export function imagesPanel(t: Text, test: Dataset): HTMLElement {
  let index = readNumber('images.digit', 0, 0, test.length - 1);
  let bits = readNumber('images.bits', 8, 1, 8);
  let step = readNumber('images.step', 1, 1, 7);
  const picture = el('canvas', { class: 'digit' });
  const grid = el('table', { class: 'grid' });

  function update(): void {
    write({ 'images.digit': index, 'images.bits': bits, 'images.step': step });
    const pixels = test.images.subarray(index * 784, (index + 1) * 784);
    const digit = new NDArray(Float64Array.from(pixels), [28, 28]);
    const img = subsample(quantize(digit, bits, { range: 255 }), step);
    const [h, w] = img.shape as [number, number];
    paintGray(
      picture,
      Array.from(img.data, (v) => v / 255),
      h,
      w,
    );
    grid.replaceChildren(
      ...Array.from({ length: h }, (_, r) =>
        el(
          'tr',
          {},
          ...Array.from({ length: w }, (_, c) => {
            const v = img.data[r * w + c]!;
            return el('td', { class: v > 127 ? 'ink' : '' }, String(Math.round(v)));
          }),
        ),
      ),
    );
  }

  const controls = el(
    'div',
    { class: 'controls' },
    slider(t.digit, 'digit', { min: 0, max: test.length - 1, step: 1, value: index }, (v) => {
      index = v;
      update();
    }),
    slider(t.bits, 'bits', { min: 1, max: 8, step: 1, value: bits }, (v) => {
      bits = v;
      update();
    }),
    slider(t.step, 'step', { min: 1, max: 7, step: 1, value: step }, (v) => {
      step = v;
      update();
    }),
  );
  update();
  return panel(
    'images',
    t.imagesTitle,
    t.imagesHelp,
    controls,
    el('div', { class: 'row' }, picture, el('div', { class: 'grid-box' }, grid)),
  );
}

/**
 * The guides' pictures, drawn by the packages themselves so that they always show what the code
 * really does: MNIST digits, quantisation at 1–8 bits and subsampling (`@dl/data`), a training
 * curve (`@dl/network` trained for a few seconds, drawn by `@dl/cli`'s chart), and the café
 * computation graph with the values `@dl/calculus`'s `MulLayer`/`AddLayer` compute, an im2col sketch
 * and SimpleConvNet's filters before and after a short training with the digits it gets wrong.
 *
 * Run as part of `pnpm run docs`; the files land in `docs/generated/` (ignored by git) and typedoc
 * copies the ones the guides link into the site.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddLayer, MulLayer } from '@dl/calculus';
import { filterGrid, renderChart } from '@dl/cli';
import {
  type Dataset,
  digitGrid,
  loadMnistSync,
  quantize,
  resizeNearest,
  subsample,
  toPng,
} from '@dl/data';
import { Adam, SGD } from '@dl/layers';
import { arange, argmax, array, createRng, im2col, linspace, type NDArray } from '@dl/linalg';
import { SimpleConvNet, SimpleNetwork, Trainer } from '@dl/network';

/** One MNIST picture as a 28 × 28 array of 0…255 values. */
function digit(set: Dataset, index: number): NDArray {
  const size = 28 * 28;
  const pixels = Array.from(set.images.subarray(index * size, (index + 1) * size));
  return array(pixels).reshape(28, 28);
}

/** Stacks equally sized 2-D images into `[n, h, w]` for `digitGrid`. */
function stack(images: readonly NDArray[]): NDArray {
  const [h, w] = images[0]!.shape as [number, number];
  const out: number[] = [];
  for (const img of images) out.push(...img.data);
  return array(out).reshape(images.length, h, w);
}

/** Sixteen training digits in a 8 × 2 grid. */
function mnistDigits(train: Dataset): Uint8Array {
  const images = Array.from({ length: 16 }, (_, i) => digit(train, i));
  return toPng(digitGrid(stack(images), { cols: 8, gap: 2 }), { scale: 3, range: 255 });
}

/**
 * A grey ramp (top row) and a digit (bottom row), each quantised to 1, 2, … 8 bits, left to right.
 * The ramp makes the steps visible; MNIST's pixels are mostly pure black or white.
 */
function quantisation(train: Dataset): Uint8Array {
  const ramp = linspace(0, 255, 28);
  const rampImage = array(Array.from({ length: 28 }, () => Array.from(ramp.data))); // 28 × 28
  const sample = digit(train, 0);
  const bits = [1, 2, 3, 4, 5, 6, 7, 8];
  const row1 = bits.map((b) => quantize(rampImage, b, { range: 255 }));
  const row2 = bits.map((b) => quantize(sample, b, { range: 255 }));
  const grid = digitGrid(stack([...row1, ...row2]), { cols: 8, gap: 3, background: 128 });
  return toPng(grid, { scale: 4, range: 255 });
}

/** One digit subsampled with steps 1, 2 and 4, each blown back up to 28 × 28 to compare. */
function subsampling(train: Dataset): Uint8Array {
  const sample = digit(train, 0);
  const views = [1, 2, 4].map((step) => resizeNearest(subsample(sample, step), [28, 28]));
  return toPng(digitGrid(stack(views), { cols: 3, gap: 3, background: 128 }), {
    scale: 5,
    range: 255,
  });
}

/**
 * Trains the lecture's 784-50-10 network with backprop on the bundled lite MNIST set (8,000
 * training and 2,000 test digits) for 10 short epochs, and draws its loss and accuracy.
 */
async function trainingCurve(train: Dataset, test: Dataset): Promise<string> {
  const rng = createRng(42);
  const network = new SimpleNetwork({ inputSize: 784, hiddenSize: 50, outputSize: 10, rng });
  const trainer = new Trainer({
    network,
    train,
    test,
    rng,
    optimizer: new SGD({ lr: 0.1 }),
    iterations: 800,
    batchSize: 100,
    iterationsPerEpoch: 80,
  });
  const result = await trainer.run();
  const { losses } = trainer.getState();
  const last = result.epochs.at(-1)!;
  const title = `784-50-10, lite MNIST, SGD lr 0.1: test accuracy ${last.testAcc.toFixed(3)}`;
  return (await renderChart(losses, result.epochs, title)).svg;
}

/** Escapes text for SVG. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Formats won amounts and derivatives: 1,100,000 and 2.2. */
function num(v: number): string {
  return v.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** The café graph's words in each language of the guides. */
const CAFE_WORDS = {
  en: {
    items: ['coffee machine', 'table', 'chair', 'cup'],
    price: 'price',
    count: 'count',
    tax: 'tax',
    total: 'total',
    legend: 'blue: forward value · red: derivative of the total (backward)',
  },
  ko: {
    items: ['커피머신', '테이블', '의자', '컵'],
    price: '가격',
    count: '개수',
    tax: '세금',
    total: '합계',
    legend: '파랑: 순전파 값 · 빨강: 합계에 대한 미분값 (역전파)',
  },
} as const;

/**
 * The café graph of the lecture: four purchases (price × count), summed, times the tax rate.
 * Forward values come from `MulLayer`/`AddLayer.forward`, derivatives from their `backward`,
 * starting with 1 at the total. Each edge shows its value above and its derivative below.
 */
function cafeGraph(lang: keyof typeof CAFE_WORDS): string {
  const words = CAFE_WORDS[lang];
  const items = [
    { name: words.items[0], price: 1_000_000, count: 2 },
    { name: words.items[1], price: 50_000, count: 5 },
    { name: words.items[2], price: 30_000, count: 15 },
    { name: words.items[3], price: 10_000, count: 20 },
  ];
  const taxRate = 1.1;

  // forward
  const muls = items.map(() => new MulLayer());
  const costs = items.map((it, i) => muls[i]!.forward(it.price, it.count));
  const adds = [new AddLayer(), new AddLayer(), new AddLayer()];
  const s1 = adds[0]!.forward(costs[0]!, costs[1]!);
  const s2 = adds[1]!.forward(s1, costs[2]!);
  const subtotal = adds[2]!.forward(s2, costs[3]!);
  const tax = new MulLayer();
  const total = tax.forward(subtotal, taxRate);

  // backward, from dTotal = 1
  const [dSubtotal, dTaxRate] = tax.backward(1);
  const [dS2, dCost3] = adds[2]!.backward(dSubtotal);
  const [dS1, dCost2] = adds[1]!.backward(dS2);
  const [dCost0, dCost1] = adds[0]!.backward(dS1);
  const dCosts = [dCost0, dCost1, dCost2, dCost3];
  const dInputs = items.map((_, i) => muls[i]!.backward(dCosts[i]!));

  const parts: string[] = [];
  const W = 1060;
  const H = 580;
  const line = (x1: number, y1: number, x2: number, y2: number, top: string, bottom: string) => {
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2;
    parts.push(
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#555" marker-end="url(#arrow)"/>`,
      `<text x="${mx}" y="${my - 6}" text-anchor="middle" class="fwd">${esc(top)}</text>`,
      `<text x="${mx}" y="${my + 16}" text-anchor="middle" class="bwd">${esc(bottom)}</text>`,
    );
  };
  const node = (x: number, y: number, label: string) => {
    parts.push(
      `<circle cx="${x}" cy="${y}" r="22" fill="#fff" stroke="#333" stroke-width="2"/>`,
      `<text x="${x}" y="${y + 7}" text-anchor="middle" class="op">${label}</text>`,
    );
  };
  const ys = [80, 210, 340, 470];
  const mulX = 420;
  items.forEach((it, i) => {
    const y = ys[i]!;
    const [dPrice, dCount] = dInputs[i]!;
    parts.push(`<text x="20" y="${y - 50}" class="name">${esc(it.name)}</text>`);
    line(20, y - 34, mulX - 24, y - 8, `${words.price} ${num(it.price)}`, `∂ ${num(dPrice)}`);
    line(20, y + 34, mulX - 24, y + 8, `${words.count} ${num(it.count)}`, `∂ ${num(dCount)}`);
    node(mulX, y, '×');
  });
  const addX = [600, 700, 800];
  const addY = [145, 250, 340];
  line(mulX + 22, ys[0]!, addX[0]! - 22, addY[0]! - 8, num(costs[0]!), `∂ ${num(dCosts[0]!)}`);
  line(mulX + 22, ys[1]!, addX[0]! - 22, addY[0]! + 8, num(costs[1]!), `∂ ${num(dCosts[1]!)}`);
  node(addX[0]!, addY[0]!, '+');
  line(addX[0]! + 18, addY[0]! + 14, addX[1]! - 20, addY[1]! - 10, num(s1), `∂ ${num(dS1)}`);
  line(mulX + 22, ys[2]!, addX[1]! - 22, addY[1]! + 8, num(costs[2]!), `∂ ${num(dCosts[2]!)}`);
  node(addX[1]!, addY[1]!, '+');
  line(addX[1]! + 18, addY[1]! + 14, addX[2]! - 20, addY[2]! - 10, num(s2), `∂ ${num(dS2)}`);
  line(mulX + 22, ys[3]!, addX[2]! - 22, addY[2]! + 12, num(costs[3]!), `∂ ${num(dCosts[3]!)}`);
  node(addX[2]!, addY[2]!, '+');
  const taxX = 930;
  const taxY = 340;
  line(addX[2]! + 22, addY[2]!, taxX - 22, taxY, num(subtotal), `∂ ${num(dSubtotal)}`);
  line(taxX, 500, taxX, taxY + 22, `${words.tax} ${num(taxRate)}`, `∂ ${num(dTaxRate)}`);
  node(taxX, taxY, '×');
  parts.push(
    `<text x="${taxX}" y="${taxY - 40}" text-anchor="middle" class="fwd">${words.total} ${num(total)}</text>`,
    `<text x="${taxX}" y="${taxY - 60}" text-anchor="middle" class="bwd">∂ 1</text>`,
    `<text x="20" y="${H - 14}" class="legend">${esc(words.legend)}</text>`,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, NanumGothic, Noto Sans CJK KR, sans-serif" font-size="14">`,
    '<style>.fwd{fill:#1f5fa8}.bwd{fill:#b3261e}.op{font-size:22px}.name{font-weight:bold}.legend{fill:#333}</style>',
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/**
 * im2col on a 4 × 4 image 0…15 with a 3 × 3 filter (stride 1, no pad): the image (left) and the
 * `[4, 9]` matrix im2col makes of it (right), one window per row, grey levels by value.
 */
function im2colSketch(): Uint8Array {
  const x = arange(16).reshape(1, 1, 4, 4);
  const col = im2col(x, 3, 3); // [4, 9]
  // Side by side on one canvas: the image in rows 0–3 of columns 0–3, the matrix from column 5.
  const canvas = array(Array.from({ length: 4 }, () => new Array<number>(14).fill(-4)));
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) canvas.data[r * 14 + c] = x.data[r * 4 + c]!;
    for (let j = 0; j < 9; j++) canvas.data[r * 14 + 5 + j] = col.data[r * 9 + j]!;
  }
  const scaled = array(Array.from(canvas.data, (v) => (v < 0 ? 128 : 40 + v * 13))).reshape(4, 14);
  return toPng(scaled, { scale: 24, range: 255 });
}

/**
 * SimpleConvNet's 30 first-layer filters before and after a short training (300 Adam steps on
 * the lite MNIST, float32), and the first test digits it still gets wrong.
 */
async function convNetPictures(
  train: Dataset,
  test: Dataset,
): Promise<{ before: Uint8Array; after: Uint8Array; wrong: Uint8Array; caption: string }> {
  const rng = createRng(7);
  const network = new SimpleConvNet({ rng, dtype: 'float32' });
  const before = toPng(filterGrid(network.params['W1']!), { scale: 8, range: 255 });
  const trainer = new Trainer({
    network,
    train,
    test,
    rng,
    optimizer: new Adam({ lr: 0.001 }),
    iterations: 300,
    batchSize: 100,
    iterationsPerEpoch: 300,
    testEvalSize: 1000,
    trainEvalSize: 1000,
  });
  const result = await trainer.run();
  const after = toPng(filterGrid(network.params['W1']!), { scale: 8, range: 255 });
  const indices = Array.from({ length: 1000 }, (_, i) => i);
  const { x, t } = test.batch(indices);
  const predicted = argmax(network.predict(x), { axis: 1 }).data;
  const wrongAt = indices.filter((i) => predicted[i] !== t.data[i]).slice(0, 20);
  const images = array(wrongAt.flatMap((i) => Array.from(x.data.subarray(i * 784, (i + 1) * 784))));
  const grid = digitGrid(images.reshape(wrongAt.length, 28, 28), { cols: 10 });
  const caption = wrongAt.map((i) => `${t.data[i]}→${predicted[i]}`).join(' ');
  const acc = result.epochs.at(-1)!.testAcc;
  return {
    before,
    after,
    wrong: toPng(grid, { scale: 3, range: 1 }),
    caption: `after 300 steps, test accuracy ${acc.toFixed(3)} on 1000 digits; true→predicted: ${caption}`,
  };
}

/**
 * Draws every picture into `dir`.
 *
 * @param dir - output folder, created if missing
 * @returns the file names written
 */
export async function drawPictures(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const { train, test } = loadMnistSync({ source: 'lite' });
  const files: Record<string, Uint8Array | string> = {
    'mnist-digits.png': mnistDigits(train),
    'quantisation.png': quantisation(train),
    'subsampling.png': subsampling(train),
    'cafe-graph.svg': cafeGraph('en'),
    'cafe-graph.ko.svg': cafeGraph('ko'),
    'training-curve.svg': await trainingCurve(train, test),
    'im2col.png': im2colSketch(),
  };
  const conv = await convNetPictures(train, test);
  files['conv-filters-before.png'] = conv.before;
  files['conv-filters-after.png'] = conv.after;
  files['conv-misclassified.png'] = conv.wrong;
  files['conv-misclassified.txt'] = `${conv.caption}\n`;
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return Object.keys(files);
}

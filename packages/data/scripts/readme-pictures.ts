// Draws the README's pictures from the real MNIST files: `pnpm --filter @dl/data readme-pictures`.
// Writes assets/digits.png (the first 20 training digits) and assets/quantize.png (one digit at
// 8, 4, 2 and 1 bits per pixel), and prints the first digit in the terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NDArray } from '@dl/linalg';
import { digitGrid, loadMnistSync, quantize, toPng, toTerminal } from '../src/index.js';

const assets = new URL('../assets/', import.meta.url).pathname;
mkdirSync(assets, { recursive: true });

const { train } = loadMnistSync({ normalize: false });

// The first 20 training digits, 10 per row: 5 0 4 1 9 2 1 3 1 4 / 3 5 3 6 1 7 2 8 6 9
const first20 = train.batch(Array.from({ length: 20 }, (_, i) => i)).x;
const grid = digitGrid(first20, { cols: 10 });
writeFileSync(join(assets, 'digits.png'), toPng(grid, { scale: 2, range: 255 }));

// Quantisation (양자화): the first digit with 2^8, 2^4, 2^2 and 2^1 gray levels
const digit = first20.data.subarray(0, 784);
const levels = [8, 4, 2, 1].map(
  (bits) => quantize({ data: digit, shape: [28, 28] }, bits, { range: 255 }).data,
);
const stack = new Float64Array(4 * 784);
for (const [k, q] of levels.entries()) stack.set(q, k * 784);
const strip = digitGrid(new NDArray(stack, [4, 28, 28]), { cols: 4, background: 128 });
writeFileSync(join(assets, 'quantize.png'), toPng(strip, { scale: 3, range: 255 }));

console.log(toTerminal({ data: digit, shape: [28, 28] }, { range: 255 }));
console.log(`labels: ${Array.from(train.labels.subarray(0, 20)).join(' ')}`);

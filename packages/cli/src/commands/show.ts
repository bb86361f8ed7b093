import { digitGrid, quantize, subsample, toPng, toTerminal } from '@dl/data';
import { NDArray } from '@dl/linalg';
import { writeFileAtomic } from '@dl/network';
import { type Command, Option } from 'commander';
import { loadData } from '../load-data.js';
import { nonNegativeInt, positiveInt } from '../parse.js';

interface ShowFlags {
  data: string;
  split: 'train' | 'test';
  index: number;
  count: number;
  bits?: number;
  subsample?: number;
  png: string;
  scale: number;
  color?: boolean;
}

/** Adds `dl show` to the program. */
export function registerShow(program: Command): void {
  program
    .command('show')
    .description(
      'show MNIST digits in the terminal and as a PNG, optionally quantised or subsampled (양자화, 서브샘플링)',
    )
    .option('--data <source>', "'standard', 'lite' or a folder of IDX files", 'standard')
    .addOption(
      new Option('--split <name>', 'which split').choices(['train', 'test']).default('train'),
    )
    .option('--index <n>', 'first image to show', nonNegativeInt, 0)
    .option('--count <n>', 'how many images', positiveInt, 3)
    .option('--bits <n>', 'quantise each pixel to n bits (1–8): 2^n grey levels', positiveInt)
    .option('--subsample <step>', 'keep every step-th pixel in each direction', positiveInt)
    .option('--png <file>', 'where to write the PNG', 'digits.png')
    .option('--scale <n>', 'enlarge the PNG n times', positiveInt, 4)
    .option('--color', 'draw grey levels with terminal colours (default on a terminal)')
    .option('--no-color', 'draw plain on/off blocks')
    .action(async (flags: ShowFlags) => {
      const data = (await loadData(flags.data))[flags.split];
      if (flags.index + flags.count > data.length) {
        throw new RangeError(
          `show: images out of range; expected index + count ≤ ${data.length}, got ${flags.index} + ${flags.count}`,
        );
      }
      const digits: NDArray[] = [];
      for (let i = flags.index; i < flags.index + flags.count; i++) {
        let img: NDArray = new NDArray(
          Float64Array.from(data.images.subarray(i * 784, (i + 1) * 784)),
          [28, 28],
        );
        if (flags.bits !== undefined) img = quantize(img, flags.bits, { range: 255 });
        if (flags.subsample !== undefined) img = subsample(img, flags.subsample);
        digits.push(img);
        process.stdout.write(
          `#${i}: label ${data.labels[i]}${describe(flags, img)}\n${toTerminal(img, { range: 255, color: flags.color ?? process.stdout.isTTY === true })}\n`,
        );
      }
      const [h, w] = digits[0]!.shape as [number, number];
      const stacked = new NDArray(new Float64Array(digits.length * h * w), [digits.length, h, w]);
      digits.forEach((d, k) => {
        stacked.data.set(d.data, k * h * w);
      });
      writeFileAtomic(
        flags.png,
        toPng(digitGrid(stacked, { background: 0 }), { scale: flags.scale, range: 255 }),
      );
      process.stdout.write(`wrote ${flags.png}\n`);
    });
}

function describe(flags: ShowFlags, img: NDArray): string {
  const parts: string[] = [];
  if (flags.bits !== undefined)
    parts.push(`${flags.bits} bit${flags.bits > 1 ? 's' : ''} = ${2 ** flags.bits} levels`);
  if (flags.subsample !== undefined)
    parts.push(`subsampled by ${flags.subsample} to ${img.shape.join('×')}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

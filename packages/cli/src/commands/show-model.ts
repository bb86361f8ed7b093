import { digitGrid, toPng } from '@dl/data';
import { argmax, NDArray } from '@dl/linalg';
import { loadModel, writeFileAtomic } from '@dl/network';
import type { Command } from 'commander';
import { filterGrid } from '../filter-grid.js';
import { loadData } from '../load-data.js';
import { positiveInt } from '../parse.js';

/** Adds `dl show filters <model>` and `dl show misclassified <model>` under `dl show`. */
export function registerShowModel(show: Command): void {
  // `dl show --png …` has options of the same names: after `filters` or `misclassified` they are the
  // subcommand's (commander needs positional options on the program too for that).
  show.parent?.enablePositionalOptions();
  show.enablePositionalOptions();
  show
    .command('filters')
    .description(
      "write a PNG of a convolutional model's first-layer filters (the book's fig. 7-24)",
    )
    .argument('<model>', 'a model file written by dl train --model simple-convnet or deep-convnet')
    .option('--png <file>', 'where to write the PNG', 'filters.png')
    .option('--scale <n>', 'enlarge the PNG n times', positiveInt, 8)
    .action((model: string, flags: { png: string; scale: number }) => {
      const { network } = loadModel(model);
      const W1 = network.params['W1'];
      if (W1?.ndim !== 4) {
        throw new Error(
          `show filters: ${model} is not a convolutional network; expected W1 of shape [FN, C, FH, FW], got a ${network.architecture.type} with W1 ${W1 ? `[${W1.shape.join(', ')}]` : 'missing'}`,
        );
      }
      writeFileAtomic(flags.png, toPng(filterGrid(W1), { scale: flags.scale, range: 255 }));
      process.stdout.write(
        `wrote ${flags.png}: ${W1.shape[0]} filters ${W1.shape[2]}×${W1.shape[3]}\n`,
      );
    });
  show
    .command('misclassified')
    .description(
      'write a PNG grid of test digits a model gets wrong, with their true and predicted labels',
    )
    .argument('<model>', 'a model file written by dl train')
    .option('--data <source>', "'standard', 'lite' or a folder of IDX files", 'standard')
    .option('--count <n>', 'how many digits at most', positiveInt, 20)
    .option('--png <file>', 'where to write the PNG', 'misclassified.png')
    .option('--scale <n>', 'enlarge the PNG n times', positiveInt, 3)
    .action(
      async (model: string, flags: { data: string; count: number; png: string; scale: number }) => {
        const { network } = loadModel(model);
        const { test } = await loadData(flags.data);
        const { images, labels, wrong } = misclassified(
          network.predict.bind(network),
          test,
          flags.count,
        );
        if (wrong.length === 0) {
          process.stdout.write(`no misclassified digits among ${test.length}\n`);
          return;
        }
        writeFileAtomic(
          flags.png,
          toPng(digitGrid(images, { cols: 10 }), { scale: flags.scale, range: 1 }),
        );
        process.stdout.write(
          `wrote ${flags.png}: ${wrong.length} misclassified test digits, row by row (true → predicted):\n` +
            `${wrong.map((w, k) => `${k % 10 === 0 ? '  ' : ''}#${w.index} ${labels[k]}→${w.predicted}${k % 10 === 9 ? '\n' : ' '}`).join('')}\n`,
        );
      },
    );
}

/**
 * The first `count` test digits whose predicted class is not their label.
 *
 * @returns their images `[k, 28, 28]` (0…1), true labels and predictions
 */
function misclassified(
  predict: (x: NDArray) => NDArray,
  test: { length: number; batch(indices: ArrayLike<number>): { x: NDArray; t: NDArray } },
  count: number,
): { images: NDArray; labels: number[]; wrong: { index: number; predicted: number }[] } {
  const wrong: { index: number; predicted: number }[] = [];
  const pixels: number[] = [];
  const labels: number[] = [];
  for (let start = 0; start < test.length && wrong.length < count; start += 500) {
    const indices = Array.from({ length: Math.min(500, test.length - start) }, (_, i) => start + i);
    const { x, t } = test.batch(indices);
    const predicted = argmax(predict(x), { axis: 1 }).data;
    for (let i = 0; i < indices.length && wrong.length < count; i++) {
      if (predicted[i] !== t.data[i]) {
        wrong.push({ index: indices[i]!, predicted: predicted[i]! });
        labels.push(t.data[i]!);
        pixels.push(...x.data.subarray(i * 784, (i + 1) * 784));
      }
    }
  }
  return { images: new NDArray(Float64Array.from(pixels), [wrong.length, 28, 28]), labels, wrong };
}

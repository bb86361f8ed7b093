// Checks the commands make around the library calls: finite weights, what the size flags came to,
// whether a model fits MNIST and whether a run fits in memory.
import type { Network } from '@dl/network';

/**
 * Whether every weight of a network is finite (no NaN, no ±Infinity): a checkpoint or model of
 * such weights is never written.
 *
 * @param network - the network
 * @returns true when all parameters are finite
 */
export function finiteParams(network: Network): boolean {
  for (const p of Object.values(network.params)) {
    const d = p.data;
    for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return false;
  }
  return true;
}

/** The size settings that bear on the data set's length. */
export interface SizeSettings {
  trainSize: number | null;
  testSize: number | null;
  evalTrain: number | null;
  data: string;
}

/**
 * Notes for size flags larger than the data: such a flag is not an error (it means "all"), but the
 * user should see what was used instead of a silent change.
 *
 * @param config - the run's settings
 * @param trainLength - training images loaded
 * @param testLength - test images loaded
 * @returns one line per flag that asked for more than there is
 */
export function usedSizeNotes(
  config: SizeSettings,
  trainLength: number,
  testLength: number,
): string[] {
  const notes: string[] = [];
  const check = (flag: string, asked: number | null, have: number, what: string): void => {
    if (asked !== null && asked > have) {
      notes.push(
        `${flag} ${asked} is more than the ${have} ${what} of --data ${config.data}; using all ${have}`,
      );
    }
  };
  check('--train-size', config.trainSize, trainLength, 'training images');
  check('--test-size', config.testSize, testLength, 'test images');
  check(
    '--eval-train',
    config.evalTrain,
    Math.min(trainLength, config.trainSize ?? trainLength),
    'training images used',
  );
  return notes;
}

/**
 * Checks that a model fits MNIST as the commands feed it: 784 inputs (28×28 pixels) and 10 classes.
 *
 * @param op - the command, for the message
 * @param file - the model file
 * @param architecture - the model's input and output sizes
 * @throws Error saying what the model takes and what MNIST needs
 */
export function checkMnistModel(
  op: string,
  file: string,
  architecture: { type?: unknown; inputSize?: unknown; inputDim?: unknown; outputSize?: unknown },
): void {
  const { inputSize, inputDim, outputSize } = architecture;
  // A fully connected model states its inputs as a number, a convolutional one as [C, H, W].
  const dim = Array.isArray(inputDim) ? inputDim : undefined;
  const wrongIn =
    (typeof inputSize === 'number' && inputSize !== 784) ||
    (dim !== undefined && (dim.length !== 3 || dim[0] !== 1 || dim[1] !== 28 || dim[2] !== 28));
  const wrongOut = typeof outputSize === 'number' && outputSize !== 10;
  if (wrongIn || wrongOut) {
    const inputs = dim ? `[${dim.join(', ')}] images` : `${String(inputSize)} inputs`;
    throw new Error(
      `${op}: ${file} does not fit MNIST; expected a model of 784 inputs (28×28 pixels, [1, 28, 28] for a convnet) and 10 classes, got a ${String(architecture.type)} of ${inputs} and ${String(outputSize)} classes`,
    );
  }
}

/** The bytes of one float64 number. */
const F64 = 8;

/**
 * Checks that a network of these layer sizes, trained on batches of `batch` images, fits in this
 * machine's memory: weights, gradients and an optimiser slot per weight, plus a batch's inputs and
 * each layer's activations and their gradients, all float64. A network that cannot fit is refused
 * before its first array is allocated.
 *
 * @param sizes - layer sizes, input first (`[784, 50, 10]`)
 * @param batch - images per mini-batch
 * @param memory - bytes available (default: `os.totalmem()`)
 * @throws RangeError with the estimate and the memory
 */
export function checkRunFits(sizes: readonly number[], batch: number, memory: number): void {
  let params = 0;
  let activations = sizes[0]!;
  for (let i = 0; i + 1 < sizes.length; i++) {
    params += (sizes[i]! + 1) * sizes[i + 1]!;
    activations += 2 * sizes[i + 1]!;
  }
  const bytes = 3 * params * F64 + batch * activations * F64;
  if (bytes > memory) {
    const gib = (b: number): string => `${(b / 2 ** 30).toFixed(1)} GiB`;
    throw new RangeError(
      `train: the run does not fit in memory; expected at most ${gib(memory)} (this machine's memory), got about ${gib(bytes)} for ${sizes.join('-')} (${params} parameters, with gradients and optimiser state) and batches of ${batch}`,
    );
  }
}

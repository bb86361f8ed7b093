// Checks `dl train` makes around the Trainer: that the weights are still numbers, and what the
// size flags came to on the data actually loaded.
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

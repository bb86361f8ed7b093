// The Node half of checkpoints: saving to and loading from disk. Encoding and decoding, which work on
// bytes in a browser too, are in checkpoint.ts; this file is left out of the browser entry.

import { type Checkpoint, decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { readFileNamed } from './file-error.js';
import type { Network } from './network.js';
import type { TrainerState } from './trainer.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Saves a checkpoint atomically (temporary file, then rename), so Ctrl-C or a crash while saving
 * leaves the previous checkpoint intact.
 *
 * @param path - the file to write (conventionally `checkpoint.dlckpt`)
 * @param network - the network being trained
 * @param state - `trainer.getState()`
 * @param meta - settings needed to rebuild the run
 * @returns nothing
 * @throws Error from the file system
 * @example
 * ```ts
 * import { mkdirSync } from 'node:fs';
 * import { SGD } from '@dl/layers';
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, Trainer, arraySource, saveCheckpoint } from '@dl/network';
 * // a tiny run to checkpoint (a real one trains on MNIST: see Trainer)
 * const data = arraySource(array([[1, 0], [0, 1]]), array([1, 0]));
 * const rng = createRng(0);
 * const trainer = new Trainer({
 *   network: new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng }),
 *   train: data, test: data, rng, optimizer: new SGD({ lr: 0.1 }), iterations: 3, batchSize: 2,
 * });
 * await trainer.run();
 * mkdirSync('runs/a', { recursive: true }); // saveCheckpoint does not create folders
 * saveCheckpoint('runs/a/checkpoint.dlckpt', trainer.network, trainer.getState(), { seed: 42 });
 * ```
 */
export function saveCheckpoint(
  path: string,
  network: Network,
  state: TrainerState,
  meta: Record<string, unknown> = {},
): void {
  writeFileAtomic(path, encodeCheckpoint(network, state, meta));
}

/**
 * Loads a checkpoint written by {@link saveCheckpoint}.
 *
 * @param path - the checkpoint file
 * @returns network, trainer state and metadata
 * @throws FormatError when the file is corrupt, truncated or not a checkpoint
 * @example
 * ```ts
 * import { mkdirSync } from 'node:fs';
 * import { SGD } from '@dl/layers';
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, Trainer, arraySource, loadCheckpoint, saveCheckpoint } from '@dl/network';
 * const data = arraySource(array([[1, 0], [0, 1]]), array([1, 0]));
 * const rng = createRng(0);
 * const trainer = new Trainer({
 *   network: new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng }),
 *   train: data, test: data, rng, optimizer: new SGD({ lr: 0.1 }), iterations: 3, batchSize: 2,
 * });
 * await trainer.run();
 * mkdirSync('runs/a', { recursive: true });
 * saveCheckpoint('runs/a/checkpoint.dlckpt', trainer.network, trainer.getState(), { seed: 42 });
 * const { network, state, meta } = loadCheckpoint('runs/a/checkpoint.dlckpt');
 * state.iteration; // 3
 * meta; // { seed: 42 }
 * ```
 */
export function loadCheckpoint(path: string): Checkpoint {
  return decodeCheckpoint(readFileNamed('loadCheckpoint', path));
}

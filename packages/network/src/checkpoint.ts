import { FormatError, NDArray } from '@dl/linalg';
import { readNetwork, stateOf } from './model-file.js';
import type { Network } from './network.js';
import { encodeTensorFile } from './tensor-file.js';
import type { TrainerState } from './trainer.js';
import { checkTrainerState } from './trainer-state-check.js';

/** A checkpoint read back: the network with its weights, the trainer's state and the saved metadata. */
export interface Checkpoint {
  network: Network;
  state: TrainerState;
  meta: Record<string, unknown>;
}

/**
 * Encodes a checkpoint: the network (architecture and weights) plus the trainer's state
 * (iteration, time, losses, epochs, rng state, optimiser state with its arrays) and metadata,
 * in the same checksummed container as model files.
 *
 * @param network - the network being trained
 * @param state - `trainer.getState()`
 * @param meta - JSON-serialisable settings needed to rebuild the run (data, optimiser, seed…)
 * @returns the file's bytes
 * @throws TypeError when the optimiser state holds something other than JSON values and arrays
 * @example
 * ```ts
 * import { SGD } from '@dl/layers';
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, Trainer, arraySource, decodeCheckpoint, encodeCheckpoint } from '@dl/network';
 * // a tiny run to checkpoint (a real one trains on MNIST: see Trainer)
 * const data = arraySource(array([[1, 0], [0, 1]]), array([1, 0]));
 * const rng = createRng(0);
 * const trainer = new Trainer({
 *   network: new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng }),
 *   train: data, test: data, rng, optimizer: new SGD({ lr: 0.1 }), iterations: 3, batchSize: 2,
 * });
 * await trainer.run();
 * const bytes = encodeCheckpoint(trainer.network, trainer.getState(), { lr: 0.1 });
 * decodeCheckpoint(bytes).state.iteration === trainer.iteration; // true
 * ```
 */
export function encodeCheckpoint(
  network: Network,
  state: TrainerState,
  meta: Record<string, unknown> = {},
): Uint8Array {
  const tensors = new Map<string, NDArray>(Object.entries(stateOf(network)));
  const { losses, ...rest } = state;
  tensors.set('$losses', new NDArray(Float64Array.from(losses)));
  const trainer = toJson(rest, tensors, 'state');
  return encodeTensorFile(
    'checkpoint',
    { architecture: network.architecture, meta, trainer },
    tensors,
  );
}

/**
 * Decodes checkpoint bytes, checking the whole file before anything is built: the container as
 * for model files, then every field of the trainer state (iteration and one loss per iteration,
 * elapsed seconds, epoch records, the rng's five numbers, a known optimiser with arrays that fit
 * the parameters).
 *
 * @param bytes - the file's contents
 * @returns network, trainer state and metadata
 * @throws FormatError when the bytes are not a valid, complete checkpoint
 * @throws TypeError when `bytes` is not a `Uint8Array`
 * @example
 * ```ts
 * import { SGD } from '@dl/layers';
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, Trainer, arraySource, decodeCheckpoint, encodeCheckpoint } from '@dl/network';
 * const data = arraySource(array([[1, 0], [0, 1]]), array([1, 0]));
 * const rng = createRng(0);
 * const trainer = new Trainer({
 *   network: new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng }),
 *   train: data, test: data, rng, optimizer: new SGD({ lr: 0.1 }), iterations: 3, batchSize: 2,
 * });
 * await trainer.run();
 * const bytes = encodeCheckpoint(trainer.network, trainer.getState());
 * const { network, state } = decodeCheckpoint(bytes);
 * state.iteration; // 3
 * network.paramCount(); // 17
 * ```
 */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const op = 'loadCheckpoint';
  const { network, meta, header, tensors } = readNetwork(op, bytes, 'checkpoint');
  const losses = tensors.get('$losses');
  const trainer = header['trainer'] as Record<string, unknown> | undefined;
  if (!losses || typeof trainer !== 'object' || trainer === null) {
    throw new FormatError(
      `${op}: checkpoint lacks the trainer state; expected trainer and $losses, got neither`,
    );
  }
  const rest = fromJson(op, trainer, tensors) as Record<string, unknown>;
  checkTrainerState(op, rest, losses.size, network);
  return { network, meta, state: { ...rest, losses: Array.from(losses.data) } };
}

// Optimiser states hold NDArrays (velocities, moments): they travel as tensors, referenced from
// the JSON by name, so they keep every bit.
function toJson(value: unknown, tensors: Map<string, NDArray>, path: string): unknown {
  if (value instanceof NDArray) {
    tensors.set(path, value);
    return { $tensor: path };
  }
  if (value instanceof Float64Array || value instanceof Float32Array) {
    tensors.set(path, new NDArray(value));
    return { $typed: path };
  }
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, tensors, `${path}/${i}`));
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { $number: String(value) };
    return value;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        toJson(v, tensors, `${path}/${k}`),
      ]),
    );
  }
  if (value === undefined) return null;
  throw new TypeError(
    `encodeCheckpoint: cannot store ${path}; expected JSON values, NDArrays or float arrays, got ${typeof value} ${(value as object).constructor?.name ?? ''}`,
  );
}

function fromJson(op: string, value: unknown, tensors: Map<string, NDArray>): unknown {
  if (Array.isArray(value)) return value.map((v) => fromJson(op, v, tensors));
  if (typeof value !== 'object' || value === null) return value;
  const o = value as Record<string, unknown>;
  const ref = o['$tensor'] ?? o['$typed'];
  if (typeof ref === 'string') {
    const t = tensors.get(ref);
    if (!t) throw new FormatError(`${op}: missing tensor; expected ${ref} in the file, got none`);
    return '$tensor' in o ? t : t.data;
  }
  if (typeof o['$number'] === 'string') return Number(o['$number']);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromJson(op, v, tensors)]));
}

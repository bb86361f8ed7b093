import { FormatError, formatShape, type NDArray } from '@dl/linalg';
import { checkTensorsFit } from './architecture-params.js';
import { createNetwork } from './create-network.js';
import { preview } from './json-limits.js';
import type { Architecture, Network } from './network.js';
import { decodeTensorFile, encodeTensorFile, TENSOR_FILE_VERSION } from './tensor-file.js';

/**
 * The version of the model and checkpoint file format this package writes and reads.
 *
 * @example
 * ```ts
 * import { MODEL_FORMAT_VERSION } from '@dl/network';
 * MODEL_FORMAT_VERSION; // 1
 * ```
 */
export const MODEL_FORMAT_VERSION = TENSOR_FILE_VERSION;

/** A network read back from a model file, with whatever metadata was saved beside it. */
export interface LoadedModel {
  network: Network;
  meta: Record<string, unknown>;
}

/**
 * Encodes a network's architecture and weights (plus optional JSON metadata) as the bytes of a
 * model file: a magic number, the format version, a SHA-256 checksum, a JSON header and the raw
 * float64 weights.
 *
 * @param net - the network to save
 * @param meta - JSON-serialisable extras (accuracy, date, command line…)
 * @returns the file's bytes
 * @example
 * ```ts
 * import { SimpleNetwork, decodeModel, encodeModel } from '@dl/network';
 * const bytes = encodeModel(new SimpleNetwork({ hiddenSize: 5 }));
 * decodeModel(bytes).network.paramCount(); // 784*5 + 5 + 5*10 + 10
 * ```
 */
export function encodeModel(net: Network, meta: Record<string, unknown> = {}): Uint8Array {
  return encodeTensorFile(
    'model',
    { architecture: net.architecture, meta },
    new Map(Object.entries(stateOf(net))),
  );
}

/**
 * Decodes model-file bytes into a new network. The whole file is checked (magic, version,
 * checksum, header, architecture, every parameter's shape) before the network is built, so a
 * corrupt or mismatched file never yields a half-loaded network, and a small file whose header
 * claims a huge network is refused without building it.
 *
 * @param bytes - the file's contents
 * @returns the network and its metadata
 * @throws FormatError when the bytes are not a valid, complete model file of a known architecture
 * @throws TypeError when `bytes` is not a `Uint8Array`
 * @example
 * ```ts
 * import { decodeModel } from '@dl/network';
 * try { decodeModel(new Uint8Array(10)); } catch (e) { (e as Error).name; } // 'FormatError'
 * ```
 */
export function decodeModel(bytes: Uint8Array): LoadedModel {
  return readNetwork('loadModel', bytes, 'model');
}

/**
 * Everything of a network that a file stores: its parameters and its buffers (running statistics).
 * @internal
 */
export function stateOf(net: Network): Record<string, NDArray> {
  return { ...net.params, ...(net.buffers ?? {}) };
}

/** Shared by model and checkpoint loading: builds the network only once everything checks out. */
export function readNetwork(
  op: string,
  bytes: Uint8Array,
  kind: string,
): LoadedModel & { header: Record<string, unknown>; tensors: Map<string, NDArray> } {
  const { header, tensors } = decodeTensorFile(op, bytes);
  if (header.kind !== kind) {
    throw new FormatError(
      `${op}: wrong kind of file; expected a ${kind} file, got a ${header.kind.slice(0, 40)} file`,
    );
  }
  // The header's claim is compared with the tensors actually in the file first: a few bytes of
  // header can describe a network of gigabytes, which must not be built to find the file short.
  checkTensorsFit(op, header['architecture'], tensors, kind === 'model');
  let network: Network;
  try {
    network = createNetwork(header['architecture'] as Architecture);
  } catch (error) {
    throw new FormatError(
      `${op}: bad architecture; expected a SimpleNetwork, MultiLayerNet, MultiLayerNetExtend, SimpleConvNet or DeepConvNet description, got ${preview(header['architecture'])} (${(error as Error).message})`,
    );
  }
  const state = stateOf(network);
  const names = Object.keys(state);
  if (kind === 'model' && tensors.size !== names.length) {
    throw new FormatError(
      `${op}: tensors do not match the architecture; expected ${names.join(', ')}, got ${[...tensors.keys()].join(', ')}`,
    );
  }
  for (const name of names) {
    const stored = tensors.get(name);
    const param = state[name]!;
    if (
      !stored ||
      formatShape(stored.shape) !== formatShape(param.shape) ||
      stored.dtype !== param.dtype
    ) {
      throw new FormatError(
        `${op}: parameter ${name} does not match the architecture; expected ${formatShape(param.shape)} ${param.dtype}, got ${stored ? `${formatShape(stored.shape)} ${stored.dtype}` : 'nothing'}`,
      );
    }
  }
  for (const name of names) state[name]!.data.set(tensors.get(name)!.data);
  const meta = header['meta'];
  return {
    network,
    meta: typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {},
    header,
    tensors,
  };
}

// The Node half of model files: saving to and loading from disk. Encoding and decoding, which work on
// bytes in a browser too, are in model-file.ts; this file is left out of the browser entry.
import { readFileNamed } from './file-error.js';
import { decodeModel, encodeModel, type LoadedModel } from './model-file.js';
import type { Network } from './network.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Saves a network to a model file, atomically (temporary file, then rename).
 *
 * @param net - the network to save
 * @param path - the file to write (conventionally `model.dlnet`)
 * @param meta - JSON-serialisable extras stored in the header
 * @returns nothing
 * @throws Error from the file system
 * @example
 * ```ts
 * import { SimpleNetwork, loadModel, saveModel } from '@dl/network';
 * saveModel(new SimpleNetwork(), 'model.dlnet');
 * loadModel('model.dlnet').network.paramCount(); // 39760
 * ```
 */
export function saveModel(net: Network, path: string, meta: Record<string, unknown> = {}): void {
  writeFileAtomic(path, encodeModel(net, meta));
}

/**
 * Loads a network from a model file written by {@link saveModel}.
 *
 * @param path - the model file
 * @returns the network and its metadata
 * @throws FormatError when the file is corrupt, truncated, of another version or architecture
 * @throws Error from the file system when the file cannot be read
 * @example
 * ```ts
 * import { mkdirSync } from 'node:fs';
 * import { SimpleNetwork, loadModel, saveModel } from '@dl/network';
 * mkdirSync('runs/latest', { recursive: true });
 * saveModel(new SimpleNetwork(), 'runs/latest/model.dlnet', { seed: 0 });
 * const { network, meta } = loadModel('runs/latest/model.dlnet');
 * network.paramCount(); // 39760
 * meta; // { seed: 0 }
 * ```
 */
export function loadModel(path: string): LoadedModel {
  return decodeModel(readFileNamed('loadModel', path));
}

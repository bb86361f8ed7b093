import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, FormatError, NDArray } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealTensorFile } from '../test/seal.js';
import { DeepConvNet } from './deep-conv-net.js';
import { decodeModel, encodeModel, MODEL_FORMAT_VERSION } from './model-file.js';
import { loadModel, saveModel } from './model-file-node.js';
import { MultiLayerNet } from './multi-layer-net.js';
import { SimpleNetwork } from './simple-network.js';
import { encodeTensorFile } from './tensor-file.js';

const small = (): SimpleNetwork =>
  new SimpleNetwork({
    inputSize: 6,
    hiddenSize: 4,
    outputSize: 3,
    weightInitStd: 0.3,
    rng: createRng(5),
  });

describe('model files', () => {
  it('round-trips a SimpleNetwork bit for bit, with its metadata', () => {
    const net = small();
    const { network, meta } = decodeModel(encodeModel(net, { testAccuracy: 0.97 }));
    expect(network).toBeInstanceOf(SimpleNetwork);
    expect(network.architecture).toEqual(net.architecture);
    expect(meta).toEqual({ testAccuracy: 0.97 });
    for (const [name, p] of Object.entries(net.params)) {
      const own = (d: Float64Array | Float32Array) =>
        Buffer.from(d.buffer, d.byteOffset, d.byteLength);
      expect(own(network.params[name]!.data)).toEqual(own(p.data));
    }
  });

  it('round-trips a MultiLayerNet through a file, atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-model-'));
    const net = new MultiLayerNet({
      inputSize: 5,
      hiddenSizeList: [4, 3],
      outputSize: 2,
      activation: 'sigmoid',
      rng: createRng(1),
    });
    const path = join(dir, 'model.dlnet');
    saveModel(net, path);
    saveModel(net, path); // overwrite in place
    expect(readdirSync(dir)).toEqual(['model.dlnet']); // no temporary file left behind
    const { network } = loadModel(path);
    expect(network).toBeInstanceOf(MultiLayerNet);
    expect(network.architecture).toEqual(net.architecture);
    const x = new NDArray(new Float64Array([0.1, 0.2, 0.3, 0.4, 0.5]), [1, 5]);
    expect([...network.predict(x).data]).toEqual([...net.predict(x).data]);
  });

  it('starts with the magic bytes and the format version', () => {
    const bytes = encodeModel(small());
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('DLMODEL\n');
    expect(new DataView(bytes.buffer).getUint32(8, true)).toBe(MODEL_FORMAT_VERSION);
  });

  it('refuses every truncation with a FormatError', () => {
    const bytes = encodeModel(small());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (length) => {
        expect(() => decodeModel(bytes.subarray(0, length))).toThrow(FormatError);
      }),
      { numRuns: 300 },
    );
    expect(() => decodeModel(bytes.subarray(0, 20))).toThrow(
      'loadModel: file is truncated; expected at least 48 bytes of header, got 20',
    );
  });

  it('refuses every single-byte change with a FormatError', () => {
    const bytes = encodeModel(small());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (position, flip) => {
          const mutated = Uint8Array.from(bytes);
          mutated[position]! ^= flip;
          expect(() => decodeModel(mutated)).toThrow(FormatError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses appended bytes and other files', () => {
    const bytes = encodeModel(small());
    expect(() => decodeModel(new Uint8Array([...bytes, 0]))).toThrow(/checksum mismatch/);
    expect(() =>
      decodeModel(new TextEncoder().encode('{"not": "a model file", "padding": "..........."}')),
    ).toThrow(
      'loadModel: not a dl model file; expected the magic bytes "DLMODEL\\n", got "{\\"not\\": "',
    );
  });

  it('refuses a well-formed file whose weights do not fit its architecture', () => {
    const net = small();
    const wrong = new Map(Object.entries(net.params));
    wrong.set('W1', new NDArray(new Float64Array(6 * 5), [6, 5]));
    const bytes = encodeTensorFile('model', { architecture: net.architecture, meta: {} }, wrong);
    expect(() => decodeModel(bytes)).toThrow(
      'loadModel: parameter W1 does not match the architecture; expected [6, 4] float64, got [6, 5] float64',
    );
    const unknown = encodeTensorFile(
      'model',
      { architecture: { type: 'ConvNet' }, meta: {} },
      new Map(),
    );
    expect(() => decodeModel(unknown)).toThrow(
      /loadModel: bad architecture; expected a SimpleNetwork, MultiLayerNet, MultiLayerNetExtend, SimpleConvNet or DeepConvNet/,
    );
    const checkpointKind = encodeTensorFile(
      'checkpoint',
      { architecture: net.architecture },
      new Map(Object.entries(net.params)),
    );
    expect(() => decodeModel(checkpointKind)).toThrow(
      'loadModel: wrong kind of file; expected a model file, got a checkpoint file',
    );
  });

  it('leaves the old file whole when the new one cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-model-'));
    const path = join(dir, 'model.dlnet');
    saveModel(small(), path);
    const before = readFileSync(path);
    expect(() => saveModel(small(), join(dir, 'missing-folder', 'model.dlnet'))).toThrow(/ENOENT/);
    writeFileSync(join(dir, 'other'), 'x');
    expect(readFileSync(path)).toEqual(before);
  });
});

describe('model files that lie about their network', () => {
  it('refuses a tiny file claiming a 20000-20000-10 network without building it', () => {
    // The header of the 208-byte file: a valid checksum, no tensors.
    const architecture = {
      type: 'SimpleNetwork',
      inputSize: 20_000,
      hiddenSize: 20_000,
      outputSize: 10,
      weightInitStd: 0.01,
    };
    const bytes = encodeTensorFile('model', { architecture, meta: {} }, new Map());
    expect(bytes.length).toBeLessThan(300);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decodeModel(bytes)).toThrow(FormatError);
    expect(() => decodeModel(bytes)).toThrow(
      'loadModel: parameter W1 does not match the architecture; expected [20000, 20000] float64, got nothing (the file holds no tensors)',
    );
    // Building it would take 3.2 GB (4·10^8 float64 weights).
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);
  });

  it('refuses a MultiLayerNet header whose tensors are too few or of other shapes', () => {
    const net = new MultiLayerNet({
      inputSize: 3,
      hiddenSizeList: [2],
      outputSize: 2,
      rng: createRng(0),
    });
    const params = new Map(Object.entries(net.params));
    const architecture = { ...net.architecture, hiddenSizeList: [100_000, 100_000] };
    expect(() =>
      decodeModel(encodeTensorFile('model', { architecture, meta: {} }, params)),
    ).toThrow(
      'loadModel: parameter W1 does not match the architecture; expected [3, 100000] float64, got [3, 2] float64',
    );
    params.set('W3', new NDArray(new Float64Array(4), [2, 2]));
    expect(() =>
      decodeModel(encodeTensorFile('model', { architecture: net.architecture, meta: {} }, params)),
    ).toThrow(
      'loadModel: tensors do not match the architecture; expected W1, b1, W2, b2, got also W3',
    );
  });

  it('checks a convnet header against its tensors before building it (SimpleConvNet, DeepConvNet)', () => {
    // A SimpleConvNet of 100,000 filters and 1,000 hidden nodes would hold W2 [14,400,000, 1000]:
    // 115 GB of float64. The file below holds nothing.
    const huge = {
      type: 'SimpleConvNet',
      inputDim: [1, 28, 28],
      filterNum: 100_000,
      filterSize: 5,
      pad: 0,
      stride: 1,
      hiddenSize: 1000,
      outputSize: 10,
      weightInitStd: 0.01,
      dtype: 'float32',
    };
    const before = process.memoryUsage().arrayBuffers;
    expect(() =>
      decodeModel(encodeTensorFile('model', { architecture: huge, meta: {} }, new Map())),
    ).toThrow(
      'loadModel: parameter W1 does not match the architecture; expected [100000, 1, 5, 5] float32, got nothing (the file holds no tensors)',
    );
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20);

    // A real DeepConvNet's tensors under a header that claims wider fourth filters.
    const convParams = [3, 3, 4, 4, 6, 6].map((filterNum) => ({
      filterNum,
      filterSize: 3,
      pad: 1,
      stride: 1,
    }));
    const net = new DeepConvNet({
      inputDim: [1, 16, 16],
      convParams,
      hiddenSize: 5,
      rng: createRng(0),
    });
    const params = new Map(Object.entries(net.params));
    const wider = {
      ...net.architecture,
      convParams: convParams.map((p, i) => (i === 3 ? { ...p, filterNum: 8 } : p)),
    };
    expect(() =>
      decodeModel(encodeTensorFile('model', { architecture: wider, meta: {} }, params)),
    ).toThrow(
      'loadModel: parameter W4 does not match the architecture; expected [8, 4, 3, 3] float64, got [4, 4, 3, 3] float64',
    );
    // The true header loads (W7 is [6·2·2, 5]: 16 → 8 → 4 → 2 after the three poolings).
    const { network } = decodeModel(
      encodeTensorFile('model', { architecture: net.architecture, meta: {} }, params),
    );
    expect(network.params['W7']!.shape).toEqual([24, 5]);
  });

  it('gives a TypeError for something that is not bytes', () => {
    for (const [value, got] of [
      [null, 'null'],
      ['model.dlnet', 'string'],
      [new ArrayBuffer(64), 'ArrayBuffer'],
      [[1, 2, 3], 'Array'],
    ] as const) {
      expect(() => decodeModel(value as unknown as Uint8Array)).toThrow(TypeError);
      expect(() => decodeModel(value as unknown as Uint8Array)).toThrow(
        `loadModel: bytes are not a Uint8Array; expected the file's bytes as a Uint8Array (or Buffer), got ${got}`,
      );
    }
  });

  it('refuses a header nested 100,000 levels deep with a FormatError, not a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const header of [
      `{"kind":"model","tensors":[],"architecture":${deep}}`,
      `{"kind":"model","tensors":${deep}}`,
      `{"kind":"model","tensors":[],"meta":{"deep":${deep}}}`,
    ]) {
      const bytes = sealTensorFile(header);
      expect(() => decodeModel(bytes)).toThrow(
        'loadModel: header nested too deeply; expected at most 64 levels of arrays and objects, got more',
      );
    }
  });

  it('names the file when it cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-model-'));
    expect(() => loadModel(dir)).toThrow(
      `loadModel: cannot read ${dir}; EISDIR: illegal operation on a directory, read`,
    );
    expect(() => loadModel(join(dir, 'none.dlnet'))).toThrow(
      `loadModel: cannot read ${join(dir, 'none.dlnet')}; ENOENT: no such file or directory`,
    );
  });
});

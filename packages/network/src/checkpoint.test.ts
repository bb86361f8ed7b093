import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Adam, Momentum, type Optimizer, SGD } from '@dl/layers';
import { createRng, FormatError, NDArray, type Rng } from '@dl/linalg';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arraySource } from './array-source.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint-node.js';
import type { Network } from './network.js';
import { SimpleNetwork } from './simple-network.js';
import { Trainer, type TrainerState } from './trainer.js';

/** A small separable problem: the label is the index of the largest of 4 inputs. */
function toyData(n: number, seed: number) {
  const rng = createRng(seed);
  const x = new NDArray(
    Float64Array.from({ length: n * 4 }, () => rng.random()),
    [n, 4],
  );
  const t = new NDArray(
    Float64Array.from({ length: n }, (_, i) => {
      const row = [...x.data.subarray(i * 4, i * 4 + 4)];
      return row.indexOf(Math.max(...row));
    }),
  );
  return arraySource(x, t);
}

const train = toyData(200, 1);
const test = toyData(50, 2);

function makeTrainer(network: Network, rng: Rng, optimizer: Optimizer, iterations = 40): Trainer {
  return new Trainer({
    network,
    train,
    test,
    rng,
    optimizer,
    iterations,
    batchSize: 10,
    iterationsPerEpoch: 10,
  });
}

const bits = (net: Network): string[] =>
  // The elements' own bytes: a parameter may be a view into a larger buffer (a resident array
  // lives in the WebAssembly memory).
  Object.values(net.params).map((p) =>
    Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('hex'),
  );

describe('checkpoints', () => {
  for (const [name, make] of [
    ['SGD', () => new SGD({ lr: 0.5 })],
    ['Momentum', () => new Momentum({ lr: 0.1 })],
    ['Adam', () => new Adam({ lr: 0.01 })],
  ] as const) {
    it(`resuming a ${name} run gives the same weights, bit for bit, as running straight through`, async () => {
      const seed = 11;
      const rngA = createRng(seed);
      const straight = makeTrainer(
        new SimpleNetwork({
          inputSize: 4,
          hiddenSize: 5,
          outputSize: 4,
          weightInitStd: 0.5,
          rng: rngA,
        }),
        rngA,
        make(),
      );
      await straight.run();

      const rngB = createRng(seed);
      const first = makeTrainer(
        new SimpleNetwork({
          inputSize: 4,
          hiddenSize: 5,
          outputSize: 4,
          weightInitStd: 0.5,
          rng: rngB,
        }),
        rngB,
        make(),
        17,
      );
      await first.run();
      const dir = mkdtempSync(join(tmpdir(), 'dl-ckpt-'));
      const path = join(dir, 'checkpoint.dlckpt');
      saveCheckpoint(path, first.network, first.getState(), { seed });

      // A new process would do this: rebuild everything from the file and the seed.
      const { network, state, meta } = loadCheckpoint(path);
      expect(meta).toEqual({ seed });
      expect(state.iteration).toBe(17);
      const resumed = makeTrainer(network, createRng(seed), make());
      resumed.setState(state);
      await resumed.run();

      expect(bits(resumed.network)).toEqual(bits(straight.network));
      expect(resumed.losses).toEqual(straight.losses);
      expect(resumed.epochs.map(({ time: _, ...e }) => e)).toEqual(
        straight.epochs.map(({ time: _, ...e }) => e),
      );
    });
  }

  it('keeps the optimiser state arrays exactly', async () => {
    const rng = createRng(3);
    const trainer = makeTrainer(
      new SimpleNetwork({ inputSize: 4, hiddenSize: 3, outputSize: 4, rng }),
      rng,
      new Adam(),
      5,
    );
    await trainer.run();
    const state = trainer.getState();
    const back = decodeCheckpoint(encodeCheckpoint(trainer.network, state)).state;
    expect(back.iteration).toBe(5);
    expect(back.rng).toEqual(state.rng);
    const before = state.optimizer;
    const after = back.optimizer;
    expect(Object.keys(after.slots)).toEqual(['m', 'v']);
    expect([...after.slots['v']!['W1']!.data]).toEqual([...before.slots['v']!['W1']!.data]);
  });

  it('refuses truncated and mutated checkpoints with a FormatError', async () => {
    const rng = createRng(4);
    const trainer = makeTrainer(
      new SimpleNetwork({ inputSize: 4, hiddenSize: 3, outputSize: 4, rng }),
      rng,
      new Momentum(),
      3,
    );
    await trainer.run();
    const bytes = encodeCheckpoint(trainer.network, trainer.getState());
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, flip) => {
          expect(() => decodeCheckpoint(bytes.subarray(0, at))).toThrow(FormatError);
          const mutated = Uint8Array.from(bytes);
          mutated[at]! ^= flip;
          expect(() => decodeCheckpoint(mutated)).toThrow(FormatError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('will not store something it cannot restore', () => {
    const net = new SimpleNetwork({ inputSize: 2, hiddenSize: 2, outputSize: 2 });
    const state = {
      iteration: 0,
      elapsed: 0,
      losses: [],
      epochs: [],
      rng: [1, 2, 3, 4, 0],
      optimizer: { kind: 'SGD', hyperparameters: {}, iteration: 0, slots: {}, when: new Date(0) },
    };
    expect(() => encodeCheckpoint(net, state as TrainerState)).toThrow(
      'encodeCheckpoint: cannot store state/optimizer/when; expected JSON values, NDArrays or float arrays, got object Date',
    );
  });

  it('refuses trainer states that Trainer.getState never writes, naming the field', () => {
    const net = new SimpleNetwork({ inputSize: 2, hiddenSize: 2, outputSize: 2 });
    const good: TrainerState = {
      iteration: 1,
      elapsed: 0.5,
      losses: [0.7],
      epochs: [{ epoch: 1, iteration: 1, loss: 0.7, time: 0.5, trainAcc: 0.5, testAcc: 1 }],
      rng: [1, 2, 3, 4, Number.NaN],
      optimizer: { kind: 'SGD', hyperparameters: { lr: 0.1 }, iteration: 1, slots: {} },
    };
    expect(decodeCheckpoint(encodeCheckpoint(net, good)).state).toEqual(good);
    const cases: [Partial<Record<keyof TrainerState, unknown>>, string][] = [
      [
        { rng: [] },
        'invalid trainer state rng; expected four 32-bit integers and a number (the spare deviate or NaN), got []',
      ],
      [{ rng: [1, 2, 3, 2 ** 32, 0] }, 'invalid trainer state rng;'],
      [{ optimizer: null }, 'invalid trainer state optimizer; expected an object, got null'],
      [
        { optimizer: { ...good.optimizer, kind: 'Adadelta' } },
        'invalid trainer state optimizer.kind; expected one of SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam, got "Adadelta"',
      ],
      [
        { optimizer: { ...good.optimizer, iteration: -1 } },
        'invalid trainer state optimizer.iteration; expected an integer >= 0, got -1',
      ],
      [
        { optimizer: { ...good.optimizer, hyperparameters: { lr: 'fast' } } },
        'invalid trainer state optimizer.hyperparameters; expected an object of finite numbers, got {"lr":"fast"}',
      ],
      [
        {
          optimizer: {
            kind: 'Momentum',
            hyperparameters: { lr: 0.1, momentum: 0.9 },
            iteration: 1,
            slots: { v: { W1: new NDArray(new Float64Array(3)) } },
          },
        },
        'invalid trainer state optimizer.slots.v.W1; expected an array of 4 numbers like the parameter, got an array of 3',
      ],
      [
        { epochs: [null] },
        'invalid trainer state epochs[0]; expected { epoch >= 1, iteration <= 1, loss, time >= 0, trainAcc and testAcc in [0, 1] }, got null',
      ],
      [{ epochs: [{ ...good.epochs[0], trainAcc: 2 }] }, 'invalid trainer state epochs[0];'],
      [
        { epochs: 'none' },
        'invalid trainer state epochs; expected an array of epoch records, got "none"',
      ],
      [
        { elapsed: Number.NaN },
        'invalid trainer state elapsed; expected seconds, a finite number >= 0, got NaN',
      ],
      [
        { elapsed: -1 },
        'invalid trainer state elapsed; expected seconds, a finite number >= 0, got -1',
      ],
      [{ iteration: 1.5 }, 'invalid trainer state iteration; expected an integer >= 0, got 1.5'],
      [
        { losses: [0.7, 0.6] },
        'invalid trainer state losses; expected one loss per iteration (1), got 2',
      ],
    ];
    for (const [change, message] of cases) {
      const bytes = encodeCheckpoint(net, { ...good, ...change } as TrainerState);
      expect(() => decodeCheckpoint(bytes)).toThrow(FormatError);
      expect(() => decodeCheckpoint(bytes)).toThrow(`loadCheckpoint: ${message}`);
    }
  });

  it('gives a TypeError for something that is not bytes', () => {
    expect(() => decodeCheckpoint(null as unknown as Uint8Array)).toThrow(
      "loadCheckpoint: bytes are not a Uint8Array; expected the file's bytes as a Uint8Array (or Buffer), got null",
    );
    expect(() => decodeCheckpoint(new ArrayBuffer(8) as unknown as Uint8Array)).toThrow(TypeError);
  });
});

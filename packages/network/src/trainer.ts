import type { Optimizer, OptimizerState } from '@dl/layers';
import type { Rng } from '@dl/linalg';
import { type BatchSource, evaluate } from './evaluate.js';
import type { Network, ParamRecord } from './network.js';
import { checkSize } from './options.js';
import { TrainingDivergedError } from './training-diverged-error.js';

/** How gradients are computed: the lecture's slow numerical path or backpropagation. */
export type GradientMethod = 'numerical' | 'backprop';

/** One evaluation, made every epoch: the fields of the lecture's log line. */
export interface EpochRecord {
  /** Evaluation number, from 1 (the `n` of the log line). */
  epoch: number;
  /** Iterations done when it was measured. */
  iteration: number;
  /** Loss of that iteration's mini-batch. */
  loss: number;
  /** Seconds of training so far (continues across a resume). */
  time: number;
  /** Accuracy on the training set (or its first `trainEvalSize` images). */
  trainAcc: number;
  /** Accuracy on the test set (or its first `testEvalSize` images). */
  testAcc: number;
}

/** Everything needed to continue a run exactly where it stopped. */
export interface TrainerState {
  /** Iterations done. */
  iteration: number;
  /** Seconds of training so far. */
  elapsed: number;
  /** Loss of every iteration's mini-batch so far. */
  losses: number[];
  /** Every epoch's evaluation so far. */
  epochs: EpochRecord[];
  /** The random generator's state (it picks the mini-batches). */
  rng: number[];
  /** The network's own generator's state (its dropout masks), when it has one. */
  networkRng?: number[];
  /** The optimiser's state (its kind, hyperparameters, step count and per-parameter arrays). */
  optimizer: OptimizerState;
}

/** Progress of one iteration, for a progress bar. */
export interface IterationInfo {
  /** Iterations done, counting this one. */
  iteration: number;
  /** Iterations in the whole run. */
  iterations: number;
  /** This mini-batch's loss. */
  loss: number;
  /** Seconds of training so far. */
  elapsed: number;
}

/** Options of {@link Trainer}. */
export interface TrainerOptions {
  /** The network to train (its parameters are updated in place). */
  network: Network;
  /** Training data. */
  train: BatchSource;
  /** Test data, evaluated each epoch. */
  test: BatchSource;
  /** The optimiser, e.g. `new SGD({ lr: 0.1 })` from `@dl/layers`. */
  optimizer: Optimizer;
  /** Picks the mini-batches (`rng.choice(train.length, batchSize)`, with replacement as in numpy). */
  rng: Rng;
  /** Total iterations (default 10,000, the lecture's). */
  iterations?: number;
  /** Examples per mini-batch (default 100). */
  batchSize?: number;
  /** Gradient method (default `'backprop'`). */
  method?: GradientMethod;
  /** Iterations per epoch (default `max(floor(train.length / batchSize), 1)`: 600 for MNIST). */
  iterationsPerEpoch?: number;
  /** Evaluate train accuracy on the first this-many training images only (default: all). */
  trainEvalSize?: number;
  /** Evaluate test accuracy on the first this-many test images only (default: all). */
  testEvalSize?: number;
  /**
   * Also evaluate after the last iteration when it is not an epoch's first (default true), so a
   * run always ends with the accuracy of its final weights.
   */
  evaluateAtEnd?: boolean;
  /** Called after every iteration. */
  onIteration?: (info: IterationInfo) => void;
  /** Called after every epoch's evaluation. */
  onEpoch?: (record: EpochRecord) => void;
}

/** What {@link Trainer.run} returns. */
export interface TrainResult {
  /** True when {@link Trainer.stop} ended the run early. */
  stopped: boolean;
  /** Iterations done in total. */
  iteration: number;
  /** Every epoch's evaluation. */
  epochs: EpochRecord[];
}

/**
 * Mini-batch training as the lecture runs it (학습과 검증: batch, epoch, iteration): each iteration
 * picks `batchSize` random training examples, computes the gradient (numerically or by backprop),
 * and lets the optimiser update the parameters; every `iterationsPerEpoch` iterations, starting with
 * the first (the book's `i % iter_per_epoch == 0`), and once more after the last iteration, it
 * measures train and test accuracy.
 *
 * The run is deterministic given the network's initial weights and the rng's seed, and
 * {@link Trainer.getState}/{@link Trainer.setState} let a checkpointed run continue to the same
 * weights, number for number, as an uninterrupted one. `run` yields to the event loop after every
 * iteration so that Ctrl-C (via {@link Trainer.stop}) and progress bars get a turn.
 *
 * @example
 * ```ts
 * import { SGD } from '@dl/layers';
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, Trainer, arraySource } from '@dl/network';
 * // The label is 1 when the first input is the larger one (use @dl/data's loadMnist for MNIST).
 * const data = arraySource(array([[1, 0], [0, 1], [0.9, 0.2], [0.1, 0.8]]), array([1, 0, 1, 0]));
 * const rng = createRng(0);
 * const trainer = new Trainer({
 *   network: new SimpleNetwork({ inputSize: 2, hiddenSize: 4, outputSize: 2, weightInitStd: 0.5, rng }),
 *   train: data, test: data, rng,
 *   optimizer: new SGD({ lr: 0.5 }), iterations: 200, batchSize: 4,
 *   onEpoch: (r) => console.log(r.epoch, r.loss.toFixed(4), r.trainAcc, r.testAcc),
 * });
 * await trainer.run();
 * ```
 */
export class Trainer {
  readonly network: Network;
  readonly optimizer: Optimizer;
  readonly iterations: number;
  readonly batchSize: number;
  readonly method: GradientMethod;
  readonly iterationsPerEpoch: number;
  /** Iterations done so far. */
  iteration = 0;
  /** Loss of every mini-batch so far. */
  losses: number[] = [];
  /** Every epoch's evaluation so far. */
  epochs: EpochRecord[] = [];
  private elapsedBefore = 0;
  private stopRequested = false;
  private readonly options: TrainerOptions;

  /**
   * @param options - network, data, optimiser, rng and the hyperparameters
   * @throws RangeError when a count is not a positive integer or the method is unknown
   * @throws RangeError when the training set is empty
   */
  constructor(options: TrainerOptions) {
    const op = 'Trainer';
    this.options = options;
    this.network = options.network;
    this.optimizer = options.optimizer;
    this.iterations = checkSize(op, 'iterations', options.iterations ?? 10_000);
    this.batchSize = checkSize(op, 'batchSize', options.batchSize ?? 100);
    this.method = options.method ?? 'backprop';
    if (this.method !== 'backprop' && this.method !== 'numerical') {
      throw new RangeError(
        `${op}: unknown method; expected 'numerical' or 'backprop', got ${String(this.method)}`,
      );
    }
    if (!(options.train.length > 0)) {
      throw new RangeError(
        `${op}: empty training set; expected at least 1 example, got ${options.train.length}`,
      );
    }
    this.iterationsPerEpoch = checkSize(
      op,
      'iterationsPerEpoch',
      options.iterationsPerEpoch ?? Math.max(Math.floor(options.train.length / this.batchSize), 1),
    );
    if (options.trainEvalSize !== undefined) checkSize(op, 'trainEvalSize', options.trainEvalSize);
    if (options.testEvalSize !== undefined) checkSize(op, 'testEvalSize', options.testEvalSize);
  }

  /** Seconds of training so far, across resumes. */
  get elapsed(): number {
    return this.elapsedBefore;
  }

  /**
   * One training iteration: sample a mini-batch, compute the gradient, update the parameters.
   *
   * @returns the mini-batch's loss (measured before the update)
   * @throws TrainingDivergedError when the loss is NaN or infinite; the parameters are then not
   *   updated and the iteration is not counted
   */
  step(): number {
    const { train, rng } = this.options;
    const indices = rng.choice(train.length, this.batchSize, true);
    const { x, t } = train.batch(indices);
    let loss: number;
    let grads: ParamRecord;
    if (this.method === 'backprop') {
      ({ loss, grads } = this.network.lossAndGradient(x, t));
      this.checkFinite(loss);
    } else {
      loss = this.network.loss(x, t);
      this.checkFinite(loss);
      grads = this.network.numericalGradient(x, t);
    }
    this.optimizer.update(this.network.params, grads);
    this.iteration++;
    this.losses.push(loss);
    return loss;
  }

  /** A NaN or infinite loss ends the run: every later update would only spread the NaN. */
  private checkFinite(loss: number): void {
    if (Number.isFinite(loss)) return;
    const lr = this.optimizer.getState().hyperparameters['lr'];
    throw new TrainingDivergedError(this.iteration + 1, loss, this.losses.at(-1), lr);
  }

  /**
   * Measures train and test accuracy now.
   *
   * @returns the two accuracies
   */
  measure(): { trainAcc: number; testAcc: number } {
    const { train, test, trainEvalSize, testEvalSize } = this.options;
    const trainAcc = evaluate(this.network, train, limit(trainEvalSize)).accuracy;
    const testAcc = evaluate(this.network, test, limit(testEvalSize)).accuracy;
    return { trainAcc, testAcc };
  }

  /**
   * Trains from the current iteration up to `iterations`, or until {@link Trainer.stop}.
   *
   * @returns whether it was stopped, the iterations done and the epoch records
   * @throws TrainingDivergedError when a mini-batch's loss is NaN or infinite (see {@link Trainer.step})
   */
  async run(): Promise<TrainResult> {
    this.stopRequested = false;
    // A run extended past its old end drops that end's closing evaluation, so that it goes on
    // exactly as a run that was planned this long from the start.
    const previous = this.epochs.at(-1);
    if (
      previous &&
      this.iteration < this.iterations &&
      (previous.iteration - 1) % this.iterationsPerEpoch !== 0
    ) {
      this.epochs.pop();
    }
    let mark = performance.now();
    const tick = (): number => {
      const now = performance.now();
      this.elapsedBefore += (now - mark) / 1000;
      mark = now;
      return this.elapsedBefore;
    };
    while (this.iteration < this.iterations && !this.stopRequested) {
      const loss = this.step();
      const i = this.iteration - 1; // the book's 0-based loop counter
      this.options.onIteration?.({
        iteration: this.iteration,
        iterations: this.iterations,
        loss,
        elapsed: tick(),
      });
      const last = this.iteration === this.iterations && (this.options.evaluateAtEnd ?? true);
      if (i % this.iterationsPerEpoch === 0 || last) {
        const { trainAcc, testAcc } = this.measure();
        const record: EpochRecord = {
          epoch: (this.epochs.at(-1)?.epoch ?? 0) + 1,
          iteration: this.iteration,
          loss,
          time: tick(),
          trainAcc,
          testAcc,
        };
        this.epochs.push(record);
        this.options.onEpoch?.(record);
      }
      // Let signal handlers and timers run between iterations.
      await nextTurn();
    }
    tick();
    return {
      stopped: this.iteration < this.iterations,
      iteration: this.iteration,
      epochs: this.epochs,
    };
  }

  /** Asks a running {@link Trainer.run} to return after the current iteration. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Everything needed to continue this run later: iteration, time, losses, epochs, rng and
   * optimiser state. The network's weights are saved separately (see `saveCheckpoint`).
   *
   * @returns a snapshot (arrays are copies)
   */
  getState(): TrainerState {
    return {
      iteration: this.iteration,
      elapsed: this.elapsedBefore,
      losses: [...this.losses],
      epochs: this.epochs.map((e) => ({ ...e })),
      rng: this.options.rng.getState(),
      ...(this.network.dropoutRng ? { networkRng: this.network.dropoutRng.getState() } : {}),
      optimizer: this.optimizer.getState(),
    };
  }

  /**
   * Restores a snapshot from {@link Trainer.getState}, on a trainer built with the same settings.
   *
   * @param state - the snapshot
   * @returns nothing
   * @throws RangeError when the snapshot's iteration is past this trainer's `iterations`
   */
  setState(state: TrainerState): void {
    if (
      !Number.isInteger(state.iteration) ||
      state.iteration < 0 ||
      state.iteration > this.iterations
    ) {
      throw new RangeError(
        `Trainer.setState: invalid iteration; expected an integer in [0, ${this.iterations}], got ${state.iteration}`,
      );
    }
    this.iteration = state.iteration;
    this.elapsedBefore = state.elapsed;
    this.losses = [...state.losses];
    this.epochs = state.epochs.map((e) => ({ ...e }));
    this.options.rng.setState(state.rng);
    if (state.networkRng && this.network.dropoutRng)
      this.network.dropoutRng.setState(state.networkRng);
    this.optimizer.setState(state.optimizer);
  }
}

function limit(n: number | undefined): { limit?: number } {
  return n === undefined ? {} : { limit: n };
}

/**
 * Resolves on the event loop's next turn: `setImmediate` in Node; in a browser (which has none) a
 * message to itself, which unlike `setTimeout(0)` is not held back to 4 ms between calls.
 */
function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const port = channel.port1 as unknown as { onmessage: (() => void) | null; close(): void };
    port.onmessage = () => {
      port.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

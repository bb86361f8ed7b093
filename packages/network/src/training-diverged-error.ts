/**
 * Thrown by {@link Trainer} when a mini-batch's loss is NaN or infinite: the weights have blown up
 * (a learning rate far too large is the usual cause) or the data holds NaN or Infinity. The
 * parameters are left as they were before that iteration's update, and the iteration is not
 * counted, so `trainer.iteration` and `trainer.losses` end at the last finite loss.
 *
 * @example
 * ```ts
 * import { SGD } from '@dl/layers';
 * import { array, createRng } from '@dl/linalg';
 * import { SimpleNetwork, Trainer, TrainingDivergedError, arraySource } from '@dl/network';
 * const data = arraySource(array([[1, 0], [0, 1]]), array([1, 0]));
 * const rng = createRng(0);
 * const trainer = new Trainer({
 *   network: new SimpleNetwork({ inputSize: 2, hiddenSize: 3, outputSize: 2, rng }),
 *   train: data, test: data, rng, optimizer: new SGD({ lr: 1e300 }), iterations: 10, batchSize: 2,
 * });
 * try {
 *   await trainer.run();
 * } catch (e) {
 *   if (e instanceof TrainingDivergedError) console.log(e.iteration, e.lastFiniteLoss);
 * }
 * ```
 */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';
  /** The iteration (from 1) whose loss was not finite. */
  readonly iteration: number;
  /** That loss: `NaN`, `Infinity` or `-Infinity`. */
  readonly loss: number;
  /** The loss of the iteration before, or `undefined` when the first iteration already failed. */
  readonly lastFiniteLoss: number | undefined;

  /**
   * @param iteration - the failing iteration, from 1
   * @param loss - its loss
   * @param lastFiniteLoss - the last finite loss, if any
   * @param lr - the optimiser's learning rate, for the hint, if known
   */
  constructor(iteration: number, loss: number, lastFiniteLoss: number | undefined, lr?: number) {
    const before =
      lastFiniteLoss === undefined
        ? 'no finite loss before it'
        : `last finite loss ${lastFiniteLoss.toPrecision(5)} at iteration ${iteration - 1}`;
    const hint =
      lastFiniteLoss === undefined
        ? `check the data for NaN or Infinity, or try a smaller learning rate${lr === undefined ? '' : ` than ${lr}`}`
        : `the weights blew up: try a smaller learning rate${lr === undefined ? '' : ` than ${lr}`}`;
    super(
      `Trainer: training diverged at iteration ${iteration}; expected a finite loss, got ${loss} (${before}); ${hint}`,
    );
    this.iteration = iteration;
    this.loss = loss;
    this.lastFiniteLoss = lastFiniteLoss;
  }
}

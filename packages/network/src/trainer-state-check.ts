// Internal: checks a trainer state read from a checkpoint, so that a file with a valid checksum
// but an impossible state is refused when it is decoded, not halfway through a resumed run.
import { FormatError, NDArray } from '@dl/linalg';
import { preview } from './json-limits.js';
import type { Network } from './network.js';
import type { TrainerState } from './trainer.js';

/**
 * The optimiser kinds a checkpoint may hold: the `kind` of each `@dl/layers` optimiser's
 * `getState()`. An optimiser added there is added here too.
 */
export const OPTIMIZER_KINDS: readonly string[] = [
  'SGD',
  'Momentum',
  'Nesterov',
  'AdaGrad',
  'RMSprop',
  'Adam',
];

/** A description for a message, as opposed to a value from the file to quote. */
class Described {
  constructor(readonly text: string) {}
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NDArray);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isFraction = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 1;

/**
 * Checks every field of a decoded trainer state against what {@link Trainer.getState} writes.
 *
 * @throws FormatError naming the first field that is wrong, with what was expected and got
 */
export function checkTrainerState(
  op: string,
  state: Record<string, unknown>,
  lossCount: number,
  network: Network,
): asserts state is Omit<TrainerState, 'losses'> {
  // `got` is a value from the file, or (as a Described) already words.
  const fail = (field: string, expected: string, got: unknown): never => {
    const text =
      got instanceof Described
        ? got.text
        : typeof got === 'number'
          ? String(got)
          : preview(got, 80);
    throw new FormatError(
      `${op}: invalid trainer state ${field}; expected ${expected}, got ${text}`,
    );
  };
  const { iteration, elapsed, epochs, rng, networkRng, optimizer } = state;
  if (!isCount(iteration)) fail('iteration', 'an integer >= 0', iteration);
  if (lossCount !== iteration) {
    fail('losses', `one loss per iteration (${String(iteration)})`, lossCount);
  }
  if (!isTime(elapsed)) fail('elapsed', 'seconds, a finite number >= 0', elapsed);
  if (!Array.isArray(epochs)) fail('epochs', 'an array of epoch records', epochs);
  (epochs as unknown[]).forEach((e, i) => {
    const ok =
      isObject(e) &&
      isCount(e['epoch']) &&
      e['epoch'] >= 1 &&
      isCount(e['iteration']) &&
      e['iteration'] <= (iteration as number) &&
      typeof e['loss'] === 'number' &&
      isTime(e['time']) &&
      isFraction(e['trainAcc']) &&
      isFraction(e['testAcc']);
    if (!ok) {
      fail(
        `epochs[${i}]`,
        `{ epoch >= 1, iteration <= ${String(iteration)}, loss, time >= 0, trainAcc and testAcc in [0, 1] }`,
        e,
      );
    }
  });
  const rngExpected = 'four 32-bit integers and a number (the spare deviate or NaN)';
  if (!isRngState(rng)) fail('rng', rngExpected, rng);
  if (networkRng !== undefined && !isRngState(networkRng))
    fail('networkRng', rngExpected, networkRng);
  checkOptimizerState(fail, optimizer, network);
}

/** createRng's state: four 32-bit words and the spare normal deviate (NaN when there is none). */
function isRngState(rng: unknown): boolean {
  return (
    Array.isArray(rng) &&
    rng.length === 5 &&
    rng.slice(0, 4).every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32) &&
    typeof rng[4] === 'number' &&
    !(rng[4] === Number.POSITIVE_INFINITY || rng[4] === Number.NEGATIVE_INFINITY)
  );
}

function checkOptimizerState(
  fail: (field: string, expected: string, got: unknown) => never,
  optimizer: unknown,
  network: Network,
): void {
  if (!isObject(optimizer)) fail('optimizer', 'an object', optimizer);
  const o = optimizer as Record<string, unknown>;
  if (typeof o['kind'] !== 'string' || !OPTIMIZER_KINDS.includes(o['kind'])) {
    fail('optimizer.kind', `one of ${OPTIMIZER_KINDS.join(', ')}`, o['kind']);
  }
  const hp = o['hyperparameters'];
  if (
    !isObject(hp) ||
    !Object.values(hp).every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    fail('optimizer.hyperparameters', 'an object of finite numbers', hp);
  }
  if (!isCount(o['iteration'])) fail('optimizer.iteration', 'an integer >= 0', o['iteration']);
  const slots = o['slots'];
  if (!isObject(slots)) fail('optimizer.slots', 'an object of per-parameter arrays', slots);
  for (const [slot, arrays] of Object.entries(slots as Record<string, unknown>)) {
    if (!isObject(arrays))
      fail(`optimizer.slots.${slot}`, 'an object of arrays by parameter', arrays);
    for (const [name, a] of Object.entries(arrays as Record<string, unknown>)) {
      const param = network.params[name];
      if (!param || !(a instanceof NDArray) || a.size !== param.size) {
        fail(
          `optimizer.slots.${slot}.${name}`,
          param
            ? `an array of ${param.size} numbers like the parameter`
            : 'a parameter of the network',
          a instanceof NDArray ? new Described(`an array of ${a.size}`) : a,
        );
      }
    }
  }
}

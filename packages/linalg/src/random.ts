import type { CreateOptions } from './creation.js';
import { allocate } from './dtype.js';
import { NDArray } from './ndarray.js';
import { checkShape } from './shape.js';

/**
 * A seeded random number generator. The same seed gives the same numbers on every machine.
 *
 * Created by {@link createRng}; passed explicitly to everything that needs randomness (weights,
 * batches), never taken from a global.
 */
export interface Rng {
  /** A uniform float in `[0, 1)` with 53 random bits. */
  random(): number;
  /** A standard normal float (mean 0, standard deviation 1). */
  normal(): number;
  /** A uniform integer in `[0, n)`. */
  int(n: number): number;
  /** Shuffles an array in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** A random permutation of `0 … n-1`, like `np.random.permutation(n)`. */
  permutation(n: number): Int32Array;
  /**
   * `size` integers drawn from `[0, n)`, like `np.random.choice(n, size, replace)`;
   * without replacement when `replace` is false.
   */
  choice(n: number, size: number, replace?: boolean): Int32Array;
  /** The generator's internal state, to save in a checkpoint. */
  getState(): number[];
  /** Restores a state returned by `getState`. */
  setState(state: readonly number[]): void;
}

/** splitmix32: spreads a seed over the four state words. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a seeded generator (xoshiro128** seeded through splitmix32).
 *
 * @param seed - any integer; the same seed gives the same sequence
 * @returns a {@link Rng}
 * @throws RangeError when the seed is not a finite integer
 * @example
 * ```ts
 * import { createRng } from '@dl/linalg';
 * const rng = createRng(42);
 * const a = rng.random();
 * createRng(42).random() === a; // true
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`createRng: invalid seed; expected a safe integer, got ${seed}`);
  }
  const init = splitmix32((seed >>> 0) ^ Math.floor(seed / 2 ** 32));
  const s = new Uint32Array([init(), init(), init(), init()]);
  let spare: number | undefined;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };

  const random = (): number => {
    const hi = next32() >>> 5; // 27 bits
    const lo = next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0) {
      throw new RangeError(`Rng.int: invalid bound; expected a positive integer n, got ${n}`);
    }
    return Math.floor(random() * n);
  };

  const rng: Rng = {
    random,
    normal() {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      // Box–Muller: two uniforms give two independent standard normals.
      let u = 0;
      while (u === 0) u = random();
      const v = random();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = items[i]!;
        items[i] = items[j]!;
        items[j] = tmp;
      }
      return items;
    },
    permutation(n: number): Int32Array {
      checkShape('Rng.permutation', [n]);
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = p[i]!;
        p[i] = p[j]!;
        p[j] = tmp;
      }
      return p;
    },
    choice(n: number, size: number, replace = true): Int32Array {
      checkShape('Rng.choice', [n, size]);
      if (!replace && size > n) {
        throw new RangeError(
          `Rng.choice: sample larger than population; expected size <= n without replacement, got size=${size}, n=${n}`,
        );
      }
      if (replace) {
        const out = new Int32Array(size);
        for (let i = 0; i < size; i++) out[i] = int(n);
        return out;
      }
      return rng.permutation(n).slice(0, size);
    },
    getState() {
      return [...s, spare === undefined ? Number.NaN : spare];
    },
    setState(state) {
      if (state.length !== 5) {
        throw new RangeError(
          `Rng.setState: invalid state; expected 5 numbers, got ${state.length}`,
        );
      }
      for (let i = 0; i < 4; i++) s[i] = state[i]!;
      spare = Number.isNaN(state[4]) ? undefined : state[4];
    },
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * An array of uniform random numbers in `[0, 1)`, like `np.random.rand`.
 *
 * @param shape - the dimensions
 * @param rng - the seeded generator to draw from
 * @example
 * ```ts
 * import { createRng, rand } from '@dl/linalg';
 * rand([2, 3], createRng(0)).shape; // [2, 3]
 * ```
 */
export function rand(
  shape: number | readonly number[],
  rng: Rng,
  options: CreateOptions = {},
): NDArray {
  const dims = typeof shape === 'number' ? [shape] : shape;
  const data = allocate(options.dtype ?? 'float64', checkShape('rand', dims));
  for (let i = 0; i < data.length; i++) data[i] = rng.random();
  return new NDArray(data, dims);
}

/**
 * An array of standard normal random numbers, like `np.random.randn`.
 * The lecture's weights are `0.01 * randn(784, 50)`.
 *
 * @param shape - the dimensions
 * @param rng - the seeded generator to draw from
 * @example
 * ```ts
 * import { createRng, randn } from '@dl/linalg';
 * randn([784, 50], createRng(1)).size; // 39200
 * ```
 */
export function randn(
  shape: number | readonly number[],
  rng: Rng,
  options: CreateOptions = {},
): NDArray {
  const dims = typeof shape === 'number' ? [shape] : shape;
  const data = allocate(options.dtype ?? 'float64', checkShape('randn', dims));
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return new NDArray(data, dims);
}
